"""The independent checks of a final accounts' tables and carry-overs: silent on the reference, and each with an
example it refuses, its message naming the tables and figures."""

from dataclasses import replace
from decimal import Decimal

import pytest

from budget.builders.tables import TOTAL
from final_accounts.builders import checks, facts, forms
from final_accounts.builders import tables as final_tables
from tests import reference_final_accounts as reference


def built(form: str = "shanghai", accounts: facts.Accounts | None = None):
    return final_tables.build_by_key(accounts or reference.accounts(), reference.classifications(), forms.load(form),
                                     reference.DEPARTMENT)


def changed(tables, key, match, change):
    """The tables with the rows of table `key` that `match` replaced by `change(row)`."""
    table = tables[key]
    rows = [change(row) if match(row) else row for row in table.rows]
    return {**tables, key: replace(table, rows=rows)}


def figures_plus(row, index, yuan):
    figures = list(row.figures)
    figures[index] = (figures[index] or Decimal(0)) + Decimal(yuan)
    return replace(row, figures=tuple(figures))


@pytest.mark.parametrize("form", ["shanghai", "hebei"])
def test_the_reference_passes_every_check(form):
    assert checks.run(reference.accounts(), built(form).values()) == []


def test_first_table_whose_sides_do_not_balance_is_named_with_both_totals():
    tables = changed(built(), "income_expenditure", lambda row: row.label == "总计",
                     lambda row: figures_plus(row, 0, 100))

    assert checks.sides_balance(tables) == [
        "表1《收入支出决算总表》收支不平衡：收入总计2995.39万元，支出总计2995.40万元，相差100.00元。"
    ]


def test_fiscal_summary_whose_sides_do_not_balance_is_named():
    tables = changed(built(), "fiscal", lambda row: row.label == "总计", lambda row: figures_plus(row, 0, -1))

    assert checks.sides_balance(tables) == [
        "表4《财政拨款收入支出决算总表》收支不平衡：收入总计2961.68万元，支出总计2961.68万元，相差1.00元。"
    ]


def test_income_and_expenditure_tables_must_agree_with_the_first():
    tables = changed(built(), "income", lambda row: row.kind == TOTAL, lambda row: figures_plus(row, 0, 500))
    tables = changed(tables, "expenditure", lambda row: row.kind == TOTAL, lambda row: figures_plus(row, 0, -500))

    assert checks.summaries_agree(tables) == [
        "表1《收入支出决算总表》与表2《收入决算表》不一致：本年收入合计2946.25万元，收入决算表合计2946.30万元，相差500.00元。",
        "表1《收入支出决算总表》与表3《支出决算表》不一致：本年支出合计2940.05万元，支出决算表合计2940.00万元，相差500.00元。",
    ]


def test_fiscal_summary_must_agree_with_the_general_budget_table():
    tables = changed(built(), "general_budget", lambda row: row.kind == TOTAL, lambda row: figures_plus(row, 0, 10000))

    assert checks.fiscal_matches_general_budget(tables) == [
        "表4《财政拨款收入支出决算总表》与表5《一般公共预算财政拨款支出决算表》不一致："
        "一般公共预算财政拨款本年支出合计2940.05万元，支出决算表合计2941.05万元，相差10,000.00元。"
    ]


def test_basic_expenditure_must_be_personnel_plus_public_expenses():
    tables = changed(built(), "general_budget_basic", lambda row: row.kind == TOTAL,
                     lambda row: figures_plus(row, 0, 200))

    assert checks.basic_matches_personnel_and_public(tables) == [
        "表5《一般公共预算财政拨款支出决算表》与表6《一般公共预算财政拨款基本支出决算表》不一致：基本支出合计2336.91万元，"
        "人员经费合计2152.26万元与公用经费合计184.67万元之和2336.93万元，相差200.00元。"
    ]


def test_three_public_total_must_be_its_items_in_both_columns():
    tables = changed(built(), "three_public", lambda row: True, lambda row: figures_plus(figures_plus(row, 1, 300), 7, 50))

    assert checks.three_public_foots(tables) == [
        "表7《财政拨款“三公”经费支出决算表》决算数不平衡：合计0.03万元，各项之和0.00万元，相差300.00元。",
        "表7《财政拨款“三公”经费支出决算表》决算数不平衡：公务用车购置及运行费小计0.00万元，购置费与运行费之和0.01万元，"
        "相差50.00元。",
    ]


def test_three_public_items_of_the_basic_table_must_stay_within_the_three_public_table():
    accounts = reference.accounts()
    reception = facts.ActualLine("2010601", "30217", "basic", facts.GENERAL_BUDGET, Decimal("3000"))
    with_reception = built(accounts=replace(accounts, lines=(*accounts.lines, reception)))
    tables = {**with_reception, "three_public": built()["three_public"]}

    assert checks.three_public_covers_basic(with_reception) == []
    assert checks.three_public_covers_basic(tables) == [
        "表6《一般公共预算财政拨款基本支出决算表》中公务接待费0.30万元，超过表7《财政拨款“三公”经费支出决算表》公务接待费决算数0.00万元。"
    ]


def test_a_fiscal_funds_end_balance_must_follow_from_its_start_income_and_expenditure():
    accounts = reference.accounts()
    carryovers = tuple(replace(carried, amount=Decimal("216000")) if carried.fund == facts.GENERAL_BUDGET
                       and carried.moment == facts.END else carried for carried in accounts.carryovers)

    assert checks.carryovers_balance(replace(accounts, carryovers=carryovers)) == [
        "一般公共预算财政拨款结转和结余不衔接：年末结转和结余21.60万元，年初21.63万元加本年收入2940.05万元减本年支出2940.05万元"
        "21.63万元，相差300.00元。"
    ]


def test_the_non_fiscal_balance_counts_the_balance_used_and_distributed():
    accounts = replace(reference.accounts(), non_fiscal_balance_used=Decimal("10000"))

    assert checks.carryovers_balance(accounts) == [
        "非财政拨款结转和结余不衔接：年末结转和结余33.71万元，年初27.51万元加本年收入6.20万元减本年支出0.00万元"
        "加使用非财政拨款结余1.00万元减结余分配0.00万元34.71万元，相差10,000.00元。"
    ]
    assert checks.carryovers_balance(replace(accounts, balance_distribution=Decimal("10000"))) == []


def test_run_finds_tables_by_key_whatever_the_forms_order():
    tables = changed(built("hebei"), "income_expenditure", lambda row: row.label == "总计",
                     lambda row: figures_plus(row, 0, 100))

    assert [message[:14] for message in checks.run(reference.accounts(), tables.values())] == ["表1《收入支出决算总表》收支"]
