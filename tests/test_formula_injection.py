"""Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) comes out inert: with a leading
apostrophe in CSV, as a string cell (never a formula) in XLSX."""

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from budget.exchange import exports
from budget.models import EconomicSubject, FunctionSubject
from budget.samples.synthetic import publish
from tests.factories import complete_budget
from tests.pages import export_lines, logged_in

DEPARTMENT_NAME = '=HYPERLINK("http://example.com","点击")'
FUNCTION_NAME = "-2+3行政运行"
ECONOMIC_NAME = "@SUM(1,1)基本工资"
PROJECT_CODE = "=1+1"
FIGURE = re.compile(r"\d+(\.\d+)?")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert exports.csv_text(f"{start}1+1") == f"'{start}1+1"


def test_csv_text_that_cannot_be_a_formula_is_unchanged():
    assert exports.csv_text("行政运行 = 1") == "行政运行 = 1"


@pytest.fixture
def hostile_budget(draft_budget):
    """A published budget whose department, subject names and project code look like formulas."""
    draft_budget.department.name = DEPARTMENT_NAME
    draft_budget.department.save()
    FunctionSubject.objects.filter(year=2024, code="2013301").update(name=FUNCTION_NAME)
    EconomicSubject.objects.filter(year=2024, code="30101").update(name=ECONOMIC_NAME)
    complete_budget(draft_budget).projects.update(code=PROJECT_CODE)
    publish(draft_budget)
    return draft_budget


def csv_fields(content):
    return [field for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for field in row]


def assert_inert_csv(content):
    for field in csv_fields(content):
        assert not field.startswith(exports.FORMULA_STARTS) or FIGURE.fullmatch(field), field


def test_table_csv_neutralises_subject_names(client, hostile_budget):
    content = client.get("/budgets/2024/301/tables/3.csv").content

    assert f"'{FUNCTION_NAME}" in csv_fields(content)
    assert_inert_csv(content)


def test_lines_csv_neutralises_names_and_project_codes(client, hostile_budget):
    content = client.get("/budgets/2024/301/lines.csv").content
    fields = csv_fields(content)

    assert {f"'{FUNCTION_NAME}", f"'{ECONOMIC_NAME}", f"'{PROJECT_CODE}"} <= set(fields)
    assert_inert_csv(content)


def test_the_year_zip_holds_neutralised_csv(client, hostile_budget):
    bundle = zipfile.ZipFile(io.BytesIO(client.get("/budgets/2024/open-data.zip").content))
    assert_inert_csv(bundle.read("301/tables/2.csv"))


def formula_free_sheets(content):
    """The workbook's sheets, once no cell of any is found to be a formula."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name), name
    sheets = load_workbook(io.BytesIO(content)).worksheets
    for sheet in sheets:
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return sheets


def assert_no_formula(content):
    """No cell of any sheet is a formula, and the department line keeps its text."""
    sheets = formula_free_sheets(content)
    for sheet in sheets:
        department = sheet["A2"]
        assert department.value == f"301{DEPARTMENT_NAME}" and department.data_type == "s"
    names = [cell for row in sheets[2].iter_rows() for cell in row if cell.value == FUNCTION_NAME]
    assert names and all(cell.data_type == "s" and cell.quotePrefix for cell in names)


def test_the_public_workbook_has_no_formula(client, hostile_budget):
    assert_no_formula(client.get("/budgets/2024/301/tables.xlsx").content)


def test_the_admin_workbook_has_no_formula(client, reviewer, hostile_budget):
    response = logged_in(client, reviewer).get(reverse("admin:budget_budget_workbook", args=[hostile_budget.pk]))
    assert_no_formula(response.content)


def test_json_keeps_the_text_as_it_was_entered(client, hostile_budget):
    data = client.get("/budgets/2024/301/budget.json").json()

    assert data["department"]["name"] == DEPARTMENT_NAME
    assert data["projects"][0]["code"] == PROJECT_CODE


# The staff's export of line items (django-import-export)


def test_the_staff_line_csv_keeps_a_formula_as_text_behind_an_apostrophe(client, reviewer, hostile_budget):
    content = export_lines(logged_in(client, reviewer), "0").content

    assert f"'{PROJECT_CODE}" in csv_fields(content)
    assert_inert_csv(content)


def test_the_staff_line_workbook_keeps_a_formula_as_quoted_text(client, reviewer, hostile_budget):
    [sheet] = formula_free_sheets(export_lines(logged_in(client, reviewer), "1").content)

    codes = [cell for row in sheet.iter_rows() for cell in row if cell.value == PROJECT_CODE]
    assert codes and all(cell.data_type == "s" and cell.quotePrefix for cell in codes)
    amounts = [row[-1].value for row in sheet.iter_rows(min_row=2)]
    assert amounts and all(isinstance(amount, int | float) for amount in amounts)  # figures stay numbers
