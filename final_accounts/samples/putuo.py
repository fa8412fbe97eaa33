"""The demo's final accounts: the reference 2024 部门决算 of 上海市普陀区财政局 (docs/demo-data.md).

The reference prints rounded 万元; the 元 amounts below are chosen so that every figure the tables derive from
them, parts and totals alike, rounds to the printed one, but for the cells the reference itself got wrong
(tests/reference_final_accounts.py names them). Found by a search over each line's last 60 元, not typed by hand.
"""

from decimal import Decimal

YEAR = 2024

DEPARTMENT = {"code": "310107001", "name": "上海市普陀区财政局", "short_name": "普陀区财政局", "nature": "行政",
              "rank": "正处级", "funding_form": "财政拨款"}
# Units whose accounts are merged into the department's own (预算不单列，并入本级): they hold no lines.
UNITS = [
    {"code": "310107002", "name": "上海市普陀区财政局财政所", "nature": "行政", "funding_form": "财政拨款"},
    {"code": "310107003", "name": "上海市普陀区国库收付中心", "nature": "行政", "funding_form": "财政拨款"},
]

# Actual expenditure, all 一般公共预算财政拨款: (function 项, economic 款, kind, 元).
LINES = [
    ("2010601", "30101", "basic", "2623312"),
    ("2010601", "30102", "basic", "9800753"),
    ("2010601", "30112", "basic", "6668"),
    ("2010601", "30199", "basic", "910303"),
    ("2010601", "30201", "basic", "212107"),
    ("2010601", "30202", "basic", "76054"),
    ("2010601", "30204", "basic", "896"),
    ("2010601", "30207", "basic", "48750"),
    ("2010601", "30211", "basic", "12001"),
    ("2010601", "30213", "basic", "28271"),
    ("2010601", "30216", "basic", "40499"),
    ("2010601", "30226", "basic", "20052"),
    ("2010601", "30228", "basic", "244223"),
    ("2010601", "30229", "basic", "275339"),
    ("2010601", "30239", "basic", "484885"),
    ("2010601", "30299", "basic", "115265"),
    ("2010601", "31002", "basic", "135782"),
    ("2080501", "30302", "basic", "690993"),
    ("2080501", "30309", "basic", "3080"),
    ("2080501", "30229", "basic", "152384"),
    ("2080505", "30108", "basic", "1607514"),
    ("2080506", "30109", "basic", "803784"),
    ("2080599", "30112", "basic", "9400"),
    ("2101101", "30110", "basic", "609885"),
    ("2210201", "30113", "basic", "1871863"),
    ("2210203", "30102", "basic", "2585023"),
    ("2010601", "30299", "project", "83716"),
    ("2010602", "30299", "project", "99996"),
    ("2010607", "30213", "project", "1352504"),
    ("2010608", "30227", "project", "4495189"),
]

# Income besides the 一般公共预算财政拨款 that equals each 项's expenditure: (function 项, source, 元).
OTHER_INCOME = [
    ("2010601", "other_revenue", "100"),
    ("2010602", "other_revenue", "61900"),
]

# 结转和结余 (fund, moment, 元); the non-fiscal end balance is the start's plus the year's other income, unspent.
CARRYOVERS = [
    ("general_budget", "start", "216300"),
    ("non_fiscal", "start", "275100"),
    ("general_budget", "end", "216300"),
    ("non_fiscal", "end", "337100"),
]

# 年初预算 of 一般公共预算财政拨款 by 项, what it was used for, why the actual differs (None: 基本持平).
ITEM_BUDGETS = [
    ("2010601", "15600450", "局本部人员经费及公用经费等的基本支出", "人员进出及退休变化，减少人员经费开支"),
    ("2010602", "100000", "局财政业务指导与宣传等基本支出", None),
    ("2010607", "1359000", "信息化系统日常维护费等支出", "因产业政策扶持资金管理系统项目进度，调减相关经费"),
    ("2010608", "4505200", "委托中介机构开展各类审计及绩效评价工作",
     "因个别项目评审费未能实施或未来得及支付完毕，于明年重新申请"),
    ("2080501", "855450", "退休人员经费支出", "预算按充分保障预估，实际执行基本贴合预期"),
    ("2080505", "1616200", "在职人员的基本养老保险支出", "预算按充分保障预估，实际执行基本贴合预期"),
    ("2080506", "808100", "在职人员的职业年金缴费支出", "预算按周全保障测算，实际执行基本贴合预期"),
    ("2080599", "9400", "退休人员经费支出", None),
    ("2101101", "622900", "在职人员基本医疗保险费", "预算按周全保障测算，实际执行基本贴合预期"),
    ("2210201", "1877500", "缴纳在职人员住房公积金", "预算按周全保障测算，实际执行基本贴合预期"),
    ("2210203", "2585000", "缴纳在职人员住房购房补贴", None),
]

