"""The nine standard tables of a 部门预算公开 document, built from line items.

Pure functions: plain line values in, table rows out; no ORM, no formatting. Each table's spec
(number, title, header, how its rows print, empty-table note) is kept once, in SPECS. A Row says what
it is (kind, subject code, label) and holds its figures (Decimal 元, or None for a cell that is always
blank); its spec prints it as cells left to right. HTML, PDF and data exports all render these same
rows, so they cannot disagree. Rows are matched by subject code, never by label text.

The same engine builds the final accounts' nine tables (final_accounts/builders/tables.py): their form's layouts
(SPLIT_CODE, TWO_PANEL, FIGURES, no 序号) and printing (Display) are TableSpec's too.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from budget.builders import codes
from budget.builders.money import TAIL_DIFFERENCE_NOTE, ZERO, has_tail_difference, to_wan

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

# Row kinds, besides the subject levels CLASS, SECTION and ITEM of budget.builders.codes
TOTAL = "total"  # 合计 of a table by subject
ENTRY = "entry"  # a row of a fixed list, named by its label (tables 1, 4 and 9)

# How a table prints its rows after 序号 (where it has one)
BY_SUBJECT = "by_subject"  # code, name, figures
LISTED = "listed"  # label, figures
SIDE_BY_SIDE = "side_by_side"  # income label and amount, then expenditure label and figures
SPLIT_CODE = "split_code"  # the code as one column per level (类 | 款 | 项), name, figures: the 决算's form
TWO_PANEL = "two_panel"  # two SPLIT_CODE halves side by side, one amount each (决算 table 6: 左右两栏)
FIGURES = "figures"  # amounts only, under a header that names them (决算's "三公" table)

Figure = Decimal | None  # 元; None for a cell that is always blank
F = TypeVar("F")  # a figure: a Figure as built, its display text once frozen (budget.builders.frozen_tables)


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

    function_names: dict[str, str]
    economic_names: dict[str, str]
    personnel_classes: frozenset[str]


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Income(Generic[F]):
    """The income half that tables 1 and 4 print to the left of an expenditure row."""

    label: str
    amount: F


@dataclass(frozen=True)
class Row(Generic[F]):
    """One row of a table: its kind (TOTAL, a subject level, or ENTRY), its subject code ("" for a row
    without one), label and figures; in tables 1 and 4 also the income half printed beside it, in a TWO_PANEL
    table the left half (None where that half is blank)."""

    number: str = field(compare=False)  # 序号: where the row falls, not what it says
    kind: str
    code: str
    label: str
    figures: tuple[F, ...]
    income: Income[F] | None = None
    beside: "Row[F] | None" = None


@dataclass(frozen=True)
class Display:
    """How a table prints a figure: what a zero prints as (blank, or "0.00" in some regions' forms) and whether
    thousands are grouped ("2,940.05"); None, a cell that is always blank, prints blank whatever the form."""

    zero: str = ""
    grouped: bool = False

    def text(self, yuan: Decimal | None) -> str:
        """The figure as printed, in 万元 rounded half-up on its own."""
        if yuan is None:
            return ""
        if not yuan:
            return self.zero
        return f"{to_wan(yuan):,.2f}" if self.grouped else f"{to_wan(yuan):.2f}"


ColumnSum = tuple[int, tuple[int, ...]]  # (the figure that is a total, the figures it sums), by index in Row.figures


@dataclass(frozen=True)
class RowSum:
    """A row whose figures (or, with income, whose income amount) are the sums of other rows', by row index."""

    total: int
    parts: tuple[int, ...]
    income: bool = False


@dataclass(frozen=True)
class TableSpec:
    """What a table is whatever its data: number, title, multi-level header, how its rows print, the note shown
    when it is empty, and which of its columns are sums of others (for the 尾差 note)."""

    number: int
    title: str
    header: list[list[HeaderCell]]
    layout: str
    empty_note: str
    column_sums: tuple[ColumnSum, ...] = field(default=(), kw_only=True)
    key: str = field(default="", kw_only=True)  # what the table is whatever its place (the 决算's forms order them)
    numbered: bool = field(default=True, kw_only=True)  # a 序号 column first (the budget's form; the 决算's has none)
    code_lengths: tuple[int, ...] = field(default=codes.FUNCTION_LENGTHS, kw_only=True)  # SPLIT_CODE's code columns
    # SPLIT_CODE: 合计 first, its label under 科目名称 (the form prints it on the header's 类 款 项 line), or last, its
    # label in the first column.
    total_first: bool = field(default=False, kw_only=True)
    display: Display = field(default=Display(), kw_only=True)
    meta: tuple[str, ...] = field(default=(), kw_only=True)  # the lines above it, where its form prints them (决算)

    @property
    def column_count(self) -> int:
        """Columns including 序号."""
        return sum(cell.colspan for cell in self.header[0])

    @property
    def column_kinds(self) -> list[str]:
        """What each printed column holds, 序号 first, as cells() lays a row out: "number", "code", "label" or
        "amount" (the PDF gives each kind its width: static/css/pdf.css)."""
        number = ["number"] if self.numbered else []
        split = ["code"] * len(self.code_lengths) + ["label"]
        if self.layout == TWO_PANEL:
            return (split + ["amount"]) * 2
        if self.layout == FIGURES:
            return number + ["amount"] * (self.column_count - len(number))
        income = ["label", "amount"] if self.layout == SIDE_BY_SIDE else []
        code = {BY_SUBJECT: ["code", "label"], SPLIT_CODE: split}.get(self.layout, ["label"])
        leading = [*number, *income, *code]
        return leading + ["amount"] * (self.column_count - len(leading))

    @property
    def column_numbers(self) -> list[int]:
        """The 栏次 row's numbers: 1 for the first column after 序号, and so on."""
        return list(range(1, self.column_count))

    @property
    def blank_row(self) -> list[str]:
        """The cells of the one blank row an empty table shows."""
        return [""] * self.column_count

    def cells(self, row: Row[F]) -> list[str | F]:
        """The row's cells as printed, left to right, 序号 first where the table has one."""
        number: list[str | F] = [row.number] if self.numbered else []
        if self.layout == TWO_PANEL:
            blank: list[str | F] = [""] * (len(self.code_lengths) + 2)
            left = [*self._named(row.beside), *row.beside.figures] if row.beside else blank
            return [*left, *self._named(row), *row.figures]
        if self.layout == FIGURES:
            return [*number, *row.figures]
        income: list[str | F] = [row.income.label, row.income.amount] if row.income else []
        return [*number, *income, *self._named(row), *row.figures]

    def _named(self, row: Row[F]) -> list[str | F]:
        """The cells that say what a row is: its code (one cell, or one a level) and label."""
        if self.layout == BY_SUBJECT:
            return [row.code, row.label]
        if self.layout not in (SPLIT_CODE, TWO_PANEL):
            return [row.label]
        if row.kind == TOTAL and not self.total_first:
            return [row.label, *[""] * len(self.code_lengths)]
        starts = (0, *self.code_lengths)
        return [*(row.code[start:end] for start, end in zip(starts, self.code_lengths, strict=False)), row.label]

    def row(self, cells: list[str]) -> Row[str]:
        """The Row whose printed cells (display text) these are: the inverse of cells()."""
        number, rest = (cells[0], cells[1:]) if self.numbered else ("", cells)
        if self.layout == TWO_PANEL:
            half = len(rest) // 2
            left = self._subject_row("", rest[:half]) if any(rest[:half]) else None
            return replace(self._subject_row("", rest[half:]), beside=left)
        if self.layout == FIGURES:
            return Row(number, ENTRY, "", "", tuple(rest))
        if self.layout == SIDE_BY_SIDE:
            income_label, income_amount, label, *figures = rest
            return Row(number, ENTRY, "", label, tuple(figures), Income(income_label, income_amount))
        if self.layout in (BY_SUBJECT, SPLIT_CODE):
            return self._subject_row(number, rest)
        label, *figures = rest
        return Row(number, ENTRY, "", label, tuple(figures))

    def _subject_row(self, number: str, cells: list[str]) -> Row[str]:
        """A row listed by subject from its printed cells: a code makes it a 类, 款 or 项, no code a total."""
        width = 1 if self.layout == BY_SUBJECT else len(self.code_lengths)
        code, label, figures = "".join(cells[:width]), cells[width], tuple(cells[width + 1:])
        if code.isdigit():
            return Row(number, codes.level(code), code, label, figures)
        label = label or code  # a 合计 printed in the first column
        return Row(number, TOTAL if label else ENTRY, "", label, figures)

    def text_cells(self, row: Row[Figure]) -> list[str]:
        """The row's cells as display text, figures as the table prints them."""
        return [cell if isinstance(cell, str) else self.display.text(cell) for cell in self.cells(row)]

    def filled(self, rows: list[Row[Figure]], row_sums: tuple[RowSum, ...] = ()) -> "Table":
        """This table with its rows; row_sums say which rows are totals of others where codes do not (tables 1, 4
        and 9)."""
        spec = {spec_field.name: getattr(self, spec_field.name) for spec_field in fields(TableSpec)}
        return Table(**spec, rows=rows, row_sums=row_sums)


@dataclass(frozen=True)
class Table(TableSpec):
    """A built table: its spec and its data rows."""

    rows: list[Row[Figure]]
    row_sums: tuple[RowSum, ...] = field(default=(), kw_only=True)

    @property
    def printed_rows(self) -> list[list[str | Figure]]:
        """Each row's cells as printed."""
        return [self.cells(row) for row in self.rows]

    @property
    def tail_difference_note(self) -> str:
        """The note printed under the table when has_tail_difference."""
        return TAIL_DIFFERENCE_NOTE

    @property
    def text_rows(self) -> list[list[tuple[str, str]]]:
        """Each row's cells as display text, each with what its column holds (TableSpec.column_kinds)."""
        return [list(zip(self.column_kinds, self.text_cells(row), strict=False)) for row in self.rows]

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to list (空表列示)."""
        return not self.rows

    @property
    def has_tail_difference(self) -> bool:
        """True when a printed total of the table differs from the sum of its printed parts (the 尾差 note):
        across a row (合计 and its columns) or down a column (a total row, a 类 or 款 and its children)."""
        across = any(
            has_tail_difference(row.figures[total], (row.figures[part] for part in parts))
            for row in self.rows for total, parts in self.column_sums
        )
        listed = any(self._subject_sums_differ(panel) for panel in self._panels())
        return across or listed or any(self._differs(row_sum) for row_sum in self.row_sums)

    def _differs(self, row_sum: RowSum) -> bool:
        def figures(index: int) -> tuple[Figure, ...]:
            income = self.rows[index].income
            return (income.amount if income else None,) if row_sum.income else self.rows[index].figures

        parts = [figures(index) for index in row_sum.parts]
        return any(
            has_tail_difference(total, (part[column] for part in parts))
            for column, total in enumerate(figures(row_sum.total))
        )

    def _panels(self) -> list[list[Row[Figure]]]:
        """The runs of rows listed by subject: the table's rows, or each half of a TWO_PANEL table."""
        if self.layout == TWO_PANEL:
            return [[row.beside for row in self.rows if row.beside is not None], self.rows]
        return [self.rows] if self.layout in (BY_SUBJECT, SPLIT_CODE) else []

    @staticmethod
    def _subject_sums_differ(panel: list[Row[Figure]]) -> bool:
        """True when a subject row differs from the sum of its children (the next level under its code) or a total
        row from the sum of the 类, each printed."""
        by_code = {row.code: row for row in panel if row.code}
        children: defaultdict[str, list[Row[Figure]]] = defaultdict(list)  # by parent code, "" for the total
        for row in panel:
            if row.kind == codes.CLASS:
                children[""].append(row)
            elif row.code:
                parent = next((row.code[:length] for length in range(len(row.code) - 1, 0, -1)
                               if row.code[:length] in by_code), None)
                if parent is not None:
                    children[parent].append(row)
        parents = [*(("", row) for row in panel if row.kind == TOTAL), *by_code.items()]
        return any(
            has_tail_difference(total, (child.figures[column] for child in children[parent]))
            for parent, row in parents if children[parent]
            for column, total in enumerate(row.figures)
        )


Predicate = Callable[[Line], bool]


class Amount(Protocol):
    """Anything with an amount in 元: a budget Line, or a final account's actual or income line."""

    @property
    def amount(self) -> Decimal: ...


A = TypeVar("A", bound=Amount)


def _sum(lines: Iterable[A], predicate: Callable[[A], bool] | None = None) -> Decimal:
    """Exact 元 sum of the lines that satisfy predicate."""
    return sum((line.amount for line in lines if predicate is None or predicate(line)), ZERO)


def _numbered(rows: list[Row[Figure]]) -> list[Row[Figure]]:
    """The rows with their 序号, counting from 1."""
    return [replace(row, number=str(number)) for number, row in enumerate(rows, start=1)]


def _entry(label: str, *figures: Figure) -> Row[Figure]:
    return Row("", ENTRY, "", label, figures)


def _side_by_side(income_label: str, income_amount: Figure, label: str, *figures: Figure) -> Row[Figure]:
    return Row("", ENTRY, "", label, figures, Income(income_label, income_amount))


def _hierarchy_rows(
    lines: list[A], code_of: Callable[[A], str], names: dict[str, str], columns: list[Callable[[A], bool]],
    prefix_lengths: tuple[int, ...],
) -> list[Row[Figure]]:
    """Rows 合计, then each 类/款/项 in code order, with one figure per column predicate.

    Parent rows are sums of their children because every line is added to each of its code's
    prefixes; codes sort so that a parent comes right before its children.
    """
    if not lines:
        return []
    totals: defaultdict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * len(columns))
    for line in lines:
        code = code_of(line)
        for length in prefix_lengths:
            figures = totals[code[:length]]
            for index, predicate in enumerate(columns):
                if predicate(line):
                    figures[index] += line.amount
    rows: list[Row[Figure]] = [Row("", TOTAL, "", "合计", tuple(_sum(lines, predicate) for predicate in columns))]
    rows += [Row("", codes.level(code), code, names.get(code, ""), tuple(totals[code])) for code in sorted(totals)]
    return _numbered(rows)


