"""Each data sheet of the entry workbook has one example row under its header, marked in its last column: the
import ignores it while it is unchanged, refuses it (saying what to do) once edited, and the example itself is
a row the import would accept."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from budget import access
from budget.exchange import entry_workbook, imports
from tests.factories import complete_budget, database_state, edited_workbook

MARK = "示例行：原样保留时导入会忽略，也可删除"
DATA_SHEETS = ["预算明细", "项目", "绩效指标", "政府采购", "国有资产"]


def test_row_2_of_each_data_sheet_is_a_marked_example_in_grey_italics(db):
    workbook = load_workbook(io.BytesIO(entry_workbook.workbook(None)))

    for name in DATA_SHEETS:
        sheet = workbook[name]
        header = [cell.value for cell in sheet[1]]
        example = sheet[2]
        assert header[-1] == "备注（不导入）" and example[-1].value == MARK, name
        assert all(cell.font.i and cell.font.color.rgb == "00808080" for cell in example), name
        assert sheet.max_row == 2, name  # nothing else in a blank template
    assert workbook["预算明细"][2][1].value == "2010101" and workbook["预算明细"][2][7].value == "12000.00"


def test_an_unchanged_example_is_ignored(draft_budget):
    with pytest.raises(ValidationError, match=r"文件中没有任何数据行（示例行不算）"):
        imports.import_budget(draft_budget, "blank.xlsx", entry_workbook.workbook(None), access.COMMAND_LINE)
    complete_budget(draft_budget)

    parsed = imports.import_budget(draft_budget, "mine.xlsx", entry_workbook.workbook(draft_budget), access.COMMAND_LINE)

    assert parsed.summary() == "预算明细2行，项目1个，绩效指标4个，政府采购0项，国有资产0项"
    assert not draft_budget.lines.filter(function_subject__code="2010101").exists()


def test_an_edited_example_is_refused_with_what_to_do(draft_budget):
    complete_budget(draft_budget)
    before = database_state(draft_budget)

    def edit(workbook):
        workbook["预算明细"]["H2"] = "50000.00"  # typed over the example, the mark left in place

    content = edited_workbook(entry_workbook.workbook(draft_budget), edit)
    with pytest.raises(ValidationError) as refused:
        imports.import_budget(draft_budget, "mine.xlsx", content, access.COMMAND_LINE)

    assert refused.value.messages == [
        "「预算明细」第2行「备注（不导入）」：这一行标为示例行，但内容已改动。要导入这一行，请清空本单元格的"
        f"“{MARK}”；不要就删除这一行。"]
    assert database_state(draft_budget) == before


def test_the_examples_are_rows_the_import_accepts_once_unmarked(draft_budget):
    def unmark(workbook):
        for name in DATA_SHEETS:
            workbook[name].cell(2, workbook[name].max_column).value = None

    content = edited_workbook(entry_workbook.workbook(None), unmark)
    parsed = imports.import_budget(draft_budget, "examples.xlsx", content, access.COMMAND_LINE)

    assert parsed.summary() == "预算明细1行，项目1个，绩效指标1个，政府采购1项，国有资产1项"
    line = draft_budget.lines.get()
    assert (line.function_subject.code, line.economic_subject.code, line.amount) == ("2010101", "30201", 12000)
    assert draft_budget.projects.get().indicators.get().target == "≥4次"
    assert draft_budget.procurement_items.get().project.code == "SL-001"


def test_a_deleted_example_is_no_loss(draft_budget):
    complete_budget(draft_budget)

    def delete_examples(workbook):
        for name in DATA_SHEETS:
            workbook[name].delete_rows(2)

    content = edited_workbook(entry_workbook.workbook(draft_budget), delete_examples)
    parsed = imports.import_budget(draft_budget, "mine.xlsx", content, access.COMMAND_LINE)

    assert parsed.summary() == "预算明细2行，项目1个，绩效指标4个，政府采购0项，国有资产0项"