DUTIES = [
    "第一条根据《上海市普陀区机构改革方案》，制定本规定。",
    "第二条上海市普陀区财政局是主管全区财政工作的区政府工作部门，为正处级。",
    "第三条上海市普陀区财政局的主要职责是：",
    "（一）贯彻执行国家和本市有关财政工作的法律、法规、规章和方针、政策；研究拟订本区财政发展战略、规划、政策和改革方案并组织实施。",
    "（二）承担政府各项财政收支管理的责任；负责政府财政资金和财政专户管理；负责编制年度财政预决算并组织执行；受区政府委托，向区人民代表大会报告上年度预算执行情况及本年度预算，向区人大常委会报告调整预算及决算等事项；组织拟订预算支出标准，审核批复部门（单位）的年度预决算，及时、准确拨付预算资金。",
    "（三）逐步建立全面规范透明、标准科学、约束有力的预算制度，健全包括一般公共预算、政府性基金预算、国有资本经营预算在内的政府预算管理体系；深化部门预算改革，完善预算支出标准体系建设；加强中期财政规划管理，建立跨年度预算平衡机制；理顺区与两镇收入划分，完善市与区财力与事权相匹配、事权与支出责任相适应的体制和制度。",
    "（四）参与预测本区宏观经济形势，分析财政资金支持经济发展情况，结合本区实际，参与制定产业发展、经济贸易、科技、教育和社会保障等政策措施和改革方案；提出运用财政政策实施宏观调控和综合平衡财力的建议；执行国家和市、区有关扶持政策，负责本区企业（项目）扶持的统一管理，测算及兑现服务经济功能平台工作经费。",
    "（五）拟订和组织实施本区行政事业单位国有资产管理规章制度，规范管理和处置行政事业单位国有资产，深入推进“公物仓”改革，建立资产共享共用机制。拟订本区政府采购实施意见并监督管理；负责公务车辆控购管理。",
    "（六）全面推进预算和绩效管理一体化改革，拟订和组织实施本区预算绩效管理制度和实施办法相关政策、制度和办法，加快建成全方位、全过程、全覆盖的预算绩效管理体系。",
    "（七）负责本区会计管理工作，监督和规范会计行为，组织和实施国家颁布的各项会计准则、会计制度和财务规则。",
    "（八）负责本区暂未划转入税务部门的非税收入管理、政府性基金管理，按照分工管理行政事业性收费，负责财政票据管理；做好国有资本经营收益收缴，会同有关部门拟订国有资本经营预决算的制度和办法，促进合理配置及使用国有资本。",
    "（九）拟订和组织实施本区国库管理制度，监督考核预算执行进度和公务卡使用情况；负责总预算会计的核算；建立健全权责发生制政府综合财务报告制度及相关评价体系；建立健全结转结余资金定期清理机制。",
    "（十）执行国家和本市债务管理的制度和政策，建立规范合理的政府债务管理及风险预警机制，加快形成管理规范、风险可控、成本合理、运行高效的地方政府举债融资机制。",
    "（十一）负责政府投资项目资金管理，参与拟订区政府建设投资的有关政策，负责本区基本建设项目的财务管理和财政监督；参与基本建设项目评估和概算审查，负责基建项目的预算核定，负责基建资金运用情况的跟踪、管理、监督，审批基本建设单位的年度财务决算；编制和落实本区土地收支基金预决算，加强土地收支预算执行情况管理。",
    "（十二）完成区委、区政府交办的其他任务。",
]

YEAR_ON_YEAR_REASON = "基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付"

FIELDS = {
    "duties": "\n".join(DUTIES),
    "total_change_reason": YEAR_ON_YEAR_REASON,
    "fiscal_change_reason": YEAR_ON_YEAR_REASON,
    "general_budget_change_reason": YEAR_ON_YEAR_REASON,
    "budget_difference_reason": "因年度工作计划安排，个别信息化项目和中介机构服务调减",
    "three_public_difference_reason": "当年度无“三公”经费支出",
    "running_cost_change_reason": "优化办公环境、提升照明效率，更换了老旧照明设施，导致相关支出略有增加",
    # The year's budget is not on the platform: its "三公" budget is entered.
    "overseas_travel_budget": Decimal(0),
    "vehicle_purchase_budget": Decimal(0),
    "vehicle_upkeep_budget": Decimal(0),
    "reception_budget": Decimal("9500"),
    # Nor are the 2023 final accounts: last year's figures are entered, from the changes the reference prints
    # (2995.39 + 56.95; 2940.05 + 63.14; 184.65 − 2.55). The reference gives no 2023 财政拨款收入支出总计: 3024.82 is
    # derived (docs/demo-data.md).
    "prior_total": Decimal("30523400"),
    "prior_fiscal_total": Decimal("30248200"),
    "prior_general_budget_expenditure": Decimal("30031900"),
    "prior_running_cost": Decimal("1821000"),
    "prior_three_public": Decimal(0),
    "procurement_goods": Decimal("47850"),
    "procurement_works": Decimal(0),
    "procurement_services": Decimal("2464650"),
    "sme_reserved": Decimal("2464650"),
    "sme_awarded_reserved": Decimal("2464650"),
    "sme_awarded_other": Decimal("47850"),
    "equipment_over_million": 2,
    "performance_management": "本部门制定了普陀区财政局预算绩效管理实施办法，建立了普陀区财政局预算绩效管理工作机制",
    "targets_projects": 4,
    "targets_amount": Decimal("5984200"),
    "tracked_projects": 4,
    "tracked_amount": Decimal("5984200"),
    "evaluated_projects": 4,
    "evaluated_amount": Decimal("5984200"),
    "average_score": Decimal("99.43"),
    "grade_excellent": 4,
}