def _function_rows(lines: list[Line], classifications: Classifications, columns: list[Predicate]) -> list[Row[Figure]]:
    return _hierarchy_rows(
        lines, lambda line: line.function_code, classifications.function_names, columns, codes.FUNCTION_LENGTHS
    )


def _always(line: Line) -> bool:
    return True


def _is_fiscal(line: Line) -> bool:
    return line.source in FISCAL_SOURCES


def _of_source(*sources: str, carryover: bool | None = None) -> Predicate:
    """A predicate: the line's source is one of sources (and its carry-over flag matches, if given)."""

    def predicate(line: Line) -> bool:
        return line.source in sources and (carryover is None or line.is_carryover == carryover)

    return predicate


def _of_kind(kind: str) -> Predicate:
    return lambda line: line.kind == kind


def _current_year(line: Line) -> bool:
    return not line.is_carryover


def _class_sums(lines: Iterable[Line], predicate: Predicate = _always) -> defaultdict[str, Decimal]:
    """元 sums by function 类."""
    sums: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        if predicate(line):
            sums[codes.class_code(line.function_code)] += line.amount
    return sums


def _against_fixed_classes(
    income: list[tuple[str, Decimal]], classifications: Classifications, *class_sums: dict[str, Decimal],
    classes: Sequence[tuple[str, str]] = (),
) -> list[Row[Figure]]:
    """Tables 1 and 4's upper rows: the income entries beside the fixed 类 rows, whose figures are each of
    class_sums' sum for that 类. The rows are the budget's 31 (FIXED_CLASS_CODES), or classes' (code, name) as a
    form lists them (the 决算's 26)."""
    listed: Sequence[tuple[str | None, str]] = classes or [
        (code, PBOC_ROW_NAME if code is None else classifications.function_names.get(code, code))
        for code in FIXED_CLASS_CODES
    ]
    rows = []
    for index, (code, name) in enumerate(listed):
        income_label, income_amount = income[index] if index < len(income) else ("", None)
        figures = (ZERO if code is None else sums.get(code, ZERO) for sums in class_sums)
        rows.append(_side_by_side(income_label, income_amount, f"{CHINESE_ORDINALS[index]}、{name}", *figures))
    return rows


