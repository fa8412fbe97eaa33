"""The nine tables as an Excel workbook: the page's figures as numbers, the document's layout, and who may
download a budget's workbook from the admin."""

import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from budget.builders import tables
from budget.exchange import exports
from budget.samples.synthetic import make_line
from tests.pages import html_tables, logged_in

NO_NAMES = tables.Classifications(function_names={}, economic_names={}, personnel_classes=frozenset())

WORKBOOK = "/budgets/2024/224/tables.xlsx"


def sheets(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content)).worksheets


def numbers_row(sheet):
    """The row number of the 栏次 row."""
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "栏次")


def as_displayed(value):
    """A cell as the page shows it (openpyxl reads numbers back as float; its repr is the decimal written)."""
    if isinstance(value, (int, float)):
        return f"{Decimal(repr(value)):.2f}"
    return value or ""


def data_rows(sheet, count):
    """The `count` rows under the 栏次 row, as the page shows them."""
    start = numbers_row(sheet) + 1
    return [[as_displayed(cell.value) for cell in row] for row in sheet.iter_rows(min_row=start, max_row=start + count - 1)]


@pytest.fixture
def page_tables(client, demo_budget):
    return html_tables(client.get("/budgets/2024/224/").content.decode())


@pytest.fixture
def workbook_sheets(client, demo_budget):
    return sheets(client.get(WORKBOOK))


def test_each_sheet_holds_the_rows_of_the_page(workbook_sheets, page_tables):
    assert len(workbook_sheets) == 9
    for number, sheet in enumerate(workbook_sheets, start=1):
        page = page_tables[number]
        page_numbers_at = next(i for i, row in enumerate(page["rows"]) if row[0] == "栏次")
        rows = page["rows"][page_numbers_at + 1 :]

        assert sheet["A1"].value == page["title"]
        assert data_rows(sheet, len(rows)) == rows, number
        assert [str(cell.value) for cell in sheet[numbers_row(sheet)]] == page["rows"][page_numbers_at]


def test_figure_columns_are_where_the_builders_put_figures():
    """The exports tell figures from labels by the header; every builder must agree, for every table."""
    lines = [
        tables.Line("2013301", economic, kind, source, carryover, Decimal("100.00"), "P1" if kind == "project" else "")
        for source in (tables.FISCAL_SOURCES + (tables.SPECIAL_ACCOUNT,) + tables.UNIT_FUND_SOURCES)
        for kind in (tables.BASIC, tables.PROJECT)
        for economic in ("30101", "30212", "30217", "30231", "31013")
        for carryover in (False, True)
    ]
    for table in tables.build_all(lines, NO_NAMES):
        kinds = [column.is_figure for column in exports.columns(table)]
        assert table.rows, table.number
        for row in table.printed_rows:
            assert [not isinstance(cell, str) for cell in row] == kinds, (table.number, row)


def test_the_meta_line_names_department_year_and_unit(workbook_sheets, page_tables):
    values = [cell.value for cell in workbook_sheets[0][2] if cell.value]
    assert values == page_tables[1]["meta"] == ["224中共石家庄市鹿泉区委网络安全和信息化委员会", "预算年度：2024", "单位：万元"]


def test_header_cells_are_merged_as_the_header_spans(workbook_sheets):
    table_2 = {str(cells) for cells in workbook_sheets[1].merged_cells.ranges}
    table_9 = {str(cells) for cells in workbook_sheets[8].merged_cells.ranges}

    assert {"A1:M1", "A3:A4", "B3:C3", "D3:D4", "E3:L3", "M3:M4"} <= table_2
    assert workbook_sheets[1]["E3"].value == "本年收入"
    assert workbook_sheets[1]["F4"].value == "财政拨款 收入"
    assert {"A3:A4", "B3:B4", "C3:F3"} <= table_9


def test_figures_are_numbers_shown_with_two_decimals_and_blank_when_zero(workbook_sheets):
    sheet = workbook_sheets[1]  # 收入总表: 合计 row under the 栏次 row
    total = sheet.cell(numbers_row(sheet) + 1, 4)
    blank = sheet.cell(numbers_row(sheet) + 1, 7)  # 财政专户收入 is zero

    assert total.data_type == "n" and as_displayed(total.value) == "423.06"
    assert total.number_format == "0.00"
    assert blank.value is None and blank.number_format == "0.00"
    assert sheet.cell(numbers_row(sheet) + 2, 2).data_type == "s"  # the code 201 stays text


def test_empty_tables_show_a_blank_row_and_their_note(workbook_sheets, page_tables):
    for number in (7, 8, 9):
        sheet = workbook_sheets[number - 1]
        blank_row = numbers_row(sheet) + 1

        assert all(cell.value is None for cell in sheet[blank_row])
        assert sheet.cell(blank_row + 1, 1).value == page_tables[number]["note"]


def test_print_setup_repeats_the_header_and_fits_the_width(workbook_sheets):
    wide, narrow = workbook_sheets[1], workbook_sheets[0]

    assert wide.print_title_rows == "$3:$5"
    assert wide.page_setup.orientation == "landscape" and narrow.page_setup.orientation == "portrait"
    assert wide.page_setup.fitToWidth == 1 and wide.page_setup.fitToHeight == 0
    assert wide.sheet_properties.pageSetUpPr.fitToPage
    assert wide.column_dimensions["C"].width > wide.column_dimensions["A"].width


def test_an_earlier_version_has_its_own_workbook(client, demo_budget):
    assert sheets(client.get("/budgets/2024/224/v1/tables.xlsx"))[0]["A1"].value == "部门预算收支总表"
    assert client.get("/budgets/2024/224/v2/tables.xlsx").status_code == 404


def test_the_admin_workbook_of_a_published_budget_equals_the_public_one(client, demo_budget):
    public = sheets(client.get(WORKBOOK))
    reviewer = get_user_model().objects.get(username="shenhe")  # the demo's reviewer
    admin = sheets(logged_in(client, reviewer).get(reverse("admin:budget_budget_workbook", args=[demo_budget.pk])))

    assert [[[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in admin] == [
        [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in public
    ]


@pytest.fixture
def draft_with_line(draft_budget):
    make_line(draft_budget, "2013301", "30101", "123400.00")
    return draft_budget


def workbook_url(budget):
    return reverse("admin:budget_budget_workbook", args=[budget.pk])


def test_a_reviewer_downloads_the_workbook_of_a_draft(client, reviewer, draft_with_line):
    response = logged_in(client, reviewer).get(workbook_url(draft_with_line))
    expenditure = sheets(response)[2]

    assert unquote(response["Content-Disposition"]).endswith("鹿泉区测试局2024年部门预算（草稿）.xlsx")
    assert data_rows(expenditure, 1) == [["1", "", "合计", "12.34", "12.34", "", "", "", ""]]


def test_the_accountant_of_the_department_downloads_its_draft(client, accountant, draft_with_line):
    assert logged_in(client, accountant).get(workbook_url(draft_with_line)).status_code == 200


def test_an_accountant_of_another_department_gets_404(client, other_accountant, draft_with_line):
    assert logged_in(client, other_accountant).get(workbook_url(draft_with_line)).status_code == 404


def test_anonymous_is_sent_to_the_login_page(client, draft_with_line):
    response = client.get(workbook_url(draft_with_line))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_budget_page_in_the_admin_links_to_the_workbook(client, reviewer, draft_with_line):
    html = logged_in(client, reviewer).get(reverse("admin:budget_budget_change", args=[draft_with_line.pk])).content
    assert f'href="{workbook_url(draft_with_line)}">下载九张表（Excel）' in html.decode()
