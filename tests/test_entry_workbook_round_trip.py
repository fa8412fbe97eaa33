"""The demo budget's pre-filled entry workbook, opened and saved again as a spreadsheet program would, imports
back to the same figures: into the budget itself, and into the next year as a new draft."""

from django.core.management import call_command

from budget import access, document
from budget.exchange import entry_workbook, imports
from budget.models import Budget
from tests.factories import edited_workbook


def resaved(budget):
    return edited_workbook(entry_workbook.workbook(budget), lambda workbook: None)


def test_the_demos_workbook_imports_back_to_the_same_tables_and_sentences(reopened_demo):
    before = document.snapshot(document.build(reopened_demo))

    parsed = imports.import_budget(reopened_demo, "demo.xlsx", resaved(reopened_demo), access.COMMAND_LINE)

    after = document.snapshot(document.build(reopened_demo))
    assert after["tables"] == before["tables"] and after["statements"] == before["statements"]
    assert parsed.summary() == "预算明细26行，项目6个，绩效指标40个，政府采购2项，国有资产1项"


def test_the_demos_workbook_starts_the_next_year_with_the_same_figures(demo_budget, tmp_path, capsys):
    path = tmp_path / "224-2025.xlsx"
    path.write_bytes(resaved(demo_budget))

    call_command("import_budget", "224", "2025", str(path))

    following = Budget.objects.get(department=demo_budget.department, year=2025)
    assert following.status == Budget.Status.DRAFT
    assert [table.printed_rows for table in following.build_tables()] == [
        table.printed_rows for table in demo_budget.build_tables()]
    assert capsys.readouterr().out.strip().endswith("预算明细26行，项目6个，绩效指标40个，政府采购2项，国有资产1项。")