# Header labels are as printed in the reference document, spacing included.
FUNCTION_HEADER_2 = [HeaderCell("科目    编码"), HeaderCell("科目名称")]
SIMPLE_FUNCTION_HEADER = [
    [HeaderCell("序号", rowspan=2), HeaderCell("功能分类科目", colspan=2), HeaderCell("合计", rowspan=2),
     HeaderCell("基本支出", rowspan=2), HeaderCell("项目支出", rowspan=2)],
    [HeaderCell("科目编码"), HeaderCell("科目名称")],
]
BASIC_PROJECT_COLUMNS = [_always, _of_kind(BASIC), _of_kind(PROJECT)]

SPECS = {spec.number: spec for spec in (
    TableSpec(
        number=1,
        title="部门预算收支总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("收入", colspan=2), HeaderCell("支出", colspan=2)],
            [HeaderCell("项  目"), HeaderCell("预算数"), HeaderCell("项  目"), HeaderCell("预算数")],
        ],
        layout=SIDE_BY_SIDE,
        empty_note="",
    ),
    TableSpec(
        number=2,
        title="部门预算收入总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("功能分类科目", colspan=2), HeaderCell("合计", rowspan=2),
             HeaderCell("本年收入", colspan=8), HeaderCell("上年结转", rowspan=2)],
            [*FUNCTION_HEADER_2, HeaderCell("小计"), HeaderCell("财政拨款 收入"), HeaderCell("财政专户 收入"),
             HeaderCell("事业收入"), HeaderCell("经营收入"), HeaderCell("上级补助收入"), HeaderCell("附属单位上缴收入"),
             HeaderCell("其他收入")],
        ],
        layout=BY_SUBJECT,
        empty_note="注：无收入预算，空表列示。",
        column_sums=((0, (1, 9)), (1, (2, 3, 4, 5, 6, 7, 8))),
    ),
    TableSpec(
        number=3,
        title="部门预算支出总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("功能分类科目", colspan=2), HeaderCell("合计", rowspan=2),
             HeaderCell("基本支出", rowspan=2), HeaderCell("项目支出", rowspan=2), HeaderCell("经营支出", rowspan=2),
             HeaderCell("上解上级     支出", rowspan=2), HeaderCell("对附属单位补助支出", rowspan=2)],
            FUNCTION_HEADER_2,
        ],
        layout=BY_SUBJECT,
        empty_note="注：无支出预算，空表列示。",
        column_sums=((0, (1, 2, 3, 4, 5)),),
    ),
    TableSpec(
        number=4,
        title="部门预算财政拨款收支总表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("收入", colspan=2), HeaderCell("支出", colspan=5)],
            [HeaderCell("项  目"), HeaderCell("金额"), HeaderCell("项  目"), HeaderCell("合计"),
             HeaderCell("一般公共预算财政拨款"), HeaderCell("政府性基金预算财政    拨款"),
             HeaderCell("国有资本经营预算财政拨款")],
        ],
        layout=SIDE_BY_SIDE,
        empty_note="",
        column_sums=((0, (1, 2, 3)),),
    ),
    TableSpec(
        number=5,
        title="部门预算一般公共预算财政拨款支出表",
        header=SIMPLE_FUNCTION_HEADER,
        layout=BY_SUBJECT,
        empty_note="注：无一般公共预算财政拨款预算，空表列示。",
        column_sums=((0, (1, 2)),),
    ),
    TableSpec(
        number=6,
        title="部门预算一般公共预算财政拨款基本支出表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("支出部门经济分类科目", colspan=2),
             HeaderCell("一般公共预算基本支出", colspan=3)],
            [HeaderCell("科目编码"), HeaderCell("科目名称"), HeaderCell("合计"), HeaderCell("人员经费"),
             HeaderCell("公用经费")],
        ],
        layout=BY_SUBJECT,
        empty_note="注：无一般公共预算财政拨款基本支出预算，空表列示。",
        column_sums=((0, (1, 2)),),
    ),
    TableSpec(
        number=7,
        title="部门预算政府性基金预算财政拨款支出表",
        header=SIMPLE_FUNCTION_HEADER,
        layout=BY_SUBJECT,
        empty_note="注：无政府性基金预算财政拨款预算，空表列示。",
        column_sums=((0, (1, 2)),),
    ),
    TableSpec(
        number=8,
        title="部门预算国有资本经营预算财政拨款支出表",
        header=SIMPLE_FUNCTION_HEADER,
        layout=BY_SUBJECT,
        empty_note="注：无国有资本经营预算财政拨款预算，空表列示。",
        column_sums=((0, (1, 2)),),
    ),
    TableSpec(
        number=9,
        title="部门预算财政拨款“三公”经费支出表",
        header=[
            [HeaderCell("序号", rowspan=2), HeaderCell("项  目", rowspan=2), HeaderCell("资 金 性 质", colspan=4)],
            [HeaderCell("合计"), HeaderCell("一般公共预算              财政拨款"),
             HeaderCell("政府性基金                  预算拨款"), HeaderCell("国有资本经营              预算财政拨款")],
        ],
        layout=LISTED,
        empty_note="注：无财政拨款“三公”经费预算，空表列示。",
        column_sums=((0, (1, 2, 3)),),
    ),
)}


