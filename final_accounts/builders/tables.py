"""The nine tables of a 部门决算 (final accounts), built from its line items by the budget's table engine.

Pure: facts.Accounts and the year's Classifications in, budget.builders.tables.Table out; each table's title, place
and printing are the region's form's (forms.Form). Every figure is an exact 元 sum of actual lines, income lines or
carry-overs; the form's Display turns it into 万元 text when the table is printed or frozen (docs/tables.md,
部门决算的九张表).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from budget.builders import codes
from budget.builders.money import ZERO
from budget.builders.tables import (
    AFFILIATE_REMITTANCE,
    AFFILIATE_SUBSIDY,
    BASIC,
    BASIC_PROJECT_COLUMNS,
    BUSINESS_REVENUE,
    CHINESE_ORDINALS,
    ENTRY,
    FIGURES,
    FISCAL_SOURCES,
    GENERAL_BUDGET,
    GOVERNMENT_FUND,
    OPERATING,
    OTHER_REVENUE,
    PROJECT,
    REMITTANCE,
    SERVICE_REVENUE,
    SIDE_BY_SIDE,
    SPECIAL_ACCOUNT,
    SPLIT_CODE,
    STATE_CAPITAL,
    SUPERIOR_GRANT,
    TOTAL,
    TWO_PANEL,
    Classifications,
    ColumnSum,
    Display,
    Figure,
    HeaderCell,
    Line,
    Row,
    RowSum,
    Table,
    TableSpec,
    _against_fixed_classes,
    _always,
    _class_sums,
    _function_rows,
    _hierarchy_rows,
    _of_kind,
    _of_source,
    _side_by_side,
    _sum,
)
from final_accounts.builders import facts, forms

Builder = Callable[[facts.Accounts, Classifications, forms.Form, str], Table]

FUND_NAMES = {
    GENERAL_BUDGET: "一般公共预算财政拨款",
    GOVERNMENT_FUND: "政府性基金预算财政拨款",
    STATE_CAPITAL: "国有资本经营预算财政拨款",
}
# Income by source group, as table 2's columns after 本年收入合计; table 1 lists the fiscal group by fund. 财政专户
# income is 事业收入 in the final accounts (教育收费 and the like, collected through the 财政专户).
INCOME_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("财政拨款收入", FISCAL_SOURCES),
    ("上级补助收入", (SUPERIOR_GRANT,)),
    ("事业收入", (SERVICE_REVENUE, SPECIAL_ACCOUNT)),
    ("经营收入", (BUSINESS_REVENUE,)),
    ("附属单位上缴收入", (AFFILIATE_REMITTANCE,)),
    ("其他收入", (OTHER_REVENUE,)),
)
INCOME_ENTRIES = (*((f"{FUND_NAMES[source]}收入", (source,)) for source in FISCAL_SOURCES), *INCOME_COLUMNS[1:])
EXPENDITURE_KINDS = (("基本支出", BASIC), ("项目支出", PROJECT), ("上缴上级支出", REMITTANCE), ("经营支出", OPERATING),
                     ("对附属单位补助支出", AFFILIATE_SUBSIDY))
PERSONNEL_TOTAL = "人员经费合计"
PUBLIC_EXPENSE_TOTAL = "公用经费合计"
INCOME = "income"  # an _Entry of the fund tables: the year's income


def _function_header(*figures: HeaderCell, below: Sequence[HeaderCell] = ()) -> list[list[HeaderCell]]:
    """The header of a table by 支出功能分类: 项目 over the code's three columns and 科目名称, then figures (each over
    three header rows, or two with the cells `below` under it)."""
    return [
        [HeaderCell("项目", colspan=4), *figures],
        [HeaderCell("支出功能分类科目编码", colspan=3), HeaderCell("科目名称", rowspan=2), *below],
        [HeaderCell("类"), HeaderCell("款"), HeaderCell("项")],
    ]


def _columns(*labels: str) -> list[HeaderCell]:
    return [HeaderCell(label, rowspan=3) for label in labels]


def _spec(
    form: forms.Form, key: str, department_name: str, header: list[list[HeaderCell]], layout: str,
    column_sums: tuple[ColumnSum, ...] = (), *, code_lengths: tuple[int, ...] = codes.FUNCTION_LENGTHS,
    total_first: bool = False,
) -> TableSpec:
    """The spec of table `key` as the form prints it: its place, title and note, no 序号, the form's figures."""
    table = form.table(key)
    return TableSpec(
        number=form.number(key), key=key, title=table.title, header=header, layout=layout,
        empty_note=table.empty_note.format(department=department_name), column_sums=column_sums, numbered=False,
        code_lengths=code_lengths, total_first=total_first, display=Display(form.empty_cell, form.grouped),
        meta=tuple(form.meta_lines(department_name)),
    )


