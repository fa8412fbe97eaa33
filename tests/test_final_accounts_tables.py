"""The nine tables of the reference 部门决算 (上海市普陀区财政局 2024), built from its lines by the budget's table engine,
cell for cell as the Shanghai form prints them; the same data under the Hebei form."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from budget.builders import frozen_tables
from budget.builders.money import to_wan
from budget.builders.tables import SPECS, TOTAL
from final_accounts.builders import facts, forms
from final_accounts.builders import tables as final_tables
from final_accounts.samples import putuo
from tests import reference_final_accounts as reference
from tests.pages import html_tables


def build(form: str = "shanghai", accounts: facts.Accounts | None = None, classifications=None):
    return final_tables.build_by_key(accounts or reference.accounts(), classifications or reference.classifications(),
                                     forms.load(form), reference.DEPARTMENT)


@pytest.fixture(scope="module")
def shanghai():
    return build()


@pytest.fixture(scope="module")
def hebei():
    return build("hebei")


def printed(table):
    return [table.text_cells(row) for row in table.rows]


@pytest.mark.parametrize("key", forms.TABLE_KEYS)
def test_each_table_prints_the_reference_cells(shanghai, key):
    assert printed(shanghai[key]) == reference.EXPECTED[key]


def test_tables_follow_the_forms_order_and_titles(shanghai):
    built = final_tables.build_all(reference.accounts(), reference.classifications(), forms.load("shanghai"),
                                   reference.DEPARTMENT)

    assert [table.title for table in built] == reference.TITLES
    assert [table.number for table in built] == list(range(1, 10))
    assert [table.key for table in built] == list(shanghai)


def test_every_row_has_as_many_cells_as_the_header_has_columns(shanghai, hebei):
    for table in [*shanghai.values(), *hebei.values()]:
        assert {len(table.text_cells(row)) for row in table.rows} <= {table.column_count}, table.title
        assert len(table.column_kinds) == table.column_count, table.title


@pytest.mark.parametrize("key", ["income_expenditure", "fiscal"])
def test_summary_tables_list_all_26_classes_zero_or_not(shanghai, key):
    labels = [row.label for row in shanghai[key].rows][:26]

    assert labels == reference.CLASS_LABELS
    assert labels[-1] == "二十六、抗疫特别国债安排的支出"


def test_the_basic_expenditure_table_prints_the_forms_whole_code_list(shanghai):
    table = shanghai["general_budget_basic"]
    listed = [half.code for row in table.rows for half in (row.beside, row) if half is not None and half.code]

    assert sorted(listed) == sorted(code for code, _ in forms.load("shanghai").basic_codes)
    assert [row.beside.code for row in table.rows if row.beside and row.beside.code][:2] == ["301", "30101"]
    assert (table.rows[-1].beside.label, table.rows[-1].label) == ("人员经费合计", "公用经费合计")


def test_empty_fund_tables_keep_their_form_and_note(shanghai):
    for key, note in reference.EMPTY_NOTES.items():
        table = shanghai[key]
        assert table.is_empty
        assert table.empty_note == note
        assert table.blank_row == [""] * 10


def test_tail_difference_is_flagged_where_printed_totals_differ_from_their_parts(shanghai):
    flagged = {key for key, table in shanghai.items() if table.has_tail_difference}

    assert flagged == reference.TAIL_DIFFERENCES


def test_table_6_tail_difference_is_the_references_own(shanghai):
    # 301 prints 2,082.85 while its 款 print 2,082.86 one by one; 302 prints 171.07 against 171.09: the 元 lines
    # reproduce the printed totals, so the 尾差 is genuine, not a slip.
    left = {row.beside.code: row.beside.figures[0] for row in shanghai["general_budget_basic"].rows if row.beside}
    sections = [figure for code, figure in left.items() if code.startswith("301") and len(code) == 5]

    assert to_wan(left["301"]) == Decimal("2082.85")
    assert sum(to_wan(figure) for figure in sections) == Decimal("2082.86")


@pytest.mark.parametrize(("key", "label", "column", "printed_by_reference", "ours", "why"), reference.SLIPS)
def test_the_references_slips_print_as_the_lines_give_them(shanghai, key, label, column, printed_by_reference, ours,
                                                           why):
    row = next(cells for cells in printed(shanghai[key]) if cells[2] == label)
    lines_of_208 = sum(Decimal(amount) for function, _, _, amount in putuo.LINES if function.startswith("208"))

    assert row[column] == ours != printed_by_reference
    assert f"{to_wan(lines_of_208):,.2f}" == ours


def test_hebei_form_names_orders_and_prints_the_same_data_its_way(hebei):
    titles = [table.title for table in sorted(hebei.values(), key=lambda table: table.number)]

    assert titles[5] == "一般公共预算财政拨款基本支出决算明细表"
    assert titles[7] == "国有资本经营预算财政拨款支出决算表"
    assert titles[8] == "财政拨款“三公”经费支出决算表"
    summary = printed(hebei["income_expenditure"])
    assert summary[0] == ["一、一般公共预算财政拨款收入", "2940.05", "一、一般公共服务支出", "2106.66"]
    assert summary[1] == ["二、政府性基金预算财政拨款收入", "0.00", "二、外交支出", "0.00"]
    assert len([row for row in hebei["income_expenditure"].rows if "、" in row.label]) == 24
    assert printed(hebei["three_public"]) == [["0.95", "0.00", *["0.00"] * 8, "0.95", "0.00"]]
    assert printed(hebei["general_budget_basic"])[3][:4] == ["301", "03", "奖金", "0.00"]


def test_hebei_state_capital_table_lists_expenditure_only(hebei):
    table = hebei["state_capital"]

    assert table.column_count == 7
    assert table.empty_note == "注：上海市普陀区财政局本年度无国有资本经营预算财政拨款支出，故本表为空表。"


def test_a_class_the_form_does_not_list_is_added_not_dropped():
    accounts = reference.accounts()
    reserve = facts.ActualLine("2270101", "30299", "project", facts.GENERAL_BUDGET, Decimal("10000"))
    built = build(accounts=replace(accounts, lines=(*accounts.lines, reserve)))

    assert [row.label for row in built["income_expenditure"].rows][26] == "二十七、预备费"
    assert built["income_expenditure"].text_cells(built["income_expenditure"].rows[26])[3] == "1.00"


def test_a_fund_table_with_data_lists_carryovers_income_and_expenditure_by_subject():
    accounts = reference.accounts()
    fund = facts.GOVERNMENT_FUND
    classifications = reference.classifications()
    # budget/data's list is the demo's excerpt: the land fund's 款 and 项 are named here
    names = {**classifications.function_names, "21208": "国有土地使用权出让收入安排的支出", "2120801": "征地和拆迁补偿支出"}
    built = build(classifications=replace(classifications, function_names=names), accounts=replace(
        accounts,
        lines=(*accounts.lines, facts.ActualLine("2120801", "30299", "project", fund, Decimal("80000"))),
        income=(*accounts.income, facts.IncomeLine("2120801", fund, Decimal("100000"))),
        carryovers=(*accounts.carryovers, facts.CarryOver(fund, facts.START, Decimal("5000"), "2120801"),
                    facts.CarryOver(fund, facts.END, Decimal("25000"), "2120801")),
    ))
    table = built["government_fund"]

    assert printed(table) == [
        ["212", "", "", "城乡社区支出", "0.50", "10.00", "8.00", "", "8.00", "2.50"],
        ["212", "08", "", "国有土地使用权出让收入安排的支出", "0.50", "10.00", "8.00", "", "8.00", "2.50"],
        ["212", "08", "01", "征地和拆迁补偿支出", "0.50", "10.00", "8.00", "", "8.00", "2.50"],
        ["合计", "", "", "", "0.50", "10.00", "8.00", "", "8.00", "2.50"],
    ]
    assert table.rows[-1].kind == TOTAL
    assert printed(built["fiscal"])[29][:2] == ["二、政府性基金预算财政拨款", "0.50"]


def test_three_public_actuals_come_from_the_items_economic_codes():
    accounts = reference.accounts()
    reception = facts.ActualLine("2010601", "30217", "basic", facts.GENERAL_BUDGET, Decimal("3000"))
    built = build(accounts=replace(accounts, lines=(*accounts.lines, reception)))

    assert printed(built["three_public"]) == [["0.95", "0.30", "", "", "", "", "", "", "", "", "0.95", "0.30"]]


@pytest.mark.parametrize("form", ["shanghai", "hebei"])
def test_frozen_rows_thaw_with_their_spec_into_the_same_cells(form):
    built = build(form)
    for spec, table in zip(final_tables.specs(forms.load(form), reference.classifications(), reference.DEPARTMENT),
                           built.values(), strict=True):
        frozen = frozen_tables.freeze(table)
        thawed = frozen_tables.thaw(spec, frozen)

        assert [spec.cells(row) for row in thawed] == frozen
        assert [(row.kind, row.code) for row in thawed] == [(row.kind, row.code) for row in table.rows]


def test_the_budgets_tables_still_thaw_by_number():
    assert frozen_tables.thaw(5, [["1", "201", "一般公共服务支出", "1.00", "1.00", ""]])[0].code == "201"
    assert SPECS[5].numbered


@pytest.mark.parametrize("form", ["shanghai", "hebei"])
def test_the_template_renders_each_table_as_built(form):
    built = build(form)
    html = "".join(render_to_string("final_accounts/_table.html", {"table": table}) for table in built.values())
    rendered = html_tables(html)

    for table in built.values():
        page = rendered[table.number]
        body = page["rows"][len(table.header):]
        assert page["title"] == table.title
        assert page["meta"] == forms.load(form).meta_lines(reference.DEPARTMENT)
        assert body == (printed(table) or [table.blank_row])
        assert page["note"] == (table.empty_note if table.is_empty else "")
        assert page["tail_note"] == table.has_tail_difference


def test_a_longer_personnel_half_leaves_the_right_half_blank_and_thaws_back():
    form = replace(forms.load("shanghai"), basic_codes=(("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"),
                                                        ("302", "商品和服务支出")))
    accounts = replace(reference.accounts(), lines=tuple(line for line in reference.accounts().lines
                                                          if line.economic_code.startswith("301")))
    table = final_tables.build_by_key(accounts, reference.classifications(), form, reference.DEPARTMENT)[
        forms.GENERAL_BUDGET_BASIC]
    rows = printed(table)

    assert rows[1] == ["301", "01", "基本工资", "262.33", "", "", "", ""]
    assert rows[-1] == ["人员经费合计", "", "", "2,082.85", "公用经费合计", "", "", ""]
    assert [table.cells(row) for row in frozen_tables.thaw(table, rows)] == rows
