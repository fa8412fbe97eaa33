"""The nine standard tables of a 部门预算公开 document, built from line items.

Pure functions: plain line values in, table rows out; no ORM, no formatting. A row is a list of
cells read left to right as the printed table reads them: 序号, then labels (str) and figures
(Decimal 元, or None for a cell that is always blank). HTML, PDF and data exports all render these
same rows, so they cannot disagree. Rows are matched by subject code, never by label text.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

# Expenditure kinds (支出类型)
BASIC = "basic"
PROJECT = "project"
OPERATING = "operating"
REMITTANCE = "remittance"
AFFILIATE_SUBSIDY = "affiliate_subsidy"

# Funding sources (资金来源)
GENERAL_BUDGET = "general_budget"
GOVERNMENT_FUND = "government_fund"
STATE_CAPITAL = "state_capital"
SPECIAL_ACCOUNT = "special_account"
SERVICE_REVENUE = "service_revenue"
BUSINESS_REVENUE = "business_revenue"
SUPERIOR_GRANT = "superior_grant"
AFFILIATE_REMITTANCE = "affiliate_remittance"
OTHER_REVENUE = "other_revenue"

FISCAL_SOURCES = (GENERAL_BUDGET, GOVERNMENT_FUND, STATE_CAPITAL)  # 财政拨款
UNIT_FUND_SOURCES = (SERVICE_REVENUE, BUSINESS_REVENUE, SUPERIOR_GRANT, AFFILIATE_REMITTANCE, OTHER_REVENUE)  # 单位资金

# Cost categories of economic 类 (人员经费 / 公用经费)
PERSONNEL = "personnel"
PUBLIC_EXPENSE = "public_expense"

# The 31 fixed expenditure rows of tables 1 and 4: function 类 codes; 人行科目 has no standard code.
FIXED_CLASS_CODES = (
    "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214", "215",
    "216", "217", "219", "220", "221", "222", "223", "224", "227", "229", "230", "231", "232", "233", "234",
    None,
)
PBOC_ROW_NAME = "人行科目"

# "三公"经费 by economic 款
OVERSEAS_TRAVEL = ("30212",)
VEHICLE_PURCHASE = ("31013", "30913")
VEHICLE_UPKEEP = ("30231",)
RECEPTION = ("30217",)

CHINESE_ORDINALS = (
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 "
    "二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八 二十九 三十 三十一"
).split()

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    """One budget line, as plain values."""

    function_code: str
    economic_code: str
    kind: str
    source: str
    is_carryover: bool
    amount: Decimal
    project_code: str = ""


@dataclass(frozen=True)
class Classifications:
    """What the builders need of a year's classification lists."""

    function_names: dict
    economic_names: dict
    personnel_classes: frozenset


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    """A built table: its title, multi-level header, data rows and the note shown when it is empty."""

    number: int
    title: str
    header: list
    rows: list
    empty_note: str
    notes: list = field(default_factory=list)

    @property
    def column_count(self):
        """Columns including 序号."""
        return sum(cell.colspan for cell in self.header[0])

    @property
    def column_numbers(self):
        """The 栏次 row's numbers: 1 for the first column after 序号, and so on."""
        return list(range(1, self.column_count))

    @property
    def blank_row(self):
        """The cells of the one blank row an empty table shows."""
        return [""] * self.column_count

    @property
    def is_empty(self):
        """True when there is nothing to list (空表列示)."""
        return not self.rows


def _sum(lines, predicate=None):
    """Exact 元 sum of the lines that satisfy predicate."""
    return sum((line.amount for line in lines if predicate is None or predicate(line)), ZERO)


def _numbered(rows):
    """Prefix each row with its 序号, counting from 1."""
    return [[str(number), *row] for number, row in enumerate(rows, start=1)]


def _hierarchy_rows(lines, code_of, names, columns, prefix_lengths):
    """Rows 合计, then each 类/款/项 in code order, with one figure per column predicate.

    Parent rows are sums of their children because every line is added to each of its code's
    prefixes; codes sort so that a parent comes right before its children.
    """
    if not lines:
        return []
    totals = defaultdict(lambda: [ZERO] * len(columns))
    for line in lines:
        code = code_of(line)
        for length in prefix_lengths:
            figures = totals[code[:length]]
            for index, predicate in enumerate(columns):
                if predicate(line):
                    figures[index] += line.amount
    rows = [["", "合计", *[_sum(lines, predicate) for predicate in columns]]]
    rows += [[code, names.get(code, ""), *totals[code]] for code in sorted(totals)]
    return _numbered(rows)


