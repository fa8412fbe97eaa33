"""The 决算填报模板 (final_accounts/exchange.py): the round trip (template → filled → imported → rows in the database),
the 年初预算 taken from the year's published budget, the refusals with their rows (nothing changed after any), the
CSV of actual lines and the import_final_accounts command."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from budget import access
from budget.exchange import spreadsheet
from budget.models import Budget
from budget.samples.synthetic import make_line, publish
from final_accounts import exchange
from final_accounts.models import FinalAccounts
from tests.factories import edited_workbook, filled_final_accounts, final_accounts, final_accounts_state
from tests.hostile_files import Number, sheet_xml, xlsx
from tests.pages import logged_in

LINE = ["", "2013301", "30201", "基本支出", "一般公共预算拨款", "80000.00"]


@pytest.fixture
def accounts(department):
    return final_accounts(department)


def filled(content, **sheets):
    """The workbook with these rows appended to its sheets (sheet name → rows of cell values)."""
    def edit(workbook):
        for name, rows in sheets.items():
            for row in rows:
                workbook[name].append(row)
    return edited_workbook(content, edit)


def without_ids(state):
    """The rows of each kind as sorted values, their ids left out (an import creates new rows)."""
    return [sorted(sorted((key, str(value)) for key, value in row.items() if key != "id") for row in rows)
            for rows in state]


def template(accounts):
    return exchange.workbook(accounts)


def imported(accounts, content, name="决算.xlsx"):
    return exchange.import_final_accounts(accounts, name, content, access.COMMAND_LINE)


def refusal(accounts, content, name="决算.xlsx"):
    """The import's error messages; the database unchanged."""
    before = final_accounts_state(accounts)
    with pytest.raises(ValidationError) as refused:
        imported(accounts, content, name)
    assert final_accounts_state(accounts) == before
    return refused.value.messages


def test_the_template_has_the_four_data_sheets_dropdowns_and_an_example_row_each(accounts):
    workbook = load_workbook(io.BytesIO(template(accounts)))
    assert workbook.sheetnames[:5] == ["说明", "支出明细", "收入明细", "结转和结余", "年初预算与说明"]
    assert workbook["选项"].sheet_state == "hidden"
    lines = workbook["支出明细"]
    assert [cell.value for cell in lines[1]] == [*exchange.SHEETS["支出明细"], "备注（不导入）"]
    assert lines["G2"].value == exchange.EXAMPLE_MARK
    dropdowns = {validation.formula1 for validation in lines.data_validations.dataValidation if validation.formula1}
    assert {"功能分类科目", "经济分类科目", "支出类型", "资金来源", "单位编码"} <= dropdowns
    for name in exchange.SHEETS:
        assert workbook[name].max_row == 2, name  # header and example: nothing entered yet


def test_round_trip_template_filled_imported_rows_in_the_database(accounts):
    content = filled(
        template(accounts),
        支出明细=[LINE, ["", "2013301", "30101", "基本支出", "一般公共预算拨款", "1,200.50"]],
        收入明细=[["", "2013301", "一般公共预算拨款", "81200.50"]],
        结转和结余=[["", "一般公共预算财政拨款", "年末结转和结余", "", "5000"],
                ["", "政府性基金预算财政拨款", "年初结转和结余", "2013301", "300.00"]],
        年初预算与说明=[["2013301", "行政运行", "90000.00", "机关运行。", "节约开支。"]],
    )

    parsed = imported(accounts, content)

    assert parsed.summary() == "支出明细2行，收入明细1行，结转和结余2行，年初预算与说明1项"
    lines = sorted((line.economic_subject.code, line.amount) for line in accounts.lines.all())
    assert lines == [("30101", Decimal("1200.50")), ("30201", Decimal("80000.00"))]
    assert [(income.source, income.amount) for income in accounts.income_lines.all()] == [
        ("general_budget", Decimal("81200.50"))]
    assert sorted((c.fund, c.moment, c.amount) for c in accounts.carryovers.all()) == [
        ("general_budget", "end", Decimal("5000.00")), ("government_fund", "start", Decimal("300.00"))]
    [item] = accounts.item_budgets.all()
    assert (item.function_subject.code, item.initial_budget, item.purpose) == ("2013301", Decimal("90000.00"), "机关运行。")
    # and out again: the filled workbook holds what was imported, and imports to the same
    again = template(accounts)
    before = final_accounts_state(accounts)
    imported(accounts, again)
    assert without_ids(final_accounts_state(accounts)) == without_ids(before)