def income_expenditure_summary(lines: list[Line], classifications: Classifications) -> Table:
    """Table 1 部门预算收支总表: income by source against expenditure by the 31 fixed 类 rows."""
    current = [line for line in lines if not line.is_carryover]
    income = [
        ("一、一般公共预算拨款收入", _sum(current, _of_source(GENERAL_BUDGET))),
        ("二、政府性基金预算拨款收入", _sum(current, _of_source(GOVERNMENT_FUND))),
        ("三、国有资本经营预算拨款收入", _sum(current, _of_source(STATE_CAPITAL))),
        ("四、财政专户管理资金收入", _sum(current, _of_source(SPECIAL_ACCOUNT))),
        ("五、单位资金", _sum(current, _of_source(*UNIT_FUND_SOURCES))),
    ]
    rows = _against_fixed_classes(income, classifications, _class_sums(lines))
    income_total, carryover, expenditure_total = _sum(current), _sum(lines, lambda line: line.is_carryover), _sum(lines)
    rows += [
        _side_by_side("本年收入合计", income_total, "本年支出合计", expenditure_total),
        _side_by_side("上年结转结余", carryover, "年终结转结余", None),
        _side_by_side("收入总计", income_total + carryover, "支出总计", expenditure_total),
    ]
    classes = tuple(range(len(FIXED_CLASS_CODES)))
    total = len(classes)  # the row 本年收入合计 / 本年支出合计, then 结转 and 总计
    sums = (
        RowSum(total, tuple(range(len(income))), income=True), RowSum(total + 2, (total, total + 1), income=True),
        RowSum(total, classes), RowSum(total + 2, (total, total + 1)),
    )
    return SPECS[1].filled(_numbered(rows), sums)


