"""The demo: the reference 2024 budget of 中共石家庄市鹿泉区委网络安全和信息化委员会 (code 224).

The reference prints rounded 万元; the 元 amounts below are chosen so that every figure the tables
derive from them, parts and totals alike, rounds to the printed one (see docs/demo-data.md).
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.contrib.auth import get_user_model
from django.db import transaction

from budget import access, publication, workflow
from budget.builders.narrative import punctuated
from budget.exchange import subjects
from budget.models import AssetHolding, Budget, EconomicSubject, FunctionSubject, ProcurementItem, Project
from budget.samples import synthetic
from departments.models import Department
from performance import scoring
from performance.models import IndicatorEvaluation, PerformanceIndicator, ProjectEvaluation

YEAR = 2024
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-budget-2024"
# Demo logins, one per role (all with DEMO_PASSWORD): username → (role group or None for a superuser,
# department code it belongs to, description for the README and the command's output).
DEMO_USERS = {
    "demo": (None, None, "系统管理员（超级用户）"),
    "kuaiji": (access.ACCOUNTANT, "224", "部门会计：鹿泉区委网信委（224）"),
    "kuaiji2": (access.ACCOUNTANT, "225", "部门会计：另一个部门（225），看不到224的数据"),
    "shenhe": (access.REVIEWER, None, "财政局审核"),
}
OTHER_DEPARTMENT = {"code": "225", "name": "石家庄市鹿泉区示例局", "nature": "行政", "rank": "正科级", "funding_form": "财政拨款"}

DEPARTMENT = {
    "code": "224",
    "name": "中共石家庄市鹿泉区委网络安全和信息化委员会",
    "short_name": "鹿泉区委网信委",
    "nature": "行政",
    "rank": "正科级",
    "funding_form": "财政拨款",
}
UNIT = {
    "code": "224001",
    "name": "中共石家庄市鹿泉区委网络安全和信息化委员会办公室本级",
    "nature": "行政",
    "rank": "正科级",
    "funding_form": "财政拨款",
}

# Basic expenditure, all 一般公共预算拨款: (function 项, economic 款, 元).
BASIC_LINES = [
    ("2013301", "30101", "544400.00"),
    ("2013301", "30102", "309400.00"),
    ("2013301", "30103", "295400.00"),
    ("2013301", "30107", "438500.00"),
    ("2013301", "30112", "45100.00"),
    ("2013301", "30201", "73010.00"),
    ("2013301", "30207", "37810.00"),
    ("2013301", "30226", "186910.00"),
    ("2013301", "30228", "11600.00"),
    ("2013301", "30229", "10105.00"),
    ("2013301", "30239", "49200.00"),
    ("2013301", "30299", "5900.00"),
    ("2013301", "30309", "500.00"),
    ("2013301", "31002", "5005.00"),
    ("2080502", "30302", "143220.00"),
    ("2080502", "30229", "3500.00"),
    ("2080505", "30108", "206610.00"),
    ("2101102", "30110", "84205.00"),
    ("2101102", "30111", "65200.00"),
    ("2210201", "30113", "200705.00"),
]


PLAN = {"plan_march": 25, "plan_june": 50, "plan_october": 75, "plan_december": 100}

# Projects in the document's order: code, name, the short name and place the 支出说明 lists them by,
# function 项, economic 款, 元, purpose, goal, indicators.
# An indicator: (一级, 二级, 三级, 描述, target, 依据); a target is (comparator, number, unit) or a text.
Target = tuple[str, str, str] | str
Indicator = tuple[str, str, str, str, Target, str]


class DemoProject(TypedDict):
    code: str
    short_name: str
    summary_position: int
    name: str
    function: str
    economic: str
    amount: str
    purpose: str
    goal: str
    indicators: list[Indicator]


PROJECTS: list[DemoProject] = [
    {
        "code": "13011024P003228100103",
        "short_name": "涉军岗位",
        "summary_position": 6,
        "name": "2024年涉军岗位工资",
        "function": "2013701",
        "economic": "30226",
        "amount": "114300.00",
        "purpose": "实现公益岗托管安置就业",
        "goal": "1.目标内容：为我单位2名涉军公益岗位按时足额发放工资，涉军人员岗位工资3400，取暖补贴2200",
        "indicators": [
            ("output", "quantity", "涉军公益岗人数", "涉军公益岗人数", ("=", "2", "名"), "历史指标"),
            ("output", "quality", "公益性岗位补贴发放准确率", "公益性岗位补贴发放准确率", ("=", "100", "%"), "历史指标"),
            ("output", "timeliness", "涉军岗位工资及时发放率", "涉军岗位工资及时发放率", ("≥", "90", "%"), "工作计划"),
            ("output", "cost", "涉军岗位取暖费", "涉军岗位取暖费", ("=", "2200", "元"), "历史指标"),
            ("output", "cost", "涉军公益岗人员工资", "涉军公益岗人员工资", ("=", "3400", "元"), "历史指标"),
            ("effect", "sustainability", "托管安置人数", "公益岗托管安置人数", ("=", "2", "名"), "历史指标"),
            ("satisfaction", "beneficiary_satisfaction", "涉军岗位人员满意度", "涉军岗位人员满意度", ("≥", "90", "%"), "工作计划"),
        ],
    },
    {
        "code": "13011024P003228100155",
        "short_name": "网络安全技术支持项目",
        "summary_position": 2,
        "name": "2024年网络安全技术支持项目",
        "function": "2013704",
        "economic": "30227",
        "amount": "250000.00",
        "purpose": "对全区网络安全进行宣传和技术支持",
        "goal": "1.目标内容：进行网络安全宣传周不少于5次、网络安全应急演练等活动；同时负责监测全区21个官方网站、系统、APP、终端等网络安全的技术服务，所需项目经费共计25万",
        "indicators": [
            ("output", "quantity", "组织开展网络宣传周等活动次数", "组织开展网络宣传周等活动次数", ("≥", "5", "次"), "工作计划"),
            ("output", "quality", "网络安全技术监测工作完成率", "网络安全技术监测工作完成率", ("=", "100", "%"), "工作计划"),
            ("output", "quantity", "对全区21个官方网站、系统、APP、终端等监测次数", "对全区21个官方网站、系统、APP、终端等监测次数", "对所有监测站点实行7*24小时监测", "历史指标"),
            ("output", "timeliness", "工作按时完成率", "工作按时完成率", ("≥", "90", "%"), "历史指标"),
            ("output", "cost", "网络安全技术支持成本", "网络安全技术支持成本", ("≤", "25", "万"), "工作计划"),
            ("effect", "sustainability", "项目持续影响效果", "对全区网络安全进行宣传和技术支持", "做好全区网络安全进行宣传和技术支持", "历史指标"),
            ("satisfaction", "beneficiary_satisfaction", "服务对象满意度", "服务对象满意度", ("≥", "80", "%"), "工作计划"),
        ],
    },
    {
        "code": "13011024P00322810013X",
        "short_name": "网络文明建设服务项目",
        "summary_position": 3,
        "name": "2024年网络文明建设服务项目",
        "function": "2013704",
        "economic": "30227",
        "amount": "300000.00",
        "purpose": "增强全民网络文明意识，积极组织开展有关网络文明正能量的线上、线下的宣传活动",
        "goal": "1.目标内容：根据省市安排，积极组织开展有关网络文明正能量的线上、线下的宣传活动不少于5次；依托网络文明素养基地开展“魅力鹿泉e路同行”网络主题宣传活动不少于3次，谋划推动商业平台互动宣传和优秀新媒体作品征集展示活动（抖音、头条），加大全区网络正能量宣传。所需资金30",
        "indicators": [
            ("output", "quantity", "组织开展网络主题宣传活动次数", "组织开展网络主题宣传活动次数", ("≥", "5", "次"), "工作计划"),
            ("output", "quantity", "正能量宣传活动开展次数", "正能量宣传活动开展次数", ("≥", "3", "次"), "工作计划"),
            ("output", "quality", "开展宣传活动次数完成率", "开展宣传活动次数完成率", ("≥", "90", "%"), "工作计划"),
            ("output", "timeliness", "工作按时完成率", "工作按时完成率", ("=", "100", "%"), "工作计划"),
            ("output", "cost", "网络文明建设服务成本", "网络文明建设服务成本", ("≤", "30", "万"), "工作计划"),
            ("effect", "sustainability", "增强全民网络文明意识", "增强全民网络文明意识", "增强全民网络文明意识", "工作计划"),
            ("satisfaction", "beneficiary_satisfaction", "网络使用人员满意度", "网络使用人员满意度", ("≥", "85", "%"), "历史指标"),
        ],
    },
    {
        "code": "13011024P00322810012A",
        "short_name": "舆情监测直报项目",
        "summary_position": 4,
        "name": "2024年网络舆情监测直报项目",
        "function": "2013704",
        "economic": "30227",
        "amount": "250000.00",
        "purpose": "省直报辅助推送服务，对重点事件进行专题监测",
        "goal": "1.目标内容：对政治类信息举报进行重点监测，提供省直报数量不少于8000条，同时配合石家庄市舆情监测并进行推送等技术服务，并做好网信办视频会议室信息技术维护工作。舆情监测直报费用25万。",
        "indicators": [
            ("output", "quantity", "提供省直报数量", "提供省直报数量", ("≥", "8000", "条"), "工作计划"),
            ("output", "quality", "涉稳舆情处置率", "涉稳舆情处置率", ("≥", "80", "%"), "工作计划"),
            ("output", "timeliness", "报送舆情时间按时完成率", "报送舆情时间按时完成率", ("=", "100", "%"), "工作计划"),
            ("output", "cost", "舆情监测直报成本", "舆情监测直报成本", ("≤", "25", "万元"), "工作计划"),
            ("effect", "sustainability", "网络安全稳定运行", "网络安全稳定运行", "网络安全", "工作计划"),
            ("satisfaction", "beneficiary_satisfaction", "使用单位成员满意度", "使用单位成员满意度", ("≥", "80", "%"), "工作计划"),
        ],
    },
    {
        "code": "13011024P00322810011N",
        "short_name": "网络重点平台宣传项目",
        "summary_position": 5,
        "name": "2024年网络重点平台宣传项目",
        "function": "2013704",
        "economic": "30227",
        "amount": "300000.00",
        "purpose": "定期对鹿泉区内政务新媒体从业人员进行专题培训、专题培训次数不少于4次，在重点平台设置开屏广告",
        "goal": "1.目标内容：为提升鹿泉网络宣传效果，充分发挥新媒体传播速度快、覆盖范围广的优势，定期对鹿泉区内政务新媒体从业人员进行专题培训、专题培训次数不少于4次，在重点平台设置开屏广告，投放广告开屏数量不少于5个，建立宣传矩阵。所需资金30万",
        "indicators": [
            ("output", "quantity", "专题培训次数", "专题培训次数", ("≥", "4", "次"), "工作计划"),
            ("output", "quantity", "投放广告开屏数量", "投放广告开屏数量", ("≥", "5", "个"), "工作计划"),
            ("output", "quality", "网络宣传工作完成率", "网络宣传工作完成率", ("=", "100", "%"), "工作计划"),
            ("output", "timeliness", "工作按时完成率", "工作按时完成率", ("=", "100", "%"), "工作计划"),
            ("output", "cost", "平台宣传数量成本", "平台宣传数量成本", ("≤", "30", "万"), "工作计划"),
            ("effect", "sustainability", "项目持续影响效果", "树立我区正面形象", "做好宣传网络", "历史指标"),
            ("satisfaction", "beneficiary_satisfaction", "服务对象满意度", "服务对象满意度", ("≥", "80", "%"), "历史指标"),
        ],
    },
    {
        "code": "13011024P00322810016Q",
        "short_name": "舆情中心运行费",
        "summary_position": 1,
        "name": "2024年舆情中心运行费",
        "function": "2013704",
        "economic": "30227",
        "amount": "300000.00",
        "purpose": "运用监测系统，实现网络舆情监测全覆盖，确保我区网络舆情及时发现",
        "goal": "1.目标内容：运用监测设备实现网络舆情全覆盖，并使用专业APP实时监测我区网上舆情信息，并在大数据筛选基础上进行人工分拣推送，舆情推送次数不少于1万条。提高精准度。同时新增图片和音视频两套监测系统。共计项目经费30万。",
        "indicators": [
            ("output", "timeliness", "报送网络舆情时间", "报送网络舆情时间", ("≤", "2", "小时"), "历史指标"),
            ("output", "cost", "系统维护成本", "系统维护成本", ("=", "30", "万元"), "工作计划"),
            ("output", "quantity", "全网舆情推送次数", "全网舆情推送次数", ("≥", "10000", "条"), "历史指标"),
            ("output", "quality", "涉稳舆情处置率", "涉稳舆情处置率", ("≥", "80", "%"), "工作计划"),
            ("effect", "sustainability", "网络安全稳定运行", "网络安全稳定运行", "网络安全运行", "历史指标"),
            ("satisfaction", "beneficiary_satisfaction", "使用单位成员满意度", "使用单位成员满意度", ("≥", "80", "%"), "工作计划"),
        ],
    },
]

PROCUREMENT = [
    # project code, item, catalog code, measure unit, quantity, unit price 元, amount 元, SME share 元
    ("13011024P00322810013X", "互联网信息服务", "C17020000", "万元", "1", "300000.00", "300000.00", "300000.00"),
    ("13011024P00322810011N", "互联网信息服务", "C17020000", "万元", "1", "300000.00", "300000.00", "300000.00"),
]

TEXTS = {
    "duties": "\n".join([
        "负责处理区委网络安全和信息化委员会日常事务工作。协调督促有关方面落实委员会的决定事项、工作部署和要求，组织开展对涉及政治、经济、文化、社会、生态及军事等各个领域的网络安全和信息化重大问题研究，向委员会提出工作建议。",
        "贯彻落实网络安全和信息化发展战略、宏观规划和重大决策。统筹推进网络安全和信息化法治、标准建设，根据职责权限负责相关法规、规章等的实施和监督检查，根据职责权限推动落实网络安全和信息化领域国家标准并监督实施；依法完善与信息化相关的统计调查制度。",
        "统筹协调全区网络安全保障体系和可信体系建设。牵头协调有关部门制定相关行业网络安全规划及保障评价指标体系，协调信息安全保护工作；指导推进党政军部门、重点行业网络安全保障和信息化工作；统筹指导推进网络安全和信息化军民融合深度发展；负责全区网络安全信息共享和通报工作。",
        "组织开展相关领域对外交流与合作。",
        "指导全区有关部门及单位网络安全和信息化工作。",
        "完成市委网络安全和信息化委员会办公室（市互联网信息办公室）和区委、区政府及区委网络安全和信息化委员会、区委宣传部交办的其他事项。",
    ]),
    "basic_change_reason": "2024年有入职人员",
    "project_change_reason": "我单位项目有新增内容",
    "running_cost_uses": "日常维修、办公用房水电费、办公用房取暖费、办公用房物业管理费等日常运行支出",
    "three_public_change_reason": (
        "2024年，我部门财政拨款“三公”经费预算安排0.00万元，其中因公出国（境）费0.00万元； 公务用车购置及运维费0.00万元"
        "（其中：公务用车购置费为0.00万元，公务用车运维费0.00万元)； 公务接待费0.00万元。“三公”经费与2023年持平，无增减变化。"
    ),
    "overall_goal": "为了更好的落实网络舆情24小时实时监测、收集、分析和报送工作，对互联网信息内容进行管理，继续使用原有的监测软件，保障互联网信息的意识形态安全。利用座谈、培训等方式，开展网络安全教育，发放宣传资料、宣传网络安全知识，提升群众网络安全意识。通过网络安全技术服务项目，进行培训工作、网络安全检查、安全监测预警、应急演练、网络安全宣传周，每月开展宣传工作，提高群众网络安全意识。",
    "item_goals": "\n".join([
        "1、网络安全技术支持项目",
        "绩效目标：通过培训、网络安全检查、安全监测预警、应急演练、网络安全宣传周，每月开展宣传工作，提高群众网络安全意识。",
        "绩效指标：组织开展网络宣传周、网络安全应急演练等活动等活动次数不少于5次，同时负责监测全区21个官方网站、系统、APP、终端等网络安全的技术服务",
        "2、舆情中心运行费项目",
        "绩效目标：通过互联网信息内容管理及信息内容监督管理执法，组织开展互联网生态治理，筑牢网络意识形态安全线。",
        "绩效指标：利用人工和软件相结合的方式，进行24小时不间断的舆情监测，负责对舆情进行搜集、分析、研判，并会同有关部门对有害信息进行及时处置，维护晴朗的网络环境。",
        "3、妥善安置退役军人公益岗",
        "绩效目标：严格落实上级政策，对单位内部的退役军人公益岗进行妥善安置。",
        "绩效指标:及时发放本单位退役军人的岗位工资及相关补贴，保障其合法权益。",
        "4、网络舆情监测直报项目",
        "绩效目标：对政治类信息举报进行重点监测，同时配合石家庄市舆情监测并进行推送等技术服务，并做好网信办视频会议室信息技术维护工作。",
        "绩效指标: 及时快速对涉稳舆情处置，第一时间报送网络舆情，通过省直报送推送服务每年推送不少于8000条。对重点事件进行专题监测。并做好网信办视频会议室信息技术维护工作。",
        "5、新媒体平台技术服务宣项目",
        "绩效目标：对网信办所辖的官方微信公众号、今日头条、抖音、微博、一点资讯、澎湃新闻、网信鹿泉等账号提供技术支持。",
        "绩效指标: 运营官方公众号数量不少于5个，媒体宣传报道次数一年不少于30次。",
        "6.网络重点平台宣传项目",
        "绩效目标：为为提升鹿泉网络宣传效果，树立鹿泉区正面形象，充分发挥新媒体传播速度快、覆盖范围广的优势，定期对鹿泉区内政务新媒体从业人员进行专题培训、在重点平台设置开屏广告，建立宣传矩阵。",
        "绩效指标: 对媒体从业人员开展专题培训不少于5次，投放广告开屏数量1个，建立宣传矩阵1个。",
        "7.网络文明建设服务项目",
        "绩效目标：积极组织开展有关网络文明正能量的线上、线下的宣传活动；依托网络文明素养基地开展“魅力鹿泉e路同行”网络主题宣传活动，谋划推动商业平台互动宣传和优秀新媒体作品征集展示活动（抖音、头条），加大全区网络正能量宣传。",
        "绩效指标:开展活动次数一年不少于5次。",
    ]),
    "safeguards": "\n".join([
        "1、完善制度建设。将事前评估、目标管理、运行监控、绩效评价、结果应用等各项改革措施，有效融入预算管理的全过程，建立统筹协调、分工协作、密切配合、合力推进的工作机制，围绕年度总体绩效目标和分项绩效目标，明确责任主体，实施进度要求,确保如期完成。",
        "2、加强绩效运行监控。按要求开展绩效运行监控，依据确定的绩效目标，采取项目跟踪、数据核查和汇总分析等方式，动态了解和掌握项目绩效目标实现程度、资金支出进度和项目实施进度，对评价中发现的问题及时整改，确保绩效目标按期保质完成。",
        "3、规范财政资金、财务资产管理。规范财政资金使用效益，完善内部控制管理制度，坚持依法理财，注重资金支出绩效，最大限额的发挥财政资金效益。在完善财务管理制度的基础上，科学配置单位资产，严格审批程序，加强固定资产登记、使用和报废处置管理，做到支出合理，物尽其用。",
        "4、强化宣传引导。加强预算绩效管理专业知识培训，提高预算绩效管理工作人员的业务素质，不断优化财务人员知识结构，促进财务人员严格履职，当好领导参谋。加大宣传力度，强化预算绩效管理意识，培育绩效管理文化，促进预算绩效管理水平进一步提升。",
    ]),
    "other_notes": "我部门无其他需要说明的事项。",
}

# The 2023 figures behind "较2023年预算增加37.50万元，其中：基本支出增加16.17万元……项目支出增加21.33万元".
PRIOR_YEAR = {
    "prior_year_total": Decimal("3855580.00"),
    "prior_year_basic": Decimal("2554580.00"),
    "prior_year_project": Decimal("1301000.00"),
    "prior_year_three_public": Decimal("0.00"),
}


def indicator_fields(target: Target) -> dict[str, str | Decimal]:
    """Model fields for a target given as (comparator, number, unit) or as a qualitative text."""
    if isinstance(target, str):
        return {"target_text": target}
    comparator, number, unit = target
    return {"comparator": comparator, "target_number": Decimal(number), "target_unit": unit}


def create_demo_users(passwords: Mapping[str, str] | None = None) -> None:
    """One login per role, where missing (an existing user is left as it is), with its password in `passwords`
    (by username), DEMO_PASSWORD for all when None."""
    users = get_user_model().objects
    for username, (group, department_code, _) in DEMO_USERS.items():
        if users.filter(username=username).exists():
            continue
        password = DEMO_PASSWORD if passwords is None else passwords[username]
        if group is None:
            users.create_superuser(username, password=password)
            continue
        departments = [Department.objects.get(code=department_code)] if department_code else []
        synthetic.staff_user(username, password, group, *departments)


def load(passwords: Mapping[str, str] | None = None) -> bool:
    """Load the demo department, budget and logins, and take the budget through the workflow as its people do:
    submitted by its accountant (the checks run), approved and published (version 1) by the bureau's reviewer.

    The logins missing are created with `passwords` (create_demo_users). Returns False, changing nothing
    else, when the budget is already there. Its PDF is rendered here, with any
    worker that runs: the demo is public when this returns.
    """
    budget = _load_draft_budget(passwords)
    if budget is None:
        return False
    users = get_user_model().objects
    workflow.submit(budget, users.get(username="kuaiji"))
    reviewer = users.get(username="shenhe")
    workflow.approve(budget, reviewer)
    version = workflow.publish(budget, reviewer)
    assert version.batch is not None  # publish queues every version in a batch
    publication.run_until_done(version.batch)
    evaluate_projects(budget)
    return True


# The year-end self-evaluation is sample data: no real one of the department is public. Marked so where it is read.
SAMPLE_MARK = "【示例数据，非真实自评】"
# 全年执行数 as a share of each project's budget, by project code; every target met but one (docs/demo-data.md).
EXECUTION = {"13011024P003228100103": "1", "13011024P003228100155": "0.96", "13011024P00322810012A": "0.92"}
MISSED = {"提供省直报数量": ("7600", "上半年省直报平台升级，报送暂停一个月；已增加专题监测频次，下年度按季度核对报送量。")}


def evaluate_projects(budget: Budget) -> None:
    """A plausible self-evaluation of the demo's projects, entered as their accountant would, marked as sample data."""
    levels = list(PerformanceIndicator.Level1.values)
    for project in budget.projects.prefetch_related("indicators", "lines"):
        amount = sum((line.amount for line in project.lines.all()), Decimal(0))
        share = Decimal(EXECUTION.get(project.code, "0.98"))
        ProjectEvaluation.objects.create(
            project=project, full_year_budget=amount, executed=(amount * share).quantize(Decimal("0.01")),
            # One mark where the goal and the sentence join: a goal ending in 。 would print "。，".
            achieved_goal=f"{SAMPLE_MARK}{punctuated(project.goal.removeprefix('1.目标内容：'), '，')}已按计划完成。",
        )
        indicators = sorted(project.indicators.all(), key=lambda i: (levels.index(i.level1), i.position))
        for indicator, weight in zip(indicators, scoring.default_weights([i.level1 for i in indicators]), strict=True):
            actual, deviation = MISSED.get(indicator.name, (None, ""))
            if indicator.target_number is None:
                judged = {"actual_text": "已完成", "achievement": scoring.ACHIEVED, "judged_score": weight}
            else:
                judged = {"actual_number": Decimal(actual) if actual else indicator.target_number}
            evaluation = IndicatorEvaluation(indicator=indicator, weight=weight, deviation=deviation, **judged)
            evaluation.full_clean()
            evaluation.save()