def _lines(accounts: facts.Accounts) -> list[Line]:
    """The actual lines as the engine's lines (no 决算 line is a carry-over of the budget's kind)."""
    return [Line(line.function_code, line.economic_code, line.kind, line.source, False, line.amount)
            for line in accounts.lines]


def _from(*sources: str) -> Callable[[facts.IncomeLine], bool]:
    """A predicate: the income line's source is one of sources."""
    return lambda line: line.source in sources


def _every_income(line: facts.IncomeLine) -> bool:
    return True


def _carried(accounts: facts.Accounts, moment: str, *funds: str) -> Decimal:
    """结转和结余 at `moment` of the funds (all when none is named)."""
    return _sum(accounts.carryovers, lambda carried: carried.moment == moment and (not funds or carried.fund in funds))


def _classes(form: forms.Form, classifications: Classifications, lines: Iterable[Line]) -> list[tuple[str, str]]:
    """The form's expenditure classes, and after them any 类 spent that the form does not list (never dropped)."""
    listed = dict(form.classes)
    unlisted = sorted({codes.class_code(line.function_code) for line in lines} - set(listed))
    return [*form.classes, *((code, classifications.function_names.get(code, code)) for code in unlisted)]


def _total_last(rows: list[Row[Figure]]) -> list[Row[Figure]]:
    """Rows by subject with their 合计 moved from the top to the bottom, where the 决算's form prints it."""
    return [*rows[1:], *rows[:1]]


