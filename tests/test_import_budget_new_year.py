"""Importing for a year the department has no budget of yet starts the year's draft, in the import's own
transaction: from the command line (`import_budget CODE YEAR FILE`) and from the admin's 从文件导入 page; the
message counts everything imported."""

from django.core.management import call_command
from django.urls import reverse

from budget.exchange import entry_workbook
from budget.models import Budget
from tests.factories import LINE_ROW, complete_budget, csv_upload
from tests.pages import form_data, logged_in, page_soup

START = "admin:budget_budget_start_import"


def test_the_command_starts_the_draft_and_counts_what_it_imported(draft_budget, tmp_path, capsys):
    complete_budget(draft_budget)
    path = tmp_path / "测试局2025.xlsx"
    path.write_bytes(entry_workbook.workbook(draft_budget))

    call_command("import_budget", "301", "2025", str(path))

    started = Budget.objects.get(department=draft_budget.department, year=2025)
    assert capsys.readouterr().out.strip() == (
        "已建立草稿并导入鹿泉区测试局2025年部门预算：预算明细2行，项目1个，绩效指标4个，政府采购0项，国有资产0项。")
    assert started.status == Budget.Status.DRAFT and started.lines.count() == 2
    record = started.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", None, "导入 测试局2025.xlsx时建立")


def test_the_command_imports_into_an_existing_budget_without_starting_one(draft_budget, tmp_path, capsys):
    path = tmp_path / "lines.csv"
    path.write_bytes(csv_upload([LINE_ROW]).read())

    call_command("import_budget", "301", "2024", str(path))

    assert capsys.readouterr().out.strip() == "已导入鹿泉区测试局2024年部门预算：预算明细1行。"
    assert Budget.objects.filter(department=draft_budget.department).count() == 1


def test_an_accountant_starts_a_year_from_the_budget_list(client, accountant, department, other_department):
    logged_in(client, accountant)
    changelist = client.get(reverse("admin:budget_budget_changelist")).content.decode()
    page = page_soup(client.get(reverse(START)))

    assert f'href="{reverse(START)}">从文件导入' in changelist
    assert [option.text for option in page.select("#id_department option") if option.get("value")] == ["301 鹿泉区测试局"]
    assert "2025年" in [option.text for option in page.select("#id_year option")]
    assert page.select_one('#entry-templates a[href$="?year=2025"]').text == "2025年"

    preview = client.post(reverse(START), {"department": department.pk, "year": "2025",
                                           "file": csv_upload([LINE_ROW])}).content.decode()

    assert "预览：确认后将建立“鹿泉区测试局2025年部门预算”（草稿）并导入预算明细" in preview
    assert "通过了全部检查：预算明细1行。" in preview
    assert not Budget.objects.filter(year=2025).exists()  # nothing before confirming

    response = client.post(reverse(START), form_data(preview, "import-confirm"), follow=True)

    started = Budget.objects.get(department=department, year=2025)
    assert response.redirect_chain[-1][0] == reverse("admin:budget_budget_change", args=[started.pk])
    assert "已建立鹿泉区测试局2025年部门预算（草稿）并导入：预算明细1行。" in response.content.decode()
    assert started.history.get().history_user == accountant


def test_the_page_imports_into_the_years_budget_when_there_is_one(client, accountant, draft_budget):
    complete_budget(draft_budget)
    logged_in(client, accountant)

    preview = client.post(reverse(START), {"department": draft_budget.department.pk, "year": "2024",
                                           "file": csv_upload([LINE_ROW])}).content.decode()
    response = client.post(reverse(START), form_data(preview, "import-confirm"), follow=True)

    assert "预览：确认后将替换本预算的预算明细" in preview
    assert "已导入：预算明细1行。" in response.content.decode()
    assert list(draft_budget.lines.values_list("amount", flat=True)) == [20000]
    assert Budget.objects.filter(department=draft_budget.department).count() == 1