def _function_rows(lines, classifications, columns):
    return _hierarchy_rows(
        lines, lambda line: line.function_code, classifications.function_names, columns, (3, 5, 7)
    )


def _always(line):
    return True


def _is_fiscal(line):
    return line.source in FISCAL_SOURCES


def _of_source(*sources, carryover=None):
    """A predicate: the line's source is one of sources (and its carry-over flag matches, if given)."""

    def predicate(line):
        return line.source in sources and (carryover is None or line.is_carryover == carryover)

    return predicate


def _of_kind(kind):
    return lambda line: line.kind == kind


def _current_year(line):
    return not line.is_carryover


def _class_label(index, code, classifications):
    name = PBOC_ROW_NAME if code is None else classifications.function_names.get(code, code)
    return f"{CHINESE_ORDINALS[index]}、{name}"


def _class_sums(lines, predicate=_always):
    """元 sums by function 类."""
    sums = defaultdict(lambda: ZERO)
    for line in lines:
        if predicate(line):
            sums[line.function_code[:3]] += line.amount
    return sums


FUNCTION_HEADER_2 = [HeaderCell("科目    编码"), HeaderCell("科目名称")]
SIMPLE_FUNCTION_HEADER = [
    [HeaderCell("序号", rowspan=2), HeaderCell("功能分类科目", colspan=2), HeaderCell("合计", rowspan=2),
     HeaderCell("基本支出", rowspan=2), HeaderCell("项目支出", rowspan=2)],
    [HeaderCell("科目编码"), HeaderCell("科目名称")],
]
BASIC_PROJECT_COLUMNS = [_always, _of_kind(BASIC), _of_kind(PROJECT)]

# Header labels are as printed in the reference document, spacing included.


def income_expenditure_summary(lines, classifications):
    """Table 1 部门预算收支总表: income by source against expenditure by the 31 fixed 类 rows."""
    current = [line for line in lines if not line.is_carryover]
    income = [
        ("一、一般公共预算拨款收入", _sum(current, _of_source(GENERAL_BUDGET))),
        ("二、政府性基金预算拨款收入", _sum(current, _of_source(GOVERNMENT_FUND))),
        ("三、国有资本经营预算拨款收入", _sum(current, _of_source(STATE_CAPITAL))),
        ("四、财政专户管理资金收入", _sum(current, _of_source(SPECIAL_ACCOUNT))),
        ("五、单位资金", _sum(current, _of_source(*UNIT_FUND_SOURCES))),
    ]
    by_class = _class_sums(lines)
    rows = []
    for index, code in enumerate(FIXED_CLASS_CODES):
        income_label, income_amount = income[index] if index < len(income) else ("", None)
        rows.append([income_label, income_amount, _class_label(index, code, classifications), by_class.get(code, ZERO)])
    income_total, carryover, expenditure_total = _sum(current), _sum(lines, lambda l: l.is_carryover), _sum(lines)
    rows += [
        ["本年收入合计", income_total, "本年支出合计", expenditure_total],
        ["上年结转结余", carryover, "年终结转结余", None],
        ["收入总计", income_total + carryover, "支出总计", expenditure_total],
    ]
    return Table(
        number=1,
        title="部门预算收支总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("收入", colspan=2), HeaderCell("支出", colspan=2)],
            [HeaderCell("项  目"), HeaderCell("预算数"), HeaderCell("项  目"), HeaderCell("预算数")],
        ],
        rows=_numbered(rows),
        empty_note="",
    )


