"""The reference 部门决算 (上海市普陀区财政局 2024, /work/shared/reference/putuo-finance-bureau-2024-final-accounts.txt,
pages 6–20) as the tests need it: the demo's facts as plain values (no database), the year's classifications from the
budget's CSVs, and the nine tables' printed cells transcribed from the reference, with its slips corrected and named
in SLIPS."""

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from budget.builders.tables import Classifications
from final_accounts.builders import facts
from final_accounts.samples import putuo

DATA = Path(__file__).resolve().parent.parent / "budget" / "data"
DEPARTMENT = putuo.DEPARTMENT["name"]


def accounts() -> facts.Accounts:
    """The demo's final accounts: its lines (all 一般公共预算财政拨款), each 项's general-budget income equal to its
    expenditure plus the other income, the carry-overs and the entered "三公" budget."""
    lines = tuple(facts.ActualLine(function, economic, kind, facts.GENERAL_BUDGET, Decimal(amount))
                  for function, economic, kind, amount in putuo.LINES)
    spent: defaultdict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        spent[line.function_code] += line.amount
    income = (
        *(facts.IncomeLine(function, facts.GENERAL_BUDGET, amount) for function, amount in sorted(spent.items())),
        *(facts.IncomeLine(function, source, Decimal(amount)) for function, source, amount in putuo.OTHER_INCOME),
    )
    carryovers = tuple(facts.CarryOver(fund, moment, Decimal(amount)) for fund, moment, amount in putuo.CARRYOVERS)
    budget = {item: putuo.FIELDS[f"{item}_budget"] for item in facts.THREE_PUBLIC_ITEMS}
    return facts.Accounts(lines, income, carryovers, three_public_budget=budget)


def classifications() -> Classifications:
    """The year's classification lists, from budget/data's CSVs; 301 and 303 are 人员经费."""

    def names(file: str) -> dict[str, str]:
        with (DATA / file).open(encoding="utf-8") as rows:
            return {row["code"]: row["name"] for row in csv.DictReader(rows)}

    return Classifications(names("function_subjects.csv"), names("economic_subjects.csv"), frozenset({"301", "303"}))


CLASS_NAMES = [
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
    "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出",
    "抗疫特别国债安排的支出",
]
ORDINALS = (
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 二十四 二十五 二十六"
).split()
CLASS_LABELS = [f"{ordinal}、{name}" for ordinal, name in zip(ORDINALS, CLASS_NAMES, strict=True)]
CLASS_FIGURES = {"一、一般公共服务支出": "2,106.66", "八、社会保障和就业支出": "326.72", "九、卫生健康支出": "60.99",
                 "十九、住房保障支出": "445.69"}
INCOME_LABELS = ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
                 "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入"]
INCOME_FIGURES = {"一、一般公共预算财政拨款收入": "2,940.05", "八、其他收入": "6.20"}
FUND_LABELS = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]


def _table_1() -> list[list[str]]:
    rows = []
    for index, label in enumerate(CLASS_LABELS):
        income = INCOME_LABELS[index] if index < len(INCOME_LABELS) else ""
        rows.append([income, INCOME_FIGURES.get(income, ""), label, CLASS_FIGURES.get(label, "")])
    return rows + [
        ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"],
        ["使用非财政拨款结余（含专用结余）", "", "结余分配", ""],
        ["年初结转和结余", "49.14", "年末结转和结余", "55.34"],
        ["总计", "2,995.39", "总计", "2,995.39"],
    ]


def _table_4() -> list[list[str]]:
    rows = []
    for index, label in enumerate(CLASS_LABELS):
        income = FUND_LABELS[index] if index < len(FUND_LABELS) else ""
        figure = CLASS_FIGURES.get(label, "")
        rows.append([income, "2,940.05" if index == 0 else "", label, figure, figure, "", ""])
    return rows + [
        ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05", "2,940.05", "", ""],
        ["年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", "21.63", "21.63", "", ""],
        ["一、一般公共预算财政拨款", "21.63", "", "", "", "", ""],
        ["二、政府性基金预算财政拨款", "", "", "", "", "", ""],
        ["三、国有资本经营预算财政拨款", "", "", "", "", "", ""],
        ["总计", "2,961.68", "总计", "2,961.68", "2,961.68", "", ""],
    ]


def _rows(text: str) -> list[list[str]]:
    """Rows transcribed as the reference's extracted cells, " | " between them."""
    return [[cell.strip() for cell in line.split("|")] for line in text.strip().splitlines()]


