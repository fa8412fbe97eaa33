"""The reference final accounts' texts (shared/reference/putuo-finance-bureau-2024-final-accounts.txt, pages 4–5 and
21–25) transcribed paragraph by paragraph, the PDF's line breaks joined, and the demo's facts as the explanation's
builder takes them (final_accounts/samples/putuo.py, through tests/reference_final_accounts.py's accounts()).

The reference's slips are listed in SLIPS, each with why; the product writes them right and the tests expect the
corrected text (corrected()). Figures are exact, words are not sacred: a slip is a figure the reference's own tables
contradict, or wording its own rules break elsewhere.
"""

import re
from decimal import Decimal
from pathlib import Path

from final_accounts.builders import facts, narrative
from final_accounts.samples import putuo
from tests.reference_final_accounts import accounts, classifications

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared"
# The copy in tests/data when the repository has one (CI), else the shared folder's.
REFERENCE_FILES = (
    Path(__file__).parent / "data" / "putuo-finance-bureau-2024-final-accounts.txt",
    SHARED_DATA / "reference" / "putuo-finance-bureau-2024-final-accounts.txt",
)


def putuo_facts() -> narrative.ExplanationFacts:
    """The demo's ExplanationFacts from its entered fields: everything entered, as the reference's 2023 figures and
    2024 budget are not on the platform."""
    return narrative.from_fields(
        putuo.DEPARTMENT["name"], putuo.YEAR, accounts(), classifications(), putuo.FIELDS,
        item_budgets=[facts.ItemBudget(code, Decimal(amount), purpose, reason or "")
                      for code, amount, purpose, reason in putuo.ITEM_BUDGETS],
        has_running_cost=putuo.DEPARTMENT["nature"] in ("行政", "参公"),
    )