def income_summary(lines: list[Line], classifications: Classifications) -> Table:
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
    return SPECS[2].filled(_function_rows(lines, classifications, columns))


def expenditure_summary(lines: list[Line], classifications: Classifications) -> Table:
    """Table 3 部门预算支出总表: function 类/款/项 by expenditure kind."""
    columns = [_always, *(_of_kind(kind) for kind in (BASIC, PROJECT, OPERATING, REMITTANCE, AFFILIATE_SUBSIDY))]
    return SPECS[3].filled(_function_rows(lines, classifications, columns))


def fiscal_summary(lines: list[Line], classifications: Classifications) -> Table:
    """Table 4 部门预算财政拨款收支总表: fiscal income against the 31 类 rows by fiscal source."""
    fiscal = [line for line in lines if _is_fiscal(line)]
    current = [line for line in fiscal if not line.is_carryover]
    carried = [line for line in fiscal if line.is_carryover]
    income = [
        ("一、一般公共预算拨款", _sum(current, _of_source(GENERAL_BUDGET))),
        ("二、政府性基金预算拨款", _sum(current, _of_source(GOVERNMENT_FUND))),
        ("三、国有资本经营预算拨款", _sum(current, _of_source(STATE_CAPITAL))),
    ]
    by_source = [_class_sums(fiscal, _of_source(source)) for source in FISCAL_SOURCES]
    rows = _against_fixed_classes(income, classifications, _class_sums(fiscal), *by_source)
    expenditure = [_sum(fiscal), *(_sum(fiscal, _of_source(source)) for source in FISCAL_SOURCES)]
    blank = [None] * 4
    rows += [
        _side_by_side("本年收入合计", _sum(current), "本年支出合计", *expenditure),
        _side_by_side("年初财政拨款结转和结余", _sum(carried), "年末财政拨款结转和结余", *blank),
        _side_by_side("一、一般公共预算拨款", _sum(carried, _of_source(GENERAL_BUDGET)), "", *blank),
        _side_by_side("二、政府性基金预算拨款", _sum(carried, _of_source(GOVERNMENT_FUND)), "", *blank),
        _side_by_side("三、国有资本经营预算拨款", _sum(carried, _of_source(STATE_CAPITAL)), "", *blank),
        _side_by_side("收入总计", _sum(fiscal), "支出总计", *expenditure),
    ]
    total = len(FIXED_CLASS_CODES)  # the row 本年收入合计 / 本年支出合计, then 结转 (by source) and 总计
    sums = (
        RowSum(total, tuple(range(len(income))), income=True),
        RowSum(total + 1, (total + 2, total + 3, total + 4), income=True),
        RowSum(total + 5, (total, total + 1), income=True),
        RowSum(total, tuple(range(total))), RowSum(total + 5, (total,)),
    )
    return SPECS[4].filled(_numbered(rows), sums)


