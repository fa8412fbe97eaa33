"""The independent checks of a final accounts' tables (issue 22, item 4), as the checkers of published 决算 run them:
every table foots and cross-foots, the carry-overs' identities hold, the "三公" items of the basic table stay within
the "三公" table.

Pure: built tables (by key, forms.TABLE_KEYS) and facts in, Chinese messages out, each naming its tables and figures;
no message, no problem. Figures are compared in exact 元, so a 尾差 of printing is never a finding.
"""

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from budget.builders.money import ZERO, grouped_yuan, in_words
from budget.builders.tables import FISCAL_SOURCES, TOTAL, Figure, Row, Table
from final_accounts.builders import facts, forms
from final_accounts.builders.tables import FUND_NAMES, PERSONNEL_TOTAL, PUBLIC_EXPENSE_TOTAL

Tables = Mapping[str, Table]
Check = Callable[[Tables], list[str]]

FUND_LABELS = {**FUND_NAMES, facts.NON_FISCAL: "非财政拨款"}
# The "三公" table's 决算数 of each item, by its column (its 预算数 is the column before)
THREE_PUBLIC_ACTUALS = {facts.OVERSEAS_TRAVEL: 3, facts.VEHICLE_PURCHASE: 7, facts.VEHICLE_UPKEEP: 9, facts.RECEPTION: 11}
THREE_PUBLIC_NAMES = {facts.OVERSEAS_TRAVEL: "因公出国（境）费", facts.VEHICLE_PURCHASE: "公务用车购置费",
                      facts.VEHICLE_UPKEEP: "公务用车运行费", facts.RECEPTION: "公务接待费"}


def _name(table: Table) -> str:
    return f"表{table.number}《{table.title}》"


def _wan(yuan: Decimal) -> str:
    return f"{in_words(yuan)}万元"


def _unequal(what: str, first: tuple[str, Decimal], second: tuple[str, Decimal]) -> list[str]:
    """A message when the two named figures differ, saying by how many 元 (a difference may round away in 万元)."""
    (first_name, first_yuan), (second_name, second_yuan) = first, second
    if first_yuan == second_yuan:
        return []
    difference = grouped_yuan(abs(first_yuan - second_yuan))
    return [f"{what}：{first_name}{_wan(first_yuan)}，{second_name}{_wan(second_yuan)}，相差{difference}元。"]


def _yuan(figure: Figure) -> Decimal:
    return figure or ZERO


def _total(table: Table) -> tuple[Figure, ...]:
    """The figures of a table's 合计 row; zeros where the table is empty."""
    row = next((row for row in table.rows if row.kind == TOTAL), None)
    return row.figures if row else (ZERO,) * table.column_count


def _income(table: Table, label: str) -> Decimal:
    """The income half's amount on the row whose income label is `label`."""
    return next(_yuan(row.income.amount) for row in table.rows if row.income and row.income.label == label)


def _expenditure(table: Table, label: str) -> tuple[Figure, ...]:
    """The expenditure half's figures on the row labelled `label`."""
    return next(row.figures for row in table.rows if row.label == label)


def _present(tables: Tables, *keys: str) -> list[Table] | None:
    """The tables of `keys`, or None where one is missing (a form without it: nothing to check)."""
    found = [tables.get(key) for key in keys]
    return None if any(table is None for table in found) else [table for table in found if table is not None]


def sides_balance(tables: Tables) -> list[str]:
    """收入支出决算总表 and 财政拨款收入支出决算总表: income 总计 = expenditure 总计 (the first is the overall carry-over
    identity: 本年收入 + 使用非财政拨款结余 + 年初 = 本年支出 + 结余分配 + 年末)."""
    messages = []
    for key in (forms.INCOME_EXPENDITURE, forms.FISCAL):
        for table in _present(tables, key) or []:
            messages += _unequal(f"{_name(table)}收支不平衡", ("收入总计", _income(table, "总计")),
                                 ("支出总计", _yuan(_expenditure(table, "总计")[0])))
    return messages