def income_summary(lines, classifications):
    """Table 2 部门预算收入总表: function 类/款/项 by income source."""
    columns = [
        _always,
        _current_year,
        _of_source(*FISCAL_SOURCES, carryover=False),
        _of_source(SPECIAL_ACCOUNT, carryover=False),
        _of_source(SERVICE_REVENUE, carryover=False),
        _of_source(BUSINESS_REVENUE, carryover=False),
        _of_source(SUPERIOR_GRANT, carryover=False),
        _of_source(AFFILIATE_REMITTANCE, carryover=False),
        _of_source(OTHER_REVENUE, carryover=False),
        lambda line: line.is_carryover,
    ]
    return Table(
        number=2,
        title="部门预算收入总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("功能分类科目", colspan=2), HeaderCell("合计", rowspan=2),
             HeaderCell("本年收入", colspan=8), HeaderCell("上年结转", rowspan=2)],
            [*FUNCTION_HEADER_2, HeaderCell("小计"), HeaderCell("财政拨款 收入"), HeaderCell("财政专户 收入"),
             HeaderCell("事业收入"), HeaderCell("经营收入"), HeaderCell("上级补助收入"), HeaderCell("附属单位上缴收入"),
             HeaderCell("其他收入")],
        ],
        rows=_function_rows(lines, classifications, columns),
        empty_note="注：无收入预算，空表列示。",
    )


def expenditure_summary(lines, classifications):
    """Table 3 部门预算支出总表: function 类/款/项 by expenditure kind."""
    columns = [_always, *(_of_kind(kind) for kind in (BASIC, PROJECT, OPERATING, REMITTANCE, AFFILIATE_SUBSIDY))]
    return Table(
        number=3,
        title="部门预算支出总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("功能分类科目", colspan=2), HeaderCell("合计", rowspan=2),
             HeaderCell("基本支出", rowspan=2), HeaderCell("项目支出", rowspan=2), HeaderCell("经营支出", rowspan=2),
             HeaderCell("上解上级     支出", rowspan=2), HeaderCell("对附属单位补助支出", rowspan=2)],
            FUNCTION_HEADER_2,
        ],
        rows=_function_rows(lines, classifications, columns),
        empty_note="注：无支出预算，空表列示。",
    )


def fiscal_summary(lines, classifications):
    """Table 4 部门预算财政拨款收支总表: fiscal income against the 31 类 rows by fiscal source."""
    fiscal = [line for line in lines if _is_fiscal(line)]
    current = [line for line in fiscal if not line.is_carryover]
    carried = [line for line in fiscal if line.is_carryover]
    income = [
        ("一、一般公共预算拨款", _sum(current, _of_source(GENERAL_BUDGET))),
        ("二、政府性基金预算拨款", _sum(current, _of_source(GOVERNMENT_FUND))),
        ("三、国有资本经营预算拨款", _sum(current, _of_source(STATE_CAPITAL))),
    ]
    by_source = {source: _class_sums(fiscal, _of_source(source)) for source in FISCAL_SOURCES}
    by_class = _class_sums(fiscal)
    rows = []
    for index, code in enumerate(FIXED_CLASS_CODES):
        income_label, income_amount = income[index] if index < len(income) else ("", None)
        rows.append([
            income_label, income_amount, _class_label(index, code, classifications), by_class.get(code, ZERO),
            *(by_source[source].get(code, ZERO) for source in FISCAL_SOURCES),
        ])
    expenditure = [_sum(fiscal), *(_sum(fiscal, _of_source(source)) for source in FISCAL_SOURCES)]
    blank = [None] * 4
    rows += [
        ["本年收入合计", _sum(current), "本年支出合计", *expenditure],
        ["年初财政拨款结转和结余", _sum(carried), "年末财政拨款结转和结余", *blank],
        ["一、一般公共预算拨款", _sum(carried, _of_source(GENERAL_BUDGET)), "", *blank],
        ["二、政府性基金预算拨款", _sum(carried, _of_source(GOVERNMENT_FUND)), "", *blank],
        ["三、国有资本经营预算拨款", _sum(carried, _of_source(STATE_CAPITAL)), "", *blank],
        ["收入总计", _sum(fiscal), "支出总计", *expenditure],
    ]
    return Table(
        number=4,
        title="部门预算财政拨款收支总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("收入", colspan=2), HeaderCell("支出", colspan=5)],
            [HeaderCell("项  目"), HeaderCell("金额"), HeaderCell("项  目"), HeaderCell("合计"),
             HeaderCell("一般公共预算财政拨款"), HeaderCell("政府性基金预算财政    拨款"),
             HeaderCell("国有资本经营预算财政拨款")],
        ],
        rows=_numbered(rows),
        empty_note="",
    )


