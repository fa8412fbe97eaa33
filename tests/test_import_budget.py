"""Importing a budget from the entry workbook or a CSV of line items: strict, clear, all or nothing."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from budget import access, document
from budget.exchange import entry_workbook, imports, spreadsheet
from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject
from performance.models import PerformanceIndicator, ProjectEvaluation
from tests.factories import complete_budget, database_state, edited_workbook


def workbook_with(budget, edit):
    """The budget's entry workbook after edit(sheets) changed it, as bytes."""
    return edited_workbook(entry_workbook.workbook(budget), edit)


def csv_of(rows, encoding="utf-8"):
    lines = [",".join(imports.SHEETS[imports.LINES])] + [",".join(row) for row in rows]
    return "\r\n".join(lines).encode(encoding)


def test_export_then_import_changes_no_table(reopened_demo):
    before = document.snapshot(document.build(reopened_demo))

    imports.import_budget(reopened_demo, "demo.xlsx", entry_workbook.workbook(reopened_demo), access.COMMAND_LINE)

    after = document.snapshot(document.build(reopened_demo))
    assert after["tables"] == before["tables"] and after["statements"] == before["statements"]
    assert reopened_demo.projects.count() == 6
    assert PerformanceIndicator.objects.filter(project__budget=reopened_demo).count() == 40
    assert reopened_demo.procurement_items.count() == 2 and reopened_demo.asset_holdings.count() == 1


def test_blank_template_has_the_instructions_five_data_sheets_and_the_lists(db):
    workbook = load_workbook(io.BytesIO(entry_workbook.workbook(None)))

    assert workbook.sheetnames == ["说明", "预算明细", "项目", "绩效指标", "政府采购", "国有资产", "科目编码", "选项"]
    assert [cell.value for cell in workbook["预算明细"][1]] == [
        "单位编码", "功能分类科目编码", "经济分类科目编码", "支出类型", "资金来源", "是否上年结转", "项目编码", "金额（元）",
        "备注（不导入）"]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_a_csv_of_lines_in_gbk_or_utf8_replaces_the_lines_only(draft_budget, encoding):
    complete_budget(draft_budget)
    rows = [["", "2013301", "30201", "基本支出", "一般公共预算拨款", "否", "", "12345.60"],
            ["", "2013301", "30227", "项目支出", "一般公共预算拨款", "否", "P001", "50000.00"]]

    imports.import_budget(draft_budget, "lines.csv", csv_of(rows, encoding), access.COMMAND_LINE)

    assert sorted(draft_budget.lines.values_list("economic_subject__code", "amount")) == [
        ("30201", Decimal("12345.60")), ("30227", Decimal("50000.00"))]
    assert draft_budget.projects.count() == 1  # a CSV leaves projects alone