def summaries_agree(tables: Tables) -> list[str]:
    """收入支出决算总表's 本年收入合计 = 收入决算表's 合计, its 本年支出合计 = 支出决算表's 合计."""
    found = _present(tables, forms.INCOME_EXPENDITURE, forms.INCOME, forms.EXPENDITURE)
    if found is None:
        return []
    summary, income, expenditure = found
    return [
        *_unequal(f"{_name(summary)}与{_name(income)}不一致", ("本年收入合计", _income(summary, "本年收入合计")),
                  ("收入决算表合计", _yuan(_total(income)[0]))),
        *_unequal(f"{_name(summary)}与{_name(expenditure)}不一致",
                  ("本年支出合计", _yuan(_expenditure(summary, "本年支出合计")[0])),
                  ("支出决算表合计", _yuan(_total(expenditure)[0]))),
    ]


def fiscal_matches_general_budget(tables: Tables) -> list[str]:
    """财政拨款收入支出决算总表's 一般公共预算财政拨款 本年支出 = 一般公共预算财政拨款支出决算表's 合计."""
    found = _present(tables, forms.FISCAL, forms.GENERAL_BUDGET)
    if found is None:
        return []
    fiscal, general = found
    return _unequal(f"{_name(fiscal)}与{_name(general)}不一致",
                    ("一般公共预算财政拨款本年支出合计", _yuan(_expenditure(fiscal, "本年支出合计")[1])),
                    ("支出决算表合计", _yuan(_total(general)[0])))


def _basic_totals(table: Table) -> tuple[Decimal, Decimal]:
    """人员经费合计 and 公用经费合计 of the basic expenditure table."""
    halves = [half for row in table.rows for half in (row.beside, row) if half is not None and half.kind == TOTAL]
    by_label = {half.label: _yuan(half.figures[0]) for half in halves}
    return by_label.get(PERSONNEL_TOTAL, ZERO), by_label.get(PUBLIC_EXPENSE_TOTAL, ZERO)


def basic_matches_personnel_and_public(tables: Tables) -> list[str]:
    """一般公共预算财政拨款支出决算表's 基本支出 = the basic expenditure table's 人员经费合计 + 公用经费合计."""
    found = _present(tables, forms.GENERAL_BUDGET, forms.GENERAL_BUDGET_BASIC)
    if found is None:
        return []
    general, basic = found
    personnel, public = _basic_totals(basic)
    return _unequal(f"{_name(general)}与{_name(basic)}不一致", ("基本支出合计", _yuan(_total(general)[1])),
                    (f"人员经费合计{_wan(personnel)}与公用经费合计{_wan(public)}之和", personnel + public))


def three_public_foots(tables: Tables) -> list[str]:
    """The "三公" table: 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, and 小计 = 购置费 + 运行费, for 预算数
    and 决算数 alike."""
    found = _present(tables, forms.THREE_PUBLIC)
    if found is None or not found[0].rows:
        return []
    table = found[0]
    figures = [_yuan(figure) for figure in table.rows[0].figures]
    messages = []
    for offset, column in ((0, "预算数"), (1, "决算数")):
        messages += _unequal(f"{_name(table)}{column}不平衡", ("合计", figures[offset]),
                             ("各项之和", figures[2 + offset] + figures[4 + offset] + figures[10 + offset]))
        messages += _unequal(f"{_name(table)}{column}不平衡", ("公务用车购置及运行费小计", figures[4 + offset]),
                             ("购置费与运行费之和", figures[6 + offset] + figures[8 + offset]))
    return messages


def three_public_covers_basic(tables: Tables) -> list[str]:
    """Each "三公" item's economic 款 in the basic expenditure table stay within that item's 决算数 in the "三公" table
    (which counts every fiscal line, basic and project)."""
    found = _present(tables, forms.GENERAL_BUDGET_BASIC, forms.THREE_PUBLIC)
    if found is None or not found[1].rows:
        return []
    basic, three_public = found
    halves: Iterable[Row[Figure]] = (half for row in basic.rows for half in (row.beside, row) if half is not None)
    by_code = {half.code: _yuan(half.figures[0]) for half in halves if half.code}
    actuals = three_public.rows[0].figures
    messages = []
    for item, column in THREE_PUBLIC_ACTUALS.items():
        in_basic = sum((by_code.get(code, ZERO) for code in facts.THREE_PUBLIC_CODES[item]), ZERO)
        if in_basic > _yuan(actuals[column]):
            messages.append(f"{_name(basic)}中{THREE_PUBLIC_NAMES[item]}{_wan(in_basic)}，超过{_name(three_public)}"
                            f"{THREE_PUBLIC_NAMES[item]}决算数{_wan(_yuan(actuals[column]))}。")
    return messages