def _fiscal_source_expenditure(number, title, source, empty_note):
    """Tables 5, 7 and 8: one fiscal source's lines by function × (合计, 基本支出, 项目支出)."""

    def build(lines, classifications):
        of_source = [line for line in lines if line.source == source]
        return Table(
            number=number,
            title=title,
            header=SIMPLE_FUNCTION_HEADER,
            rows=_function_rows(of_source, classifications, BASIC_PROJECT_COLUMNS),
            empty_note=empty_note,
        )

    build.__doc__ = f"Table {number} {title}."
    return build


general_budget_expenditure = _fiscal_source_expenditure(
    5, "部门预算一般公共预算财政拨款支出表", GENERAL_BUDGET, "注：无一般公共预算财政拨款预算，空表列示。"
)
government_fund_expenditure = _fiscal_source_expenditure(
    7, "部门预算政府性基金预算财政拨款支出表", GOVERNMENT_FUND, "注：无政府基金预算财政拨款预算，空表列示。"
)
state_capital_expenditure = _fiscal_source_expenditure(
    8, "部门预算国有资本经营预算财政拨款支出表", STATE_CAPITAL, "注：无国有资本经营预算财政拨款预算，空表列示。"
)


def general_budget_basic_expenditure(lines, classifications):
    """Table 6 部门预算一般公共预算财政拨款基本支出表: economic 类/款 by 人员经费 / 公用经费."""
    basic = [line for line in lines if line.source == GENERAL_BUDGET and line.kind == BASIC]

    def is_personnel(line):
        return line.economic_code[:3] in classifications.personnel_classes

    return Table(
        number=6,
        title="部门预算一般公共预算财政拨款基本支出表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("支出部门经济分类科目", colspan=2),
             HeaderCell("一般公共预算基本支出", colspan=3)],
            [HeaderCell("科目编码"), HeaderCell("科目名称"), HeaderCell("合计"), HeaderCell("人员经费"),
             HeaderCell("公用经费")],
        ],
        rows=_hierarchy_rows(
            basic,
            lambda line: line.economic_code,
            classifications.economic_names,
            [_always, is_personnel, lambda line: not is_personnel(line)],
            (3, 5),
        ),
        empty_note="注：无一般公共预算财政拨款基本支出预算，空表列示。",
    )


def three_public_expenditure(lines, classifications):
    """Table 9 部门预算财政拨款“三公”经费支出表: the four items by fiscal source."""
    fiscal = [line for line in lines if _is_fiscal(line)]

    def figures(codes):
        of_codes = [line for line in fiscal if line.economic_code in codes]
        return [_sum(of_codes), *(_sum(of_codes, _of_source(source)) for source in FISCAL_SOURCES)]

    all_codes = OVERSEAS_TRAVEL + VEHICLE_PURCHASE + VEHICLE_UPKEEP + RECEPTION
    total = figures(all_codes)
    rows = []
    if total[0]:
        rows = _numbered([
            ["合计", *total],
            ["因公出国（境）费", *figures(OVERSEAS_TRAVEL)],
            ["公务用车购置及运维费", *figures(VEHICLE_PURCHASE + VEHICLE_UPKEEP)],
            ["其中：公务用车购置费", *figures(VEHICLE_PURCHASE)],
            ["公务用车运维费", *figures(VEHICLE_UPKEEP)],
            ["公务接待费", *figures(RECEPTION)],
        ])
    return Table(
        number=9,
        title="部门预算财政拨款“三公”经费支出表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("项  目", rowspan=2), HeaderCell("资 金 性 质", colspan=4)],
            [HeaderCell("合计"), HeaderCell("一般公共预算              财政拨款"),
             HeaderCell("政府性基金                  预算拨款"), HeaderCell("国有资本经营              预算财政拨款")],
        ],
        rows=rows,
        empty_note="注：无财政拨款“三公”经费支出表预算，空表列示。",
    )


BUILDERS = (
    income_expenditure_summary,
    income_summary,
    expenditure_summary,
    fiscal_summary,
    general_budget_expenditure,
    general_budget_basic_expenditure,
    government_fund_expenditure,
    state_capital_expenditure,
    three_public_expenditure,
)


def build_all(lines, classifications):
    """All nine tables, in the document's order."""
    lines = list(lines)
    return [build(lines, classifications) for build in BUILDERS]