def test_initial_budgets_come_prefilled_from_the_years_published_budget_and_are_the_platforms(accounts, department):
    budget = Budget.objects.create(department=department, year=2024)
    make_line(budget, "2013301", "30101", "60000.00")
    make_line(budget, "2013301", "30201", "40000.00")
    make_line(budget, "2013302", "30201", "5000.00", source="special_account")  # not 一般公共预算: not a 年初预算
    publish(budget)

    workbook = load_workbook(io.BytesIO(template(accounts)))
    rows = [[cell.value for cell in row] for row in workbook["年初预算与说明"].iter_rows(min_row=3)]
    assert rows == [["2013301", "行政运行", "100000.00", None, None, None]]

    content = filled(template(accounts), 支出明细=[LINE])
    def explained(workbook):
        workbook["年初预算与说明"]["D3"] = "机关运行。"
    imported(accounts, edited_workbook(content, explained))
    [item] = accounts.item_budgets.all()
    assert item.initial_budget is None and item.purpose == "机关运行。"  # the figure is the published budget's

    def retyped(workbook):
        workbook["年初预算与说明"]["C3"] = "120000.00"
    errors = refusal(accounts, edited_workbook(content, retyped))
    assert errors == ["「年初预算与说明」第3行「年初预算数（元）」：本年度部门预算已在本平台公开，年初预算数取自公开的预算（100000.00元），请不要改动（可留空）。"]


@pytest.mark.parametrize(("row", "message"), [
    (["", "2010698", "30201", "基本支出", "一般公共预算拨款", "10.00"],
     "「支出明细」第4行「功能分类科目编码」：功能分类科目2010698在2024年度不存在。"),
    (["", "201", "30201", "基本支出", "一般公共预算拨款", "10.00"],
     "「支出明细」第4行「功能分类科目编码」：功能分类科目201不是项，须填到项（7位编码）。"),
    (["", "2013301", "302", "基本支出", "一般公共预算拨款", "10.00"],
     "「支出明细」第4行「经济分类科目编码」：经济分类科目302不是款，须填到款（5位编码）。"),
    (["", "2013301", "30201", "基本支出", "一般公共预算拨款", "-5"],
     "「支出明细」第4行「金额（元）」：金额必须大于零，文件中为-5。"),
    (["", "2013301", "30201", "基本支出", "一般公共预算拨款", "12abc"], "「支出明细」第4行「金额（元）」：“12abc”不是数字。"),
    (["", "2013301", "30201", "基本支出", "一般公共预算拨款", "1.234"], "「支出明细」第4行「金额（元）」：“1.234”超过2位小数。"),
    (["", "2013301", "30201", "日常支出", "一般公共预算拨款", "10.00"],
     "「支出明细」第4行「支出类型」：“日常支出”不是可选值（可选：基本支出、项目支出、经营支出、上解上级支出、对附属单位补助支出）。"),
    (["999", "2013301", "30201", "基本支出", "一般公共预算拨款", "10.00"],
     "「支出明细」第4行「单位编码」：“999”不是鹿泉区测试局或其所属单位的编码。"),
])
def test_a_wrong_row_is_refused_with_its_row_and_column_and_nothing_changes(accounts, row, message):
    """Row 3 holds the saved line, which passes; the wrong row is the 4th."""
    filled_final_accounts(accounts)
    assert refusal(accounts, filled(template(accounts), 支出明细=[row])) == [message]


def test_another_departments_unit_is_refused(accounts, other_department):
    row = [other_department.code, *LINE[1:]]
    assert refusal(accounts, filled(template(accounts), 支出明细=[row])) == [
        f"「支出明细」第3行「单位编码」：“{other_department.code}”不是鹿泉区测试局或其所属单位的编码。"]


def test_a_fund_carry_over_without_its_function_subject_is_refused(accounts):
    content = filled(template(accounts), 结转和结余=[["", "政府性基金预算财政拨款", "年末结转和结余", "", "10.00"]])
    assert refusal(accounts, content) == ["「结转和结余」第3行「功能分类科目编码」：不能为空。"]


def test_a_formula_cell_is_refused(accounts):
    filled_final_accounts(accounts)
    content = filled(template(accounts), 支出明细=[[*LINE[:5], "=1+1"]])
    errors = refusal(accounts, content)
    assert errors == ["「支出明细」第4行「金额（元）」：公式单元格：请粘贴为数值。"]  # row 3 holds the saved line


def test_a_workbook_without_the_templates_sheets_is_refused(accounts):
    def renamed(workbook):
        workbook["收入明细"].title = "收入"
    errors = refusal(accounts, edited_workbook(template(accounts), renamed))
    assert errors == ["工作簿缺少工作表：收入明细（应有：支出明细、收入明细、结转和结余、年初预算与说明；表名须与模板一致）。"]


def test_an_edited_example_row_is_refused(accounts):
    def edited(workbook):
        workbook["支出明细"]["F2"] = "99.00"
    [error] = refusal(accounts, edited_workbook(template(accounts), edited))
    assert error.startswith("「支出明细」第2行「备注（不导入）」：这一行标为示例行，但内容已改动。")