def carryovers_balance(accounts: facts.Accounts) -> list[str]:
    """Each fund's 年末结转和结余 = 年初 + 本年收入 − 本年支出; the non-fiscal fund's also + 使用非财政拨款结余 −
    结余分配 (summed over the funds, the identity sides_balance checks in the first table)."""
    messages = []
    for fund in facts.FUNDS:
        sources = (fund,) if fund in FISCAL_SOURCES else None

        def of_fund(source: str, sources: tuple[str, ...] | None = sources) -> bool:
            return source in sources if sources else source not in FISCAL_SOURCES

        start, end = (sum((carried.amount for carried in accounts.carryovers
                           if carried.fund == fund and carried.moment == moment), ZERO)
                      for moment in (facts.START, facts.END))
        income = sum((line.amount for line in accounts.income if of_fund(line.source)), ZERO)
        spent = sum((line.amount for line in accounts.lines if of_fund(line.source)), ZERO)
        parts = f"年初{_wan(start)}加本年收入{_wan(income)}减本年支出{_wan(spent)}"
        expected = start + income - spent
        if fund == facts.NON_FISCAL:
            expected += accounts.non_fiscal_balance_used - accounts.balance_distribution
            parts += (f"加使用非财政拨款结余{_wan(accounts.non_fiscal_balance_used)}"
                      f"减结余分配{_wan(accounts.balance_distribution)}")
        messages += _unequal(f"{FUND_LABELS[fund]}结转和结余不衔接", ("年末结转和结余", end), (parts, expected))
    return messages


TABLE_CHECKS: tuple[Check, ...] = (sides_balance, summaries_agree, fiscal_matches_general_budget,
                                   basic_matches_personnel_and_public, three_public_foots, three_public_covers_basic)


def run(accounts: facts.Accounts, tables: Iterable[Table]) -> list[str]:
    """Every check's messages: the tables' (found by key) and the carry-overs'."""
    by_key = {table.key: table for table in tables}
    return [*(message for check in TABLE_CHECKS for message in check(by_key)), *carryovers_balance(accounts)]


def reasons_given(
    item_budgets: Iterable[facts.ItemBudget], actual_by_item: Mapping[str, Decimal], names: Mapping[str, str],
    overall_reason: str,
) -> list[str]:
    """Every 项 whose 支出决算 prints other than its 年初预算 says why, as does the whole when it differs: the
    explanation sets each against its budget and prints the reason (a difference hidden by rounding needs none)."""
    budgets = {item.function_code: item for item in item_budgets}
    messages = []
    for code in sorted({*budgets, *actual_by_item}):
        item = budgets.get(code)
        budget, actual = (item.initial_budget if item else ZERO), actual_by_item.get(code, ZERO)
        if in_words(budget) != in_words(actual) and not (item and item.reason.strip()):
            messages.append(f"{code} {names.get(code, '')}：支出决算{in_words(actual)}万元与年初预算{in_words(budget)}万元"
                            "不同，请在“项目年初预算与说明”中填写差异的主要原因。")
    total_budget = sum((item.initial_budget for item in budgets.values()), ZERO)
    total_actual = sum(actual_by_item.values(), ZERO)
    if in_words(total_budget) != in_words(total_actual) and not overall_reason.strip():
        messages.append(f"一般公共预算财政拨款支出决算{in_words(total_actual)}万元与年初预算{in_words(total_budget)}万元不同，"
                        "请填写“一般公共预算财政拨款支出决算数与年初预算数差异的主要原因”。")
    return messages
