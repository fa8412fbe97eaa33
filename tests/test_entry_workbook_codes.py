"""The entry workbook's code sheet (科目编码): the year's 功能分类 项 and 经济分类 款, each with its name and its
path from the 类, nothing of another year; the blank template of a chosen year, from the admin."""

import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from budget.exchange import entry_workbook
from budget.models import EconomicSubject, FunctionSubject
from tests.pages import logged_in


def code_sheet(content):
    """The code sheet's (功能分类 rows, 经济分类 rows), each row (code, name, path)."""
    rows = list(load_workbook(io.BytesIO(content))["科目编码"].iter_rows(min_row=2, values_only=True))
    return [row[0:3] for row in rows if row[0]], [row[4:7] for row in rows if row[4]]


@pytest.fixture
def changed_2026(db):
    """2026's list renames a 项 and adds one that 2025 does not have."""
    FunctionSubject.objects.filter(year=2026, code="2013301").update(name="行政运行（2026年新名称）")
    section = FunctionSubject.objects.get(year=2026, code="20133")
    FunctionSubject.objects.create(year=2026, code="2013304", name="网络宣传", parent=section)


def test_the_code_sheet_lists_the_years_leaf_codes_with_their_paths(db):
    function, economic = code_sheet(entry_workbook.workbook(None, 2025))

    assert ("2013301", "行政运行", "201 一般公共服务支出 › 20133 宣传事务 › 2013301 行政运行") in function
    assert ("30201", "办公费", "302 商品和服务支出 › 30201 办公费") in economic
    assert [code for code, _, _ in function] == sorted(
        FunctionSubject.objects.filter(year=2025, code__regex=r"^\d{7}$").values_list("code", flat=True))
    assert [code for code, _, _ in economic] == sorted(
        EconomicSubject.objects.filter(year=2025, code__regex=r"^\d{5}$").values_list("code", flat=True))


def test_the_code_sheet_holds_nothing_of_another_year(changed_2026):
    function_2025, _ = code_sheet(entry_workbook.workbook(None, 2025))
    function_2026, _ = code_sheet(entry_workbook.workbook(None, 2026))

    assert ("2013301", "行政运行", "201 一般公共服务支出 › 20133 宣传事务 › 2013301 行政运行") in function_2025
    assert "2013304" not in [code for code, _, _ in function_2025]
    assert ("2013304", "网络宣传", "201 一般公共服务支出 › 20133 宣传事务 › 2013304 网络宣传") in function_2026
    assert ("2013301", "行政运行（2026年新名称）",
            "201 一般公共服务支出 › 20133 宣传事务 › 2013301 行政运行（2026年新名称）") in function_2026


def test_a_budgets_workbook_lists_the_codes_of_its_own_year(changed_2026, draft_budget):
    draft_budget.year = 2026
    draft_budget.save()

    function, _ = code_sheet(entry_workbook.workbook(draft_budget))

    assert "2013304" in [code for code, _, _ in function]
    assert load_workbook(io.BytesIO(entry_workbook.workbook(draft_budget)))["科目编码"]["A1"].value == "2026年功能分类科目编码（项）"


def test_the_admin_gives_the_blank_template_of_a_chosen_year(client, accountant, changed_2026):
    response = logged_in(client, accountant).get(reverse("admin:budget_budget_entry_template"), {"year": "2025"})

    assert response.status_code == 200
    assert unquote(response["Content-Disposition"]).endswith("预算填报模板（2025年）.xlsx")
    assert "2013304" not in [code for code, _, _ in code_sheet(response.content)[0]]


@pytest.mark.parametrize("year", ["2031", "abc", "２０２５", ""])
def test_a_year_without_lists_or_not_a_year_is_not_found(client, accountant, year):
    response = logged_in(client, accountant).get(reverse("admin:budget_budget_entry_template"), {"year": year})

    assert response.status_code == 404


def test_without_a_year_the_template_has_the_newest_years_codes(client, accountant):
    response = logged_in(client, accountant).get(reverse("admin:budget_budget_entry_template"))

    assert unquote(response["Content-Disposition"]).endswith("预算填报模板（2027年）.xlsx")
    assert load_workbook(io.BytesIO(response.content))["科目编码"]["A1"].value == "2027年功能分类科目编码（项）"