def test_a_too_large_file_is_refused_before_it_is_read(accounts):
    content = b"PK" + b"\0" * spreadsheet.MAX_FILE_BYTES
    assert refusal(accounts, content) == ["文件过大（超过10MB），请拆分后再导入。"]


def test_what_is_not_a_workbook_is_refused(accounts):
    [error] = refusal(accounts, b"not a zip")
    assert error.startswith("无法读取 XLSX 文件")


def test_a_csv_of_actual_lines_replaces_the_lines_alone(accounts):
    filled_final_accounts(accounts)
    content = "\r\n".join([",".join(exchange.SHEETS["支出明细"]), ",".join(LINE), ",2013301,30101,基本支出,一般公共预算拨款,5"])
    parsed = imported(accounts, content.encode("gbk"), "lines.csv")
    assert parsed.summary() == "支出明细2行"
    assert sorted(line.amount for line in accounts.lines.all()) == [Decimal("5.00"), Decimal("80000.00")]
    assert accounts.income_lines.count() == accounts.item_budgets.count() == accounts.carryovers.count() == 1


def test_a_csv_row_with_an_unknown_code_is_refused(accounts):
    content = "\r\n".join([",".join(exchange.SHEETS["支出明细"]), ",2010698,30201,基本支出,一般公共预算拨款,5"])
    assert refusal(accounts, content.encode("utf-8"), "lines.csv") == [
        "「支出明细」第2行「功能分类科目编码」：功能分类科目2010698在2024年度不存在。"]


def test_submitted_final_accounts_are_not_imported_into(accounts):
    FinalAccounts.objects.filter(pk=accounts.pk).update(status="submitted")
    accounts.refresh_from_db()
    assert refusal(accounts, filled(template(accounts), 支出明细=[LINE])) == [
        "只能导入草稿或已退回的决算，本决算状态为“已提交”。"]


def test_an_accountant_of_another_department_imports_nothing(accounts, other_accountant):
    with pytest.raises(ValidationError, match="只能导入本部门的决算"):
        exchange.import_final_accounts(accounts, "x.xlsx", filled(template(accounts), 支出明细=[LINE]), other_accountant)
    assert not accounts.lines.exists()


# ---------------------------------------------------------------------------------------------- the command


def test_the_command_starts_the_years_draft_and_imports(tmp_path, department):
    path = tmp_path / "决算.xlsx"
    path.write_bytes(filled(exchange.workbook(None, 2024), 支出明细=[LINE]))
    out = io.StringIO()
    call_command("import_final_accounts", department.code, "2024", str(path), stdout=out)
    accounts = FinalAccounts.objects.get(department=department, year=2024)
    assert accounts.status == "draft"
    assert [line.amount for line in accounts.lines.all()] == [Decimal("80000.00")]
    assert out.getvalue() == f"已建立草稿并导入{accounts}：支出明细1行，收入明细0行，结转和结余0行，年初预算与说明0项。\n"
    assert accounts.history.first().history_change_reason == "导入 决算.xlsx时建立"


def test_the_command_refuses_a_bad_file_and_starts_nothing(tmp_path, department):
    path = tmp_path / "决算.xlsx"
    path.write_bytes(filled(exchange.workbook(None, 2024), 支出明细=[["", "2010698", *LINE[2:]]]))
    with pytest.raises(CommandError, match="功能分类科目2010698在2024年度不存在"):
        call_command("import_final_accounts", department.code, "2024", str(path))
    assert not FinalAccounts.objects.exists()


def test_the_command_refuses_final_accounts_no_longer_editable(tmp_path, accounts):
    FinalAccounts.objects.filter(pk=accounts.pk).update(status="approved")
    path = tmp_path / "决算.xlsx"
    path.write_bytes(filled(template(accounts), 支出明细=[LINE]))
    with pytest.raises(CommandError, match="只能导入草稿或已退回的决算"):
        call_command("import_final_accounts", accounts.department.code, "2024", str(path))
    assert not accounts.lines.exists()


def test_the_command_names_an_unknown_department(tmp_path, db):
    path = tmp_path / "决算.xlsx"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="没有编码为“999”的部门"):
        call_command("import_final_accounts", "999", "2024", str(path))


# ---------------------------------------------------------------------------------------------- the admin's pages