Builder = Callable[[list[Line], Classifications], Table]


def _fiscal_source_expenditure(number: int, source: str) -> Builder:
    """Tables 5, 7 and 8: one fiscal source's lines by function × (合计, 基本支出, 项目支出)."""

    def build(lines: list[Line], classifications: Classifications) -> Table:
        of_source = [line for line in lines if line.source == source]
        return SPECS[number].filled(_function_rows(of_source, classifications, BASIC_PROJECT_COLUMNS))

    build.__doc__ = f"Table {number} {SPECS[number].title}."
    return build


general_budget_expenditure = _fiscal_source_expenditure(5, GENERAL_BUDGET)
government_fund_expenditure = _fiscal_source_expenditure(7, GOVERNMENT_FUND)
state_capital_expenditure = _fiscal_source_expenditure(8, STATE_CAPITAL)


def general_budget_basic_expenditure(lines: list[Line], classifications: Classifications) -> Table:
    """Table 6 部门预算一般公共预算财政拨款基本支出表: economic 类/款 by 人员经费 / 公用经费."""
    basic = [line for line in lines if line.source == GENERAL_BUDGET and line.kind == BASIC]

    def is_personnel(line: Line) -> bool:
        return codes.class_code(line.economic_code) in classifications.personnel_classes

    return SPECS[6].filled(_hierarchy_rows(
        basic,
        lambda line: line.economic_code,
        classifications.economic_names,
        [_always, is_personnel, lambda line: not is_personnel(line)],
        codes.ECONOMIC_LENGTHS,
    ))


