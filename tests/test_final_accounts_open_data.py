"""Published final accounts as open data: the nine tables as Excel, CSV and JSON and the whole version as JSON, read
from what publication froze, figures as numbers (the form's thousands separators dropped); drafts give 404."""

import csv
import io
import json
from decimal import Decimal

from openpyxl import load_workbook

from tests.factories import filled_final_accounts, final_accounts

BASE = "/final-accounts/2024/310107001/"


def test_each_table_downloads_as_csv_with_figures_as_numbers(client, demo_final_accounts):
    response = client.get(BASE + "tables/2.csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["项目/支出功能分类科目编码/类", "项目/支出功能分类科目编码/款", "项目/支出功能分类科目编码/项",
                           "项目/科目名称", "本年收入合计"]
    assert rows[1][3:6] == ["合计", "2946.25", "2940.05"]  # printed 2,946.25 in the document
    assert ["201", "06", "01", "行政运行", "1511.90", "1511.89", "", "", "", "", "0.01"] in rows


def test_a_table_as_json_names_its_department_year_and_unit(client, demo_final_accounts):
    data = json.loads(client.get(BASE + "tables/7.json").content)

    assert data["title"] == "财政拨款“三公”经费支出决算表"
    assert data["department"] == {"code": "310107001", "name": "上海市普陀区财政局"} and data["year"] == 2024
    assert data["rows"] == [["0.95", None, None, None, None, None, None, None, None, None, "0.95", None]]


def test_the_workbook_holds_every_table_as_printed(client, demo_final_accounts):
    book = load_workbook(io.BytesIO(client.get(BASE + "tables.xlsx").content))

    assert len(book.sheetnames) == 9
    sheet = book[book.sheetnames[5]]  # 一般公共预算财政拨款基本支出决算表, two panels
    assert sheet.cell(1, 1).value == "一般公共预算财政拨款基本支出决算表"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["301", None, "工资福利支出", Decimal("2082.85"), "302", None, "商品和服务支出", Decimal("171.07")] in [
        [Decimal(str(v)) if isinstance(v, float | int) else v for v in row] for row in values]


def test_the_whole_version_as_json_carries_headline_figures_and_execution(client, demo_final_accounts):
    data = json.loads(client.get(BASE + "final-accounts.json").content)

    assert data["title"] == "上海市普陀区财政局2024年度部门决算"
    assert Decimal(data["figures"]["total"]) == Decimal("29953891")  # 元: 2995.39万元
    assert data["execution"][0]["code"] == "" and Decimal(data["execution"][0]["budget"]) == Decimal("29939200")
    assert len(data["tables"]) == 9


def test_no_open_data_of_a_draft(client, department):
    draft = filled_final_accounts(final_accounts(department))
    base = f"/final-accounts/{draft.year}/{draft.department.code}/"
    for path in ("tables.xlsx", "tables/1.csv", "tables/1.json", "final-accounts.json"):
        assert client.get(base + path).status_code == 404


def test_the_years_open_data_zip_holds_the_final_accounts_too(client, demo_final_accounts):
    import zipfile

    bundle = zipfile.ZipFile(io.BytesIO(client.get("/budgets/2024/open-data.zip").content))

    names = bundle.namelist()
    assert "224/budget.json" in names and "224/final-accounts.json" in names
    assert "310107001/final-accounts/tables/6.csv" in names
    data = json.loads(bundle.read("310107001/final-accounts.json"))
    assert data["title"] == "上海市普陀区财政局2024年度部门决算"