# 收入决算表 (pages 8–9): its 合计 sits on the header's 类 | 款 | 项 line; here it is the first row, as the table prints it.
TABLE_2 = _rows("""
 |  |  | 合计 | 2,946.25 | 2,940.05 |  |  |  |  | 6.20
201 |  |  | 一般公共服务支出 | 2,112.86 | 2,106.66 |  |  |  |  | 6.20
201 | 06 |  | 财政事务 | 2,112.86 | 2,106.66 |  |  |  |  | 6.20
201 | 06 | 01 | 行政运行 | 1,511.90 | 1,511.89 |  |  |  |  | 0.01
201 | 06 | 02 | 一般行政管理事务 | 16.19 | 10.00 |  |  |  |  | 6.19
201 | 06 | 07 | 信息化建设 | 135.25 | 135.25 |  |  |  |  |
201 | 06 | 08 | 财政委托业务支出 | 449.52 | 449.52 |  |  |  |  |
208 |  |  | 社会保障和就业支出 | 326.72 | 326.72 |  |  |  |  |
208 | 05 |  | 行政事业单位养老支出 | 326.72 | 326.72 |  |  |  |  |
208 | 05 | 01 | 行政单位离退休 | 84.65 | 84.65 |  |  |  |  |
208 | 05 | 05 | 机关事业单位基本养老保险缴费支出 | 160.75 | 160.75 |  |  |  |  |
208 | 05 | 06 | 机关事业单位职业年金缴费支出 | 80.38 | 80.38 |  |  |  |  |
208 | 05 | 99 | 其他行政事业单位养老支出 | 0.94 | 0.94 |  |  |  |  |
210 |  |  | 卫生健康支出 | 60.99 | 60.99 |  |  |  |  |
210 | 11 |  | 行政事业单位医疗 | 60.99 | 60.99 |  |  |  |  |
210 | 11 | 01 | 行政单位医疗 | 60.99 | 60.99 |  |  |  |  |
221 |  |  | 住房保障支出 | 445.69 | 445.69 |  |  |  |  |
221 | 02 |  | 住房改革支出 | 445.69 | 445.69 |  |  |  |  |
221 | 02 | 01 | 住房公积金 | 187.19 | 187.19 |  |  |  |  |
221 | 02 | 03 | 购房补贴 | 258.50 | 258.50 |  |  |  |  |
""")

# 支出决算表 (pages 10–11), its 合计 first as in table 2.
TABLE_3 = _rows("""
 |  |  | 合计 | 2,940.05 | 2,336.91 | 603.14 |  |  |
201 |  |  | 一般公共服务支出 | 2,106.66 | 1,503.52 | 603.14 |  |  |
201 | 06 |  | 财政事务 | 2,106.66 | 1,503.52 | 603.14 |  |  |
201 | 06 | 01 | 行政运行 | 1,511.89 | 1,503.52 | 8.37 |  |  |
201 | 06 | 02 | 一般行政管理事务 | 10.00 |  | 10.00 |  |  |
201 | 06 | 07 | 信息化建设 | 135.25 |  | 135.25 |  |  |
201 | 06 | 08 | 财政委托业务支出 | 449.52 |  | 449.52 |  |  |
208 |  |  | 社会保障和就业支出 | 326.72 | 326.72 |  |  |  |
208 | 05 |  | 行政事业单位养老支出 | 326.72 | 326.72 |  |  |  |
208 | 05 | 01 | 行政单位离退休 | 84.65 | 84.65 |  |  |  |
208 | 05 | 05 | 机关事业单位基本养老保险缴费支出 | 160.75 | 160.75 |  |  |  |
208 | 05 | 06 | 机关事业单位职业年金缴费支出 | 80.38 | 80.38 |  |  |  |
208 | 05 | 99 | 其他行政事业单位养老支出 | 0.94 | 0.94 |  |  |  |
210 |  |  | 卫生健康支出 | 60.99 | 60.99 |  |  |  |
210 | 11 |  | 行政事业单位医疗 | 60.99 | 60.99 |  |  |  |
210 | 11 | 01 | 行政单位医疗 | 60.99 | 60.99 |  |  |  |
221 |  |  | 住房保障支出 | 445.69 | 445.69 |  |  |  |
221 | 02 |  | 住房改革支出 | 445.69 | 445.69 |  |  |  |
221 | 02 | 01 | 住房公积金 | 187.19 | 187.19 |  |  |  |
221 | 02 | 03 | 购房补贴 | 258.50 | 258.50 |  |  |  |
""")

# 一般公共预算财政拨款支出决算表 (page 15): 合计 last, its label in the first column.
TABLE_5 = [row[:7] for row in TABLE_3[1:]] + _rows("合计 |  |  |  | 2,940.05 | 2,336.91 | 603.14")