@transaction.atomic
def _load_draft_budget(passwords: Mapping[str, str] | None = None) -> Budget | None:
    """The demo's data, its budget a draft that passes the checks; None when the budget is already there."""
    for kind, model in (("function", FunctionSubject), ("economic", EconomicSubject)):
        if not model.objects.filter(year=YEAR).exists():
            subjects.load_starter(model, kind, YEAR)
    department, _ = Department.objects.get_or_create(code=DEPARTMENT["code"], defaults=DEPARTMENT)
    unit, _ = Department.objects.get_or_create(code=UNIT["code"], defaults={**UNIT, "parent": department})
    Department.objects.get_or_create(code=OTHER_DEPARTMENT["code"], defaults=OTHER_DEPARTMENT)
    create_demo_users(passwords)
    if Budget.objects.filter(department=department, year=YEAR).exists():
        return None

    budget = Budget.objects.create(
        department=department,
        year=YEAR,
        assets_as_of=date(2023, 12, 31),
        **PRIOR_YEAR,
        **TEXTS,
    )
    for function_code, economic_code, amount in BASIC_LINES:
        synthetic.make_line(budget, function_code, economic_code, amount, unit=unit)
    projects: dict[str, Project] = {}
    for position, data in enumerate(PROJECTS, start=1):
        project = Project.objects.create(
            budget=budget, code=data["code"], name=data["name"], short_name=data["short_name"],
            summary_position=data["summary_position"], purpose=data["purpose"], goal=data["goal"],
            position=position, **PLAN,
        )
        projects[project.code] = project
        synthetic.make_line(budget, data["function"], data["economic"], data["amount"], unit=unit, kind="project",
                            project=project)
        for order, (level1, level2, name, description, target, basis) in enumerate(data["indicators"], start=1):
            indicator = PerformanceIndicator(
                project=project, level1=level1, level2=level2, name=name, description=description,
                target_basis=basis, position=order, **indicator_fields(target),
            )
            indicator.full_clean()
            indicator.save()
    for project_code, item, catalog, measure, quantity, price, amount, sme in PROCUREMENT:
        ProcurementItem.objects.create(
            budget=budget, unit=unit, project=projects[project_code], item_name=item, catalog_code=catalog,
            measure_unit=measure, quantity=Decimal(quantity), unit_price=Decimal(price), source="general_budget",
            amount=Decimal(amount), sme_reserved=Decimal(sme),
        )
    AssetHolding.objects.create(budget=budget, category=AssetHolding.Category.OTHER, quantity=142, value=Decimal("127700.00"))
    return budget
