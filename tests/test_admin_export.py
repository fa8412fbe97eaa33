"""The admin's export of line items (django-import-export) respects who may see what, and is named in Chinese."""

import pytest
from django.utils import timezone
from django.utils.http import content_disposition_header

from budget.models import Budget
from budget.samples.synthetic import make_line
from tests.factories import complete_budget
from tests.pages import export_lines, logged_in


def export_csv(client):
    return export_lines(client).content.decode("utf-8-sig")


@pytest.fixture
def budget_b(other_department):
    budget = Budget.objects.create(department=other_department, year=2024)
    make_line(budget, "2013301", "30201", "777.77")
    return budget


def test_an_accountant_exports_only_own_lines_in_the_workbook_columns(client, draft_budget, budget_b, accountant):
    complete_budget(draft_budget)
    logged_in(client, accountant)

    exported = export_csv(client)

    assert exported.splitlines()[0] == "部门编码,预算年度,单位编码,功能分类科目编码,经济分类科目编码,支出类型,资金来源,是否上年结转,项目编码,金额（元）"
    assert "301,2024,,2013301,30101,基本支出,一般公共预算拨款,否,,100000.00" in exported
    assert "777.77" not in exported and "302,2024" not in exported


def test_another_departments_accountant_exports_none_of_its_lines(client, draft_budget, budget_b, other_accountant):
    complete_budget(draft_budget)
    logged_in(client, other_accountant)

    exported = export_csv(client)

    assert "777.77" in exported
    assert "100000.00" not in exported and ",301," not in exported


@pytest.mark.parametrize("file_format, extension", [("0", "csv"), ("1", "xlsx")])
def test_the_exported_file_is_named_in_chinese(client, draft_budget, accountant, file_format, extension):
    complete_budget(draft_budget)

    response = export_lines(logged_in(client, accountant), file_format)

    name = f"预算明细（{timezone.localdate().isoformat()}）.{extension}"
    assert response["Content-Disposition"] == content_disposition_header(True, name)