def three_public_expenditure(lines: list[Line], classifications: Classifications) -> Table:
    """Table 9 部门预算财政拨款“三公”经费支出表: the four items by fiscal source."""
    fiscal = [line for line in lines if _is_fiscal(line)]

    def figures(economic_codes: tuple[str, ...]) -> list[Decimal]:
        of_codes = [line for line in fiscal if line.economic_code in economic_codes]
        return [_sum(of_codes), *(_sum(of_codes, _of_source(source)) for source in FISCAL_SOURCES)]

    all_codes = OVERSEAS_TRAVEL + VEHICLE_PURCHASE + VEHICLE_UPKEEP + RECEPTION
    total = figures(all_codes)
    rows = []
    if total[0]:
        rows = _numbered([
            _entry("合计", *total),
            _entry("因公出国（境）费", *figures(OVERSEAS_TRAVEL)),
            _entry("公务用车购置及运维费", *figures(VEHICLE_PURCHASE + VEHICLE_UPKEEP)),
            _entry("其中：公务用车购置费", *figures(VEHICLE_PURCHASE)),
            _entry("公务用车运维费", *figures(VEHICLE_UPKEEP)),
            _entry("公务接待费", *figures(RECEPTION)),
        ])
    sums = (RowSum(0, (1, 2, 5)), RowSum(2, (3, 4))) if rows else ()
    return SPECS[9].filled(rows, sums)


BUILDERS: tuple[Builder, ...] = (
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


def build_all(lines: Iterable[Line], classifications: Classifications) -> list[Table]:
    """All nine tables, in the document's order."""
    listed = list(lines)
    return [build(listed, classifications) for build in BUILDERS]