def income_expenditure_summary(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> Table:
    """收入支出决算总表: income by source against expenditure by the form's 类, then the balances and 总计."""
    lines = _lines(accounts)
    income = [(f"{CHINESE_ORDINALS[index]}、{label}", _sum(accounts.income, _from(*sources)))
              for index, (label, sources) in enumerate(INCOME_ENTRIES)]
    classes = _classes(form, classifications, lines)
    rows = _against_fixed_classes(income, classifications, _class_sums(lines), classes=classes)
    income_total, spent = _sum(accounts.income), _sum(lines)
    start, end = _carried(accounts, facts.START), _carried(accounts, facts.END)
    used, distributed = accounts.non_fiscal_balance_used, accounts.balance_distribution
    rows += [
        _side_by_side("本年收入合计", income_total, "本年支出合计", spent),
        _side_by_side("使用非财政拨款结余（含专用结余）", used, "结余分配", distributed),
        _side_by_side("年初结转和结余", start, "年末结转和结余", end),
        _side_by_side("总计", income_total + used + start, "总计", spent + distributed + end),
    ]
    total = len(classes)  # the row 本年收入合计 / 本年支出合计, then the balances and 总计
    balances = (total, total + 1, total + 2)
    sums = (
        RowSum(total, tuple(range(len(income))), income=True), RowSum(total + 3, balances, income=True),
        RowSum(total, tuple(range(total))), RowSum(total + 3, balances),
    )
    header = [
        [HeaderCell("收入", colspan=2), HeaderCell("支出", colspan=2)],
        [HeaderCell("项目"), HeaderCell("决算数"), HeaderCell("项目"), HeaderCell("决算数")],
    ]
    return _spec(form, forms.INCOME_EXPENDITURE, department_name, header, SIDE_BY_SIDE).filled(rows, sums)


def income_summary(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> Table:
    """收入决算表: the year's income by 功能分类 类/款/项 and source group, 合计 first."""
    columns = [_every_income, *(_from(*sources) for _, sources in INCOME_COLUMNS)]
    rows = _hierarchy_rows(list(accounts.income), lambda line: line.function_code, classifications.function_names,
                           columns, codes.FUNCTION_LENGTHS)
    header = _function_header(*_columns("本年收入合计", *(label for label, _ in INCOME_COLUMNS)))
    spec = _spec(form, forms.INCOME, department_name, header, SPLIT_CODE, ((0, tuple(range(1, len(columns)))),),
                 total_first=True)
    return spec.filled(rows)


def expenditure_summary(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> Table:
    """支出决算表: the year's expenditure by 功能分类 类/款/项 and kind, 合计 first."""
    columns = [_always, *(_of_kind(kind) for _, kind in EXPENDITURE_KINDS)]
    header = _function_header(*_columns("本年支出合计", *(label for label, _ in EXPENDITURE_KINDS)))
    spec = _spec(form, forms.EXPENDITURE, department_name, header, SPLIT_CODE, ((0, tuple(range(1, len(columns)))),),
                 total_first=True)
    return spec.filled(_function_rows(_lines(accounts), classifications, columns))


def fiscal_summary(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> Table:
    """财政拨款收入支出决算总表: fiscal income against the form's 类 by fund, and the fiscal balances by fund."""
    fiscal = [line for line in _lines(accounts) if line.source in FISCAL_SOURCES]
    income = [(f"{CHINESE_ORDINALS[index]}、{FUND_NAMES[source]}", _sum(accounts.income, _from(source)))
              for index, source in enumerate(FISCAL_SOURCES)]
    by_fund = [_class_sums(fiscal, _of_source(source)) for source in FISCAL_SOURCES]
    classes = _classes(form, classifications, fiscal)
    rows = _against_fixed_classes(income, classifications, _class_sums(fiscal), *by_fund, classes=classes)
    spent = [_sum(fiscal), *(_sum(fiscal, _of_source(source)) for source in FISCAL_SOURCES)]
    end = [_carried(accounts, facts.END, *FISCAL_SOURCES),
           *(_carried(accounts, facts.END, source) for source in FISCAL_SOURCES)]
    start = _carried(accounts, facts.START, *FISCAL_SOURCES)
    income_total = _sum(accounts.income, _from(*FISCAL_SOURCES))
    blank: list[Figure] = [None] * len(spent)
    rows += [
        _side_by_side("本年收入合计", income_total, "本年支出合计", *spent),
        _side_by_side("年初财政拨款结转和结余", start, "年末财政拨款结转和结余", *end),
        *(_side_by_side(label, _carried(accounts, facts.START, source), "", *blank)
          for (label, _), source in zip(income, FISCAL_SOURCES, strict=True)),
        _side_by_side("总计", income_total + start, "总计", *(figure + left for figure, left in zip(spent, end, strict=True))),
    ]
    total = len(classes)  # the row 本年收入合计 / 本年支出合计, then 结转和结余 (by fund) and 总计
    funds = tuple(range(total + 2, total + 2 + len(FISCAL_SOURCES)))
    grand = funds[-1] + 1
    sums = (
        RowSum(total, tuple(range(len(income))), income=True), RowSum(total + 1, funds, income=True),
        RowSum(grand, (total, total + 1), income=True), RowSum(total, tuple(range(total))),
        RowSum(grand, (total, total + 1)),
    )
    header = [
        [HeaderCell("收入", colspan=2), HeaderCell("支出", colspan=5)],
        [HeaderCell("项目"), HeaderCell("决算数"), HeaderCell("项目"), HeaderCell("合计"),
         *(HeaderCell(name) for name in FUND_NAMES.values())],
    ]
    spec = _spec(form, forms.FISCAL, department_name, header, SIDE_BY_SIDE, ((0, (1, 2, 3)),))
    return spec.filled(rows, sums)


def general_budget_expenditure(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> Table:
    """一般公共预算财政拨款支出决算表: the fund's lines by 功能分类 × (合计, 基本支出, 项目支出), 合计 last."""
    lines = [line for line in _lines(accounts) if line.source == GENERAL_BUDGET]
    header = _function_header(*_columns("合计", "基本支出", "项目支出"))
    spec = _spec(form, forms.GENERAL_BUDGET, department_name, header, SPLIT_CODE, ((0, (1, 2)),))
    return spec.filled(_total_last(_function_rows(lines, classifications, BASIC_PROJECT_COLUMNS)))


def general_budget_basic_expenditure(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> Table:
    """一般公共预算财政拨款基本支出决算表: the form's economic codes, each printed even at zero, 人员经费 (the personnel
    classes) on the left and 公用经费 on the right, each half closed by its 合计."""
    basic = [line for line in _lines(accounts) if line.source == GENERAL_BUDGET and line.kind == BASIC]
    spent: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in basic:
        for length in codes.ECONOMIC_LENGTHS:
            spent[line.economic_code[:length]] += line.amount
    names = {**classifications.economic_names, **dict(form.basic_codes)}
    class_order = list(dict.fromkeys(codes.class_code(code) for code, _ in form.basic_codes))

    def order(code: str) -> tuple[int, str]:
        # The form's classes in its order, a class it does not list after them; 款 in code order within a class.
        klass = codes.class_code(code)
        return (class_order.index(klass) if klass in class_order else len(class_order), code)

    listed = sorted({code for code, _ in form.basic_codes} | set(spent), key=order)

    def is_personnel(code: str) -> bool:
        return codes.class_code(code) in classifications.personnel_classes

    def half(personnel: bool) -> list[Row[Figure]]:
        return [Row("", codes.level(code), code, names.get(code, ""), (spent.get(code, ZERO),))
                for code in listed if is_personnel(code) == personnel]

    left, right = half(True), half(False)
    blank: Row[Figure] = Row("", ENTRY, "", "", (None,))
    rows = [replace(right[index] if index < len(right) else blank, beside=left[index] if index < len(left) else None)
            for index in range(max(len(left), len(right)))]
    personnel = _sum(basic, lambda line: is_personnel(line.economic_code))
    rows.append(Row("", TOTAL, "", PUBLIC_EXPENSE_TOTAL, (_sum(basic) - personnel,),
                    beside=Row("", TOTAL, "", PERSONNEL_TOTAL, (personnel,))))
    header = [
        [HeaderCell("经济分类科目编码", colspan=2), HeaderCell("科目名称", rowspan=2), HeaderCell("决算数", rowspan=2)] * 2,
        [HeaderCell("类"), HeaderCell("款")] * 2,
    ]
    spec = _spec(form, forms.GENERAL_BUDGET_BASIC, department_name, header, TWO_PANEL,
                 code_lengths=codes.ECONOMIC_LENGTHS)
    return spec.filled(rows)


def three_public_expenditure(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> Table:
    """财政拨款“三公”经费支出决算表: 预算数 (entered, or the published budget's) and 决算数 (the fiscal lines of the items'
    economic 款) of the total and each item."""
    fiscal = [line for line in _lines(accounts) if line.source in FISCAL_SOURCES]

    def pair(*items: str) -> tuple[Decimal, Decimal]:
        economic = {code for item in items for code in facts.THREE_PUBLIC_CODES[item]}
        budgeted = sum((accounts.three_public_budget.get(item, ZERO) for item in items), ZERO)
        return budgeted, _sum(fiscal, lambda line: line.economic_code in economic)

    vehicles = (facts.VEHICLE_PURCHASE, facts.VEHICLE_UPKEEP)
    figures = (*pair(*facts.THREE_PUBLIC_ITEMS), *pair(facts.OVERSEAS_TRAVEL), *pair(*vehicles),
               *pair(facts.VEHICLE_PURCHASE), *pair(facts.VEHICLE_UPKEEP), *pair(facts.RECEPTION))
    both = [HeaderCell("预算数"), HeaderCell("决算数")]
    header = [
        [HeaderCell("财政拨款“三公”经费", colspan=12)],
        [HeaderCell("合计", colspan=2, rowspan=2), HeaderCell("因公出国（境）费", colspan=2, rowspan=2),
         HeaderCell("公务用车购置及运行费", colspan=6), HeaderCell("公务接待费", colspan=2, rowspan=2)],
        [HeaderCell("小计", colspan=2), HeaderCell("公务用车购置费", colspan=2), HeaderCell("公务用车运行费", colspan=2)],
        both * 6,
    ]
    # 合计 = 出国 + 车辆小计 + 接待, and 小计 = 购置 + 运行, for 预算数 and 决算数 alike
    column_sums = ((0, (2, 4, 10)), (1, (3, 5, 11)), (4, (6, 8)), (5, (7, 9)))
    spec = _spec(form, forms.THREE_PUBLIC, department_name, header, FIGURES, column_sums)
    return spec.filled([Row("", ENTRY, "", "", figures)])


@dataclass(frozen=True)
class _Entry:
    """What the fund tables sum: a 项's carry-over (facts.START or facts.END), income or expenditure (its kind)."""

    function_code: str
    column: str
    amount: Decimal


def _fund_table(key: str, fund: str) -> Builder:
    """The fund tables (政府性基金, 国有资本经营): the fund's 结转和结余, income and expenditure by 功能分类, 合计 last;
    or, where the form says so, its expenditure only."""

    def build(accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str) -> Table:
        entries = [
            *(_Entry(carried.function_code, carried.moment, carried.amount) for carried in accounts.carryovers
              if carried.fund == fund and carried.function_code),
            *(_Entry(line.function_code, INCOME, line.amount) for line in accounts.income if line.source == fund),
            *(_Entry(line.function_code, line.kind, line.amount) for line in accounts.lines if line.source == fund),
        ]

        def of(*columns: str) -> Callable[[_Entry], bool]:
            return lambda entry: entry.column in columns

        spending = of(*(kind for _, kind in EXPENDITURE_KINDS))
        spent = [HeaderCell("小计"), HeaderCell("基本支出"), HeaderCell("项目支出")]
        if form.table(key).columns == forms.EXPENDITURE_ONLY:
            entries = [entry for entry in entries if spending(entry)]
            columns, column_sums = [spending, of(BASIC), of(PROJECT)], ((0, (1, 2)),)
            header = _function_header(*_columns("合计", "基本支出", "项目支出"))
        else:
            columns = [of(facts.START), of(INCOME), spending, of(BASIC), of(PROJECT), of(facts.END)]
            column_sums = ((2, (3, 4)),)
            header = _function_header(
                *_columns("年初结转和结余", "本年收入"), HeaderCell("本年支出", colspan=3), *_columns("年末结转和结余"),
                below=[replace(cell, rowspan=2) for cell in spent],
            )
        rows = _hierarchy_rows(entries, lambda entry: entry.function_code, classifications.function_names, columns,
                               codes.FUNCTION_LENGTHS)
        return _spec(form, key, department_name, header, SPLIT_CODE, column_sums).filled(_total_last(rows))

    build.__doc__ = f"The fund table {key}: {FUND_NAMES[fund]} by 功能分类."
    return build


government_fund_table = _fund_table(forms.GOVERNMENT_FUND, GOVERNMENT_FUND)
state_capital_table = _fund_table(forms.STATE_CAPITAL, STATE_CAPITAL)

BUILDERS: dict[str, Builder] = {
    forms.INCOME_EXPENDITURE: income_expenditure_summary,
    forms.INCOME: income_summary,
    forms.EXPENDITURE: expenditure_summary,
    forms.FISCAL: fiscal_summary,
    forms.GENERAL_BUDGET: general_budget_expenditure,
    forms.GENERAL_BUDGET_BASIC: general_budget_basic_expenditure,
    forms.THREE_PUBLIC: three_public_expenditure,
    forms.GOVERNMENT_FUND: government_fund_table,
    forms.STATE_CAPITAL: state_capital_table,
}


def specs(form: forms.Form, classifications: Classifications, department_name: str) -> list[TableSpec]:
    """The nine tables' specs in the form's order, whatever the data (to thaw a frozen version's rows)."""
    return list(build_all(facts.Accounts((), (), ()), classifications, form, department_name))


def build_by_key(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> dict[str, Table]:
    """The nine tables by key (forms.TABLE_KEYS), in the form's order."""
    return {table.key: BUILDERS[table.key](accounts, classifications, form, department_name) for table in form.tables}


def build_all(
    accounts: facts.Accounts, classifications: Classifications, form: forms.Form, department_name: str
) -> list[Table]:
    """The nine tables in the form's order."""
    return list(build_by_key(accounts, classifications, form, department_name).values())
