"""What an import for a new year refuses, each with a clear Chinese message and the database unchanged: an
unknown department, a year without classification lists, another department (an accountant through the admin
page; a reviewer, who starts no budget), a file with errors, a failure while writing."""

from unittest.mock import patch

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.urls import reverse

from budget.exchange import entry_workbook, imports
from budget.models import Budget, BudgetLine, Project
from tests.factories import LINE_ROW, complete_budget, csv_upload
from tests.pages import form_data, logged_in

START = "admin:budget_budget_start_import"


def everything():
    """Every budget and what an import writes, as plain values."""
    return (list(Budget.objects.order_by("pk").values()), list(BudgetLine.objects.order_by("pk").values()),
            list(Project.objects.order_by("pk").values()))


@pytest.fixture
def workbook_file(draft_budget, tmp_path):
    """The test department's filled workbook, as a file."""
    complete_budget(draft_budget)
    path = tmp_path / "entry.xlsx"
    path.write_bytes(entry_workbook.workbook(draft_budget))
    return str(path)


def test_an_unknown_department_is_refused(workbook_file):
    before = everything()

    with pytest.raises(CommandError, match="没有编码为“999”的部门或单位"):
        call_command("import_budget", "999", "2025", workbook_file)

    assert everything() == before


def test_a_year_without_classification_lists_is_refused(workbook_file):
    before = everything()

    with pytest.raises(CommandError) as refused:
        call_command("import_budget", "301", "2031", workbook_file)

    assert "系统中还没有2031年的功能分类科目和经济分类科目表，无法导入2031年的预算。" in str(refused.value)
    assert everything() == before


def test_the_admin_offers_only_years_with_lists_and_refuses_another(client, accountant, department):
    logged_in(client, accountant)
    before = everything()

    html = client.post(reverse(START), {"department": department.pk, "year": "2031",
                                        "file": csv_upload([LINE_ROW])}).content.decode()

    assert "预算年度：系统中还没有2031年的科目表，请系统管理员先导入。" in html
    assert everything() == before


def test_another_departments_accountant_cannot_start_a_budget_through_the_page(
        client, accountant, other_accountant, department):
    before = everything()
    logged_in(client, other_accountant)

    html = client.post(reverse(START), {"department": department.pk, "year": "2025",
                                        "file": csv_upload([LINE_ROW])}).content.decode()

    assert "部门或单位：只能为本部门或所属单位导入预算。" in html and "鹿泉区测试局" not in html
    assert everything() == before


def test_a_preview_cannot_be_confirmed_for_another_department(client, accountant, other_accountant, department):
    logged_in(client, accountant)
    preview = client.post(reverse(START), {"department": department.pk, "year": "2025",
                                           "file": csv_upload([LINE_ROW])}).content.decode()
    before = everything()

    logged_in(client, other_accountant)
    client.post(reverse(START), form_data(preview, "import-confirm"))

    assert everything() == before


def test_a_reviewer_starts_no_budget(client, reviewer, department):
    before = everything()

    assert logged_in(client, reviewer).get(reverse(START)).status_code == 403
    assert f'href="{reverse(START)}"' not in client.get(reverse("admin:budget_budget_changelist")).content.decode()
    with pytest.raises(ValidationError, match="只能为本部门或所属单位建立预算。"):
        imports.import_budget(Budget(department=department, year=2025), "lines.csv", csv_upload([LINE_ROW]).read(),
                              reviewer)
    assert everything() == before


def test_a_submitted_budget_of_the_year_is_not_replaced(client, accountant, draft_budget):
    complete_budget(draft_budget)
    Budget.objects.filter(pk=draft_budget.pk).update(status=Budget.Status.SUBMITTED)
    before = everything()

    html = logged_in(client, accountant).post(reverse(START), {
        "department": draft_budget.department.pk, "year": "2024", "file": csv_upload([LINE_ROW])}).content.decode()

    assert "鹿泉区测试局2024年部门预算的状态为“已提交”，只能导入草稿或已退回的预算。" in html
    assert everything() == before


def test_a_file_with_errors_starts_no_budget(department, workbook_file, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_upload([LINE_ROW[:7] + ["abc"]]).read())
    before = everything()

    with pytest.raises(CommandError, match="「预算明细」第2行「金额（元）」：“abc”不是数字。"):
        call_command("import_budget", "301", "2025", str(bad))

    assert everything() == before


def test_a_failure_while_writing_leaves_no_new_budget_behind(department, workbook_file):
    before = everything()

    with patch.object(imports, "bulk_create_with_history", side_effect=DatabaseError("disk full")):
        with pytest.raises(DatabaseError):
            call_command("import_budget", "301", "2025", workbook_file)

    assert everything() == before
    call_command("import_budget", "301", "2025", workbook_file)  # the same file, without the failure
    assert Budget.objects.filter(department=department, year=2025).exists()


def test_a_preview_of_a_new_draft_does_not_replace_a_budget_started_meanwhile(client, accountant, department):
    logged_in(client, accountant)
    preview = client.post(reverse(START), {"department": department.pk, "year": "2025",
                                           "file": csv_upload([LINE_ROW])}).content.decode()
    meanwhile = Budget.objects.create(department=department, year=2025)
    complete_budget(meanwhile)
    before = everything()

    response = client.post(reverse(START), form_data(preview, "import-confirm"), follow=True)

    assert "鹿泉区测试局2025年部门预算刚刚已由他人建立，未导入。" in response.content.decode()
    assert everything() == before