# 一般公共预算财政拨款基本支出决算表 (pages 16–17), the names as the cells hold them once the PDF's spacing is undone
# (its "因 公 出 国 （ 境 ） 费用" is 因公出国（境）费用).
TABLE_6 = _rows("""
301 |  | 工资福利支出 | 2,082.85 | 302 |  | 商品和服务支出 | 171.07
301 | 01 | 基本工资 | 262.33 | 302 | 01 | 办公费 | 21.21
301 | 02 | 津贴补贴 | 1,238.58 | 302 | 02 | 印刷费 | 7.61
301 | 03 | 奖金 |  | 302 | 03 | 咨询费 |
301 | 06 | 伙食补助费 |  | 302 | 04 | 手续费 | 0.09
301 | 07 | 绩效工资 |  | 302 | 05 | 水费 |
301 | 08 | 机关事业单位基本养老保险缴费 | 160.75 | 302 | 06 | 电费 |
301 | 09 | 职业年金缴费 | 80.38 | 302 | 07 | 邮电费 | 4.88
301 | 10 | 职工基本医疗保险缴费 | 60.99 | 302 | 08 | 取暖费 |
301 | 11 | 公务员医疗补助缴费 |  | 302 | 09 | 物业管理费 |
301 | 12 | 其他社会保障缴费 | 1.61 | 302 | 11 | 差旅费 | 1.20
301 | 13 | 住房公积金 | 187.19 | 302 | 12 | 因公出国（境）费用 |
301 | 14 | 医疗费 |  | 302 | 13 | 维修（护）费 | 2.83
301 | 99 | 其他工资福利支出 | 91.03 | 302 | 14 | 租赁费 |
303 |  | 对个人和家庭的补助 | 69.41 | 302 | 15 | 会议费 |
303 | 01 | 离休费 |  | 302 | 16 | 培训费 | 4.05
303 | 02 | 退休费 | 69.10 | 302 | 17 | 公务接待费 |
303 | 03 | 退职（役）费 |  | 302 | 18 | 专用材料费 |
303 | 04 | 抚恤金 |  | 302 | 24 | 被装购置费 |
303 | 05 | 生活补助 |  | 302 | 25 | 专用燃料费 |
303 | 07 | 医疗费补助 |  | 302 | 26 | 劳务费 | 2.01
303 | 08 | 助学金 |  | 302 | 27 | 委托业务费 |
303 | 09 | 奖励金 | 0.31 | 302 | 28 | 工会经费 | 24.42
303 | 10 | 个人农业生产补贴 |  | 302 | 29 | 福利费 | 42.77
303 | 11 | 代缴社会保险费 |  | 302 | 31 | 公务用车运行维护费 |
303 | 99 | 其他对个人和家庭的补助 |  | 302 | 39 | 其他交通费用 | 48.49
 |  |  |  | 302 | 40 | 税金及附加费用 |
 |  |  |  | 302 | 99 | 其他商品和服务支出 | 11.53
 |  |  |  | 310 |  | 资本性支出 | 13.58
 |  |  |  | 310 | 01 | 房屋建筑物购建 |
 |  |  |  | 310 | 02 | 办公设备购置 | 13.58
 |  |  |  | 310 | 03 | 专用设备购置 |
 |  |  |  | 310 | 07 | 信息网络及软件购置更新 |
 |  |  |  | 310 | 13 | 公务用车购置 |
 |  |  |  | 310 | 19 | 其他交通工具购置 |
 |  |  |  | 310 | 21 | 文物和陈列品购置 |
 |  |  |  | 310 | 22 | 无形资产购置 |
 |  |  |  | 310 | 99 | 其他资本性支出 |
人员经费合计 |  |  | 2,152.26 | 公用经费合计 |  |  | 184.65
""")

# 财政拨款“三公”经费支出决算表 (page 18): 预算数 and 决算数 of 合计, 因公出国（境）费, 公务用车购置及运行费 (小计, 购置费,
# 运行费) and 公务接待费.
TABLE_7 = _rows("0.95 |  |  |  |  |  |  |  |  |  | 0.95 | ")

# Printed cells by table key, as the Shanghai form prints them; the fund tables (8, 9) are empty.
EXPECTED = {
    "income_expenditure": _table_1(),
    "income": TABLE_2,
    "expenditure": TABLE_3,
    "fiscal": _table_4(),
    "general_budget": TABLE_5,
    "general_budget_basic": TABLE_6,
    "three_public": TABLE_7,
    "government_fund": [],
    "state_capital": [],
}
TITLES = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
          "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
          "国有资本经营预算财政拨款收入支出决算表"]
EMPTY_NOTES = {
    "government_fund": "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。",
    "state_capital": "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。",
}

# Where the reference prints a figure its own lines contradict, the product prints the lines' and says why:
# (table key, row label, column of the printed cells, the reference's, ours, why).
SLIPS = [
    ("income_expenditure", "八、社会保障和就业支出", 3, "326.71", "326.72",
     "its 项 sum to 326.72 and tables 2, 3 and 5 print 326.72 for 类 208: the reference forced the column to foot to "
     "本年支出合计 2,940.05 (2,106.66 + 326.72 + 60.99 + 445.69 = 2,940.06, a 尾差 the product notes instead)"),
    ("fiscal", "八、社会保障和就业支出", 3, "326.71", "326.72", "the same 类 208 under 合计, forced to foot as in table 1"),
    ("fiscal", "八、社会保障和就业支出", 4, "326.71", "326.72", "and under 一般公共预算财政拨款"),
]
# Tables whose printed totals differ from the sum of their printed parts: 1–5 through 类 208 (326.72 printed, the
# 类 sum to 2,940.06 against 2,940.05), table 6 through 301 (2,082.85 against its 款's 2,082.86) and 302 (171.07
# against 171.09), a genuine 尾差 of the reference.
TAIL_DIFFERENCES = {"income_expenditure", "income", "expenditure", "fiscal", "general_budget", "general_budget_basic"}