# 第三部分's sections as the reference prints them: (heading, paragraphs), the PDF's line breaks joined.
SECTIONS = [
    ("一、收入支出决算总体情况说明", [
        "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
        "主要原因：基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付。",
    ]),
    ("二、收入决算情况说明", [
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；",
    ]),
    ("三、支出决算情况说明", [
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；",
    ]),
    ("四、财政拨款收入支出决算总体情况说明", [
        "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。主要原因："
        "基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付。",
    ]),
    ("五、一般公共预算财政拨款支出决算情况说明", [
        "（一）一般公共预算财政拨款支出决算总体情况",
        "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。与2023年度相比，一般公共预算财政拨款支出减少"
        "63.14万元，下降2.10%。主要原因：基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付。",
        "（二）一般公共预算财政拨款支出决算结构情况",
        "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；"
        "社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）"
        "445.69万元，占15.16%；",
        "（三）一般公共预算财政拨款支出决算具体情况",
        "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数"
        "的主要原因：因年度工作计划安排，个别信息化项目和中介机构服务调减。其中：",
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算"
        "为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。",
        "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初"
        "预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。",
        "3、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化系统日常维护费等支出。年初预算为135.90"
        "万元，支出决算为135.25万元。决算数小于预算数的主要原因：因产业政策扶持资金管理系统项目进度，调减相关经费。",
        "4、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于：委托中介机构开展各类审计及绩效评价工作。"
        "年初预算为450.52万元，支出决算为449.52万元。决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及支付"
        "完毕，于明年重新申请。",
        "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：退休人员经费支出。年初预算为"
        "85.55万元，支出决算为84.65万元。决算数小于预算数的主要原因：预算按充分保障预估，实际执行基本贴合预期。",
        "6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：在职人员的"
        "基本养老保险支出。年初预算为161.62万元，支出决算为160.75万元。决算数小于预算数的主要原因：预算按充分保障预估，"
        "实际执行基本贴合预期。",
        "7、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。主要用于：在职人员的职业"
        "年金缴费支出。年初预算为80.81万元，支出决算为80.38万元。决算数小于预算数的主要原因：预算按周全保障测算，实际执行"
        "基本贴合预期。",
        "8、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）。主要用于：退休人员经费支出。"
        "年初预算为0.94万元，支出决算为0.94万元。决算数与预算数基本持平。",
        "9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：在职人员基本医疗保险费。年初预算为62.29"
        "万元，支出决算为60.99万元。决算数小于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期。",
        "10、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：缴纳在职人员住房公积金。年初预算为187.75万元，"
        "支出决算为187.19万元。决算数小于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期。",
        "11、住房保障支出（类）住房改革支出（款）购房补贴（项）。主要用于：缴纳在职人员住房购房补贴。年初预算为258.50万元，"
        "支出决算为258.50万元。决算数与预算数基本持平。",
    ]),
    ("六、一般公共预算财政拨款基本支出决算情况说明", [
        "一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元，主要包括：基本工资、津贴补贴、机关事业单位"
        "基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、其他社会保障缴费、住房公积金、其他工资福利支出、退休费、"
        "个人农业生产补贴；公用经费184.65万元，主要包括：办公费、印刷费、手续费、邮电费、差旅费、维修（护）费、培训费、"
        "劳务费、工会经费、福利费、其他交通费用、其他商品和服务支出、办公设备购置。",
    ]),
    ("七、财政拨款“三公”经费支出决算情况说明", [
        "（一）“三公”经费财政拨款支出决算总体情况说明。",
        "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00"
        "万元，完成预算的0%；公务用车购置及运行维护费支出决算为0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，"
        "完成预算的0%。2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出。",
        "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；公务用车购置及运行维护费"
        "支出决算持平；公务接待费支出决算持平。",
        "（二）“三公”经费财政拨款支出决算具体情况说明。",
        "上海市普陀区财政局2024年度无“三公”经费财政拨款支出。",
    ]),
    ("八、政府性基金预算财政拨款收入支出决算情况说明", [
        "上海市普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。",
    ]),
    ("九、国有资本经营预算财政拨款收入支出决算情况说明", [
        "上海市普陀区财政局2024年度无国有资本经营预算财政拨款收入和支出。",
    ]),
    ("十、预算绩效管理情况", [
        "上海市普陀区财政局2024年度预算绩效管理工作开展情况如下：本部门制定了普陀区财政局预算绩效管理实施办法，建立了"
        "普陀区财政局预算绩效管理工作机制；实行全过程绩效管理实施情况跟踪：编报绩效目标的2024年度项目4个，涉及预算金额"
        "598.42万元；绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元；绩效自评的2024年度项目4个，涉及预算金额"
        "598.42万元，平均得分99.43分（其中，绩效评级为“优”的项目4个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个；"
        "绩效评级为“不合格”的项目0个。绩效自评中共发现问题0个，已经完成整改的0个，正在整改的0个）。",
    ]),
    ("十一、其他重要事项的情况说明", [
        "（一）机关运行经费支出情况",
        "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是优化办公环境、提升照明效率，更换了老旧"
        "照明设施，导致相关支出略有增加。",
        "（二）政府采购支出情况",
        "上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、工程采购金额"
        "0万元、服务采购金额246.47万元。",
        "2024年度本部门面向中小企业预留政府采购项目预算金额246.47万元，面向小微企业预留政府采购项目预算金额0万元。在面向"
        "中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元；在面向小微企业预留政府采购项目中，"
        "由小微企业供应商中标或成交的，采购金额0万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额4.79万元。",
        "（三）国有资产占有使用情况说明",
        "截至2024年12月31日，上海市普陀区财政局共有车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车"
        "0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆。单价100万元（含）以上"
        "设备（不含车辆）2台（套）。",
    ]),
]

# 第一部分's 部门决算单位构成 as printed (序号, 单位名称, 备注) and its paragraph.
COMPOSITION = (
    "从预算单位构成看，上海市普陀区财政局部门决算包括：上海市普陀区财政局本级决算、下属行政事业单位决算。纳入上海市普陀区"
    "财政局2024年度部门决算编制范围的单位包括："
)
UNIT_ROWS = [
    (1, "上海市普陀区财政局（本级）", ""),
    (2, "上海市普陀区财政局财政所", "预算不单列，并入本级"),
    (3, "上海市普陀区国库收付中心", "预算不单列，并入本级"),
]