BAD_LINES = {
    "unknown code": (["", "2019988", "30101", "基本支出", "一般公共预算拨款", "否", "", "1.00"],
                     "「预算明细」第2行「功能分类科目编码」：2024年的科目表中没有编码“2019988”。"),
    "non-leaf code": (["", "20133", "30101", "基本支出", "一般公共预算拨款", "否", "", "1.00"],
                      "不是项级科目"),
    "non-numeric amount": (["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "一百"],
                           "「预算明细」第2行「金额（元）」：“一百”不是数字。"),
    "negative amount": (["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "-5"],
                        "金额必须大于零"),
    "three decimals": (["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "1.005"],
                       "「预算明细」第2行「金额（元）」：“1.005”超过2位小数。"),
    "unknown kind": (["", "2013301", "30101", "其他支出", "一般公共预算拨款", "否", "", "1.00"],
                     "「支出类型」：“其他支出”不是可选值"),
    "project line without project": (["", "2013301", "30227", "项目支出", "一般公共预算拨款", "否", "", "1.00"],
                                      "「项目编码」：项目支出必须选择所属项目。"),
    "unknown project": (["", "2013301", "30227", "项目支出", "一般公共预算拨款", "否", "P999", "1.00"],
                        "项目“P999”不在「项目」表中。"),
    "unit of another department": (["999", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "1.00"],
                                   "「单位编码」：“999”不是鹿泉区测试局或其所属单位的编码。"),
}


@pytest.mark.parametrize("row, message", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_a_bad_line_is_refused_with_its_place_and_nothing_changes(draft_budget, row, message):
    complete_budget(draft_budget)
    before = database_state(draft_budget)

    with pytest.raises(ValidationError) as refused:
        imports.import_budget(draft_budget, "lines.csv", csv_of([row]), access.COMMAND_LINE)

    assert any(message in text for text in refused.value.messages), refused.value.messages
    assert database_state(draft_budget) == before


def test_codes_are_looked_up_in_the_budgets_own_year(department):
    later = Budget.objects.create(department=department, year=2031)  # a 2031 list without 2013301
    FunctionSubject.objects.create(year=2031, code="2010101", name="行政运行")
    EconomicSubject.objects.create(year=2031, code="30101", name="基本工资")
    row = ["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "1.00"]

    with pytest.raises(ValidationError, match="2031年的科目表中没有编码“2013301”"):
        imports.import_budget(later, "lines.csv", csv_of([row]), access.COMMAND_LINE)


def test_duplicate_rows_are_refused(draft_budget):
    row = ["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "1.00"]
    with pytest.raises(ValidationError, match="「预算明细」第3行：与第2行重复。"):
        imports.import_budget(draft_budget, "lines.csv", csv_of([row, row]), access.COMMAND_LINE)


def test_a_bad_row_in_one_sheet_leaves_every_sheet_as_it_was(reopened_demo):
    before = database_state(reopened_demo)

    def break_an_indicator(workbook):
        workbook["绩效指标"]["B3"] = "不存在的指标"

    content = workbook_with(reopened_demo, break_an_indicator)
    with pytest.raises(ValidationError, match="「绩效指标」第3行「一级指标」：“不存在的指标”不是可选值"):
        imports.import_budget(reopened_demo, "demo.xlsx", content, access.COMMAND_LINE)
    assert database_state(reopened_demo) == before


FORMULA_CELLS = {  # a formula that openpyxl writes without its value, as a program that does not calculate does
    "a project's code, which lines and indicators refer to": ("项目", "A3", "「项目」第3行「项目编码」"),
    "a unit's code, which may be empty": ("预算明细", "A3", "「预算明细」第3行「单位编码」"),
}


@pytest.mark.parametrize("sheet, cell, place", FORMULA_CELLS.values(), ids=FORMULA_CELLS.keys())
def test_a_formula_cell_is_refused_as_such_and_alone(draft_budget, sheet, cell, place):
    complete_budget(draft_budget)
    before = database_state(draft_budget)

    def type_a_formula(workbook):
        workbook[sheet][cell] = '="P"&"001"'

    with pytest.raises(ValidationError) as refused:
        imports.import_budget(draft_budget, "x.xlsx", workbook_with(draft_budget, type_a_formula), access.COMMAND_LINE)
    assert refused.value.messages == [f"{place}：公式单元格：请粘贴为数值。"]
    assert database_state(draft_budget) == before


def test_a_renamed_column_or_missing_sheet_is_refused(reopened_demo):
    def rename(workbook):
        workbook["预算明细"]["H1"] = "金额"

    with pytest.raises(ValidationError, match="「预算明细」缺少列：金额（元）"):
        imports.import_budget(reopened_demo, "demo.xlsx", workbook_with(reopened_demo, rename), access.COMMAND_LINE)

    def drop(workbook):
        del workbook["国有资产"]

    with pytest.raises(ValidationError, match="工作簿缺少工作表：国有资产"):
        imports.import_budget(reopened_demo, "demo.xlsx", workbook_with(reopened_demo, drop), access.COMMAND_LINE)


@pytest.mark.parametrize("filename, content, message", [
    ("budget.txt", b"hello", "不支持的文件类型“.txt”"),
    ("budget.xlsx", b"not a zip at all", "无法读取 XLSX 文件"),
    ("budget.csv", b"\xff\xfe\x00\xd8garbage\x81", "无法识别文件编码"),
])
def test_what_is_not_a_workbook_or_csv_is_refused(draft_budget, filename, content, message):
    with pytest.raises(ValidationError, match=message):
        imports.import_budget(draft_budget, filename, content, access.COMMAND_LINE)


def test_a_file_over_the_size_limit_is_refused(draft_budget, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_FILE_BYTES", 100)
    with pytest.raises(ValidationError, match="文件过大"):
        imports.import_budget(draft_budget, "lines.csv", b"x" * 101, access.COMMAND_LINE)


def test_excel_number_cells_are_read_without_float_noise():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "预算明细"
    sheet.append(imports.SHEETS[imports.LINES])
    sheet.append([None, 2013301, 30101, "基本支出", "一般公共预算拨款", "否", None, 0.1 + 0.2])
    sheet.append([None, 2013301, 30102, "基本支出", "一般公共预算拨款", "否", None, 1234.5])
    content = io.BytesIO()
    workbook.save(content)

    rows = spreadsheet.read("lines.xlsx", content.getvalue())["预算明细"].rows
    assert [record["金额（元）"] for _, record in rows] == ["0.30", "1234.50"]
    assert [record["功能分类科目编码"] for _, record in rows] == ["2013301", "2013301"]


def test_only_drafts_of_the_importers_own_department_can_be_imported_into(draft_budget, accountant, other_accountant):
    content = csv_of([["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "1.00"]])

    with pytest.raises(ValidationError, match="只能导入本部门的预算"):
        imports.import_budget(draft_budget, "lines.csv", content, other_accountant)
    Budget.objects.filter(pk=draft_budget.pk).update(status="submitted")
    draft_budget.refresh_from_db()
    with pytest.raises(ValidationError, match="只能导入草稿或已退回的预算"):
        imports.import_budget(draft_budget, "lines.csv", content, accountant)
    assert not BudgetLine.objects.filter(budget=draft_budget).exists()


def test_an_import_is_recorded_in_the_history_with_who(draft_budget, accountant):
    imports.import_budget(draft_budget, "lines.csv",
                          csv_of([["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "8.00"]]), accountant)

    record = BudgetLine.history.get()
    assert (record.history_user, record.history_type, record.history_change_reason) == (accountant, "+", "导入 lines.csv")


def test_a_line_replaced_by_an_import_is_recorded_as_deleted_once_with_who_and_why(draft_budget, accountant):
    first = csv_of([["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "8.00"]])
    imports.import_budget(draft_budget, "first.csv", first, accountant)
    replaced = draft_budget.lines.get()

    imports.import_budget(draft_budget, "second.csv", first, accountant)

    records = BudgetLine.history.filter(id=replaced.pk).order_by("history_id")
    assert [(record.history_type, record.history_user, record.history_change_reason) for record in records] == [
        ("+", accountant, "导入 first.csv"), ("-", accountant, "导入 second.csv")]


def test_import_budget_command(draft_budget, tmp_path, capsys):
    path = tmp_path / "lines.csv"
    path.write_bytes(csv_of([["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "8.00"]], "gbk"))

    call_command("import_budget", "301", "2024", str(path))

    assert "预算明细1行" in capsys.readouterr().out
    path.write_bytes(csv_of([["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "-8"]]))
    with pytest.raises(CommandError, match="未导入，数据库未作任何更改"):
        call_command("import_budget", "301", "2024", str(path))
    assert draft_budget.lines.get().amount == 8


def test_a_workbook_is_refused_where_the_projects_carry_their_self_evaluation_and_nothing_changes(demo_budget):
    Budget.objects.filter(pk=demo_budget.pk).update(status=Budget.Status.RETURNED)  # reopened after the evaluation
    demo_budget.refresh_from_db()
    before = database_state(demo_budget)

    with pytest.raises(ValidationError, match="本预算的项目已有绩效自评，整表导入会替换项目和绩效指标并删除其自评"):
        imports.import_budget(demo_budget, "demo.xlsx", entry_workbook.workbook(demo_budget), access.COMMAND_LINE)

    assert database_state(demo_budget) == before
    assert ProjectEvaluation.objects.filter(project__budget=demo_budget).count() == 6