def import_page(accounts):
    return reverse("admin:final_accounts_finalaccounts_import", args=[accounts.pk])


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_the_admin_downloads_the_template_uploads_previews_and_confirms(client, accounts, accountant):
    logged_in(client, accountant)
    response = client.get(reverse("admin:final_accounts_finalaccounts_template", args=[accounts.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = filled(response.content, 支出明细=[LINE])

    preview = client.post(import_page(accounts), {"file": upload("决算.xlsx", content)})
    html = preview.content.decode()
    assert "通过了全部检查：支出明细1行，收入明细0行，结转和结余0行，年初预算与说明0项" in html
    assert not accounts.lines.exists()  # a preview writes nothing
    token = html.split('name="token" value="')[1].split('"')[0]

    confirmed = client.post(import_page(accounts), {"token": token, "filename": "决算.xlsx"})
    assert confirmed.status_code == 302
    assert [line.amount for line in accounts.lines.all()] == [Decimal("80000.00")]
    again = client.post(import_page(accounts), {"token": token, "filename": "决算.xlsx"}, follow=True)
    assert "导入已过期或已完成" in again.content.decode()  # the file was used once, and deleted


def test_the_admin_shows_a_refused_files_errors_and_changes_nothing(client, accounts, accountant):
    filled_final_accounts(accounts)
    before = final_accounts_state(accounts)
    logged_in(client, accountant)
    content = filled(template(accounts), 支出明细=[["", "2010698", *LINE[2:]]])
    html = client.post(import_page(accounts), {"file": upload("决算.xlsx", content)}).content.decode()
    assert "文件未导入，数据库未作任何更改" in html
    assert "「支出明细」第4行「功能分类科目编码」：功能分类科目2010698在2024年度不存在。" in html
    assert 'name="token"' not in html and final_accounts_state(accounts) == before


def test_accountant_b_cannot_use_as_import_page(client, accounts, other_accountant):
    logged_in(client, other_accountant)
    content = filled(template(accounts), 支出明细=[LINE])
    assert client.post(import_page(accounts), {"file": upload("决算.xlsx", content)}).status_code == 404
    assert not accounts.lines.exists()


def test_an_import_for_a_department_and_year_starts_the_draft_on_confirmation(client, department, accountant):
    logged_in(client, accountant)
    start = reverse("admin:final_accounts_finalaccounts_start_import")
    content = filled(exchange.workbook(None, 2024), 支出明细=[LINE])
    choice = {"department": department.pk, "year": 2024}
    html = client.post(start, {**choice, "file": upload("决算.xlsx", content)}).content.decode()
    assert "建立“鹿泉区测试局2024年度部门决算”（草稿）并导入" in html
    assert not FinalAccounts.objects.exists()  # not before confirmation
    token = html.split('name="token" value="')[1].split('"')[0]
    response = client.post(start, {**choice, "token": token, "filename": "决算.xlsx", "starts": "1"})
    accounts = FinalAccounts.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:final_accounts_finalaccounts_change", args=[accounts.pk])
    assert accounts.status == "draft" and [line.amount for line in accounts.lines.all()] == [Decimal("80000.00")]


def test_an_import_for_another_department_or_by_the_bureau_starts_nothing(client, department, other_accountant, reviewer):
    start = reverse("admin:final_accounts_finalaccounts_start_import")
    content = filled(exchange.workbook(None, 2024), 支出明细=[LINE])
    logged_in(client, other_accountant)
    html = client.post(start, {"department": department.pk, "year": 2024,
                               "file": upload("决算.xlsx", content)}).content.decode()
    assert "只能为本部门或所属单位导入决算。" in html and 'name="token"' not in html
    logged_in(client, reviewer)
    assert client.get(start).status_code == 403
    assert not FinalAccounts.objects.exists()


# ---------------------------------------------------------------------------------------------- hostile files


def hostile(lines=(), **options):
    """A 决算填报模板 built by hand (tests/hostile_files.py's writer): these 支出明细 rows, the options (doctype,
    after_rows) applied to that sheet."""
    return xlsx({name: sheet_xml([exchange.SHEETS[name], *(lines if name == "支出明细" else [])],
                                 **(options if name == "支出明细" else {}))
                 for name in exchange.SHEETS})


def test_a_hand_written_workbook_of_the_templates_sheets_is_read(accounts):
    imported(accounts, hostile([LINE]))
    assert accounts.lines.count() == 1


@pytest.mark.parametrize(("content", "message"), [
    (lambda: hostile(after_rows=(" " * 1024 * 1024 for _ in range(60))), "工作簿解压后超过50MB"),
    (lambda: hostile(doctype='<!DOCTYPE lolz [<!ENTITY lol "lol">]>'), "含有 DTD（实体声明）"),
    (lambda: hostile([[*LINE[:5], str(number)] for number in range(1, spreadsheet.MAX_ROWS + 2)]), "文件的数据行超过30,000行"),
])
def test_hostile_workbooks_are_refused_with_nothing_changed(accounts, content, message):
    filled_final_accounts(accounts)
    [error] = refusal(accounts, content())
    assert message in error


def test_a_number_cell_that_is_no_number_is_refused(accounts):
    [error] = refusal(accounts, hostile([[*LINE[:5], Number("NaN")]]))
    assert error.startswith("「支出明细」第2行「金额（元）」：数字单元格的值“NaN”不是有效的数字")