# The reference's slips, which the product writes right. Each (pattern, replacement, why).
SLIPS = [
    ("其他收入6\\.2万元", "其他收入6.20万元", "every amount prints two decimals"),
    (r"(占0\.21%|占20\.51%|占15\.16%)；$", r"\1。", "a paragraph ending in ； instead of its closing 。"),
    (
        "财政拨款收入支出总计0\\.3万元",
        "财政拨款收入支出总计2961.68万元",
        "a unit slip: its own table 4 prints 总计 2,961.68万元 (≈ 0.30亿元)",
    ),
    (
        "财政拨款收入支出总计持平。",
        "财政拨款收入支出总计减少63.14万元，下降2.09%。",
        "not 持平: 2023's 3024.82万元 (一般公共预算财政拨款支出 3003.19 + 年末结转 21.63, docs/demo-data.md) against "
        "2961.68万元",
    ),
    ("一般公共服务支出（类）2106\\.66万元，占71\\.73%", "一般公共服务支出（类）2106.66万元，占71.65%",
     "2106.66 / 2940.05 is 71.65% (the printed shares summed to 100.07%)"),
    ("退休费、个人农业生产补贴；", "退休费、奖励金；",
     "its table 6 has no 个人农业生产补贴 (30310) and 0.31万元 of 奖励金 (30309): the list derives from the 款 spent"),
    (
        "年初预算为0\\.94万元，支出决算为0\\.94万元。决算数与预算数基本持平。",
        "年初预算为0.94万元，支出决算为0.94万元。决算数与预算数持平。",
        "exactly equal (9,400元 both) is 持平; 基本持平 is kept for figures that print alike but differ (10.00, 258.50)",
    ),
    ("。$", "", "a subheading closes with no mark, as section 五's do"),
    ("完成预算的0%，其中", "完成预算的0.00%，其中", "percentages print two decimals, as 98.20% does"),
    (
        "因公出国（境）费决算为0\\.00万元，完成预算的0%",
        "因公出国（境）费支出决算为0.00万元，年初未安排预算",
        "no rate of a 预算 of 0 (its table 7 has none for this item); one wording for the three items",
    ),
    (
        "公务用车购置及运行维护费支出决算为0\\.00万元，完成预算的0%",
        "公务用车购置及运行维护费支出决算为0.00万元，年初未安排预算",
        "no rate of a 预算 of 0 (its table 7 has none for this item)",
    ),
    ("公务接待费支出决算为0\\.00万元，完成预算的0%", "公务接待费支出决算为0.00万元，完成预算的0.00%",
     "percentages print two decimals"),
    ("金额0万元", "金额0.00万元", "every amount prints two decimals"),
    ("其中:", "其中：", "an ASCII colon in Chinese text"),
]
SUBHEADING_SLIPS = {"。$"}  # applied to subheadings only


def corrected(text: str, subheading: bool = False) -> str:
    """A paragraph of the reference with its slips written right."""
    for pattern, replacement, _ in SLIPS:
        if (pattern in SUBHEADING_SLIPS) == subheading:
            text = re.sub(pattern, replacement, text)
    return text


def is_subheading(paragraph: str) -> bool:
    """"（一）…" with no sentence after it."""
    return bool(re.match(r"^（[一二三四五六七八九十]+）", paragraph)) and "，" not in paragraph


def expected_sections() -> list[tuple[str, list[str]]]:
    """The sections as the product writes them: the reference's, corrected."""
    return [(heading, [corrected(p, is_subheading(p)) for p in paragraphs]) for heading, paragraphs in SECTIONS]


def reference_text() -> str | None:
    """The reference's whole text with every line break removed (for finding a transcribed paragraph), or None
    where no copy is at hand."""
    for path in REFERENCE_FILES:
        if path.exists():
            return re.sub(r"\s*\n\s*", "", path.read_text(encoding="utf-8"))
    return None
