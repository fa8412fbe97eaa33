"""Open data of published budgets: each table as CSV and JSON, the budget as JSON, a year's zip and the line
items as a Fiscal Data Package; all served from what publication froze, never from a draft."""

import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from budget.models import Budget, PublishedVersion
from budget.samples.synthetic import make_line, publish
from tests.factories import complete_budget
from tests.pages import html_tables, logged_in

BASE = "/budgets/2024/224/"
PER_BUDGET = ["tables.xlsx", *(f"tables/{n}.csv" for n in range(1, 10)), *(f"tables/{n}.json" for n in range(1, 10)),
              "budget.json", "datapackage.json", "lines.csv"]


def no_floats(text):
    raise AssertionError(f"a float in JSON: {text}")


def json_of(response):
    """The response's JSON, refusing any float literal (figures are strings)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content, parse_float=no_floats)


def csv_of(response):
    """The rows of a CSV response, which must start with a UTF-8 BOM."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def page_tables(client, demo_budget):
    return html_tables(client.get(BASE).content.decode())


def page_rows(page_table):
    """The rows under the 栏次 row, without the one blank row an empty table shows."""
    rows = page_table["rows"]
    rows = rows[next(i for i, row in enumerate(rows) if row[0] == "栏次") + 1 :]
    return [] if page_table["note"] else rows


@pytest.mark.parametrize("number", range(1, 10))
def test_each_table_as_csv_equals_the_page(client, page_tables, number):
    header, *rows = csv_of(client.get(f"{BASE}tables/{number}.csv"))

    assert rows == page_rows(page_tables[number])
    assert header[0] == "序号"


def test_csv_columns_are_the_flattened_headings(client, demo_budget):
    header = csv_of(client.get(f"{BASE}tables/2.csv"))[0]
    assert header == ["序号", "功能分类科目/科目编码", "功能分类科目/科目名称", "合计", "本年收入/小计", "本年收入/财政拨款收入",
                      "本年收入/财政专户收入", "本年收入/事业收入", "本年收入/经营收入", "本年收入/上级补助收入",
                      "本年收入/附属单位上缴收入", "本年收入/其他收入", "上年结转"]


@pytest.mark.parametrize("number", range(1, 10))
def test_each_table_as_json_equals_the_page(client, page_tables, number):
    table = json_of(client.get(f"{BASE}tables/{number}.json"))

    assert table["table"] == number and table["title"] == page_tables[number]["title"]
    assert table["department"] == {"code": "224", "name": "中共石家庄市鹿泉区委网络安全和信息化委员会"}
    assert table["year"] == 2024 and table["unit"] == "万元"
    assert [[cell or "" for cell in row] for row in table["rows"]] == page_rows(page_tables[number])
    assert table["note"] == page_tables[number]["note"]
    assert len(table["columns"]) == len(page_tables[number]["rows"][-1])


def test_json_figures_are_strings_and_blank_figures_null(client, demo_budget):
    total_row = json_of(client.get(f"{BASE}tables/2.json"))["rows"][0]
    assert total_row[:7] == ["1", "", "合计", "423.06", "423.06", "423.06", None]


def test_budget_json_holds_the_whole_published_version(client, demo_budget):
    data = json_of(client.get(f"{BASE}budget.json"))

    assert set(data) == {"department", "year", "title", "version", "published_at", "correction_reason", "figures",
                         "tables", "statements", "texts", "projects", "lines"}
    assert data["version"] == 1 and data["year"] == 2024
    assert data["figures"]["expenditure_total"] == "4230580.00"
    assert [table["table"] for table in data["tables"]] == list(range(1, 10))
    assert data["tables"][0] == {key: value for key, value in json_of(client.get(f"{BASE}tables/1.json")).items()
                                 if key not in ("department", "year")}
    assert set(data["statements"]) == {"income", "expenditure", "change", "running_cost", "three_public", "assets"}
    assert "423.06万元" in data["statements"]["income"]
    assert data["texts"]["duties"].startswith("负责处理区委网络安全和信息化委员会日常事务工作")
    project = data["projects"][0]
    assert set(project) >= {"code", "name", "amount", "fiscal", "other", "goal", "spending_plan", "indicators"}
    assert {indicator["level1"] for indicator in project["indicators"]} == {"产出指标", "效益指标", "满意度指标"}
    assert sum(Decimal(line["amount"]) for line in data["lines"]) == Decimal("4230580.00")


def test_the_year_zip_holds_every_published_budget_and_no_draft(client, demo_budget, draft_budget, other_department):
    publish(complete_budget(draft_budget))
    unpublished = Budget.objects.create(department=other_department, year=2024)
    make_line(unpublished)

    response = client.get("/budgets/2024/open-data.zip")
    bundle = zipfile.ZipFile(io.BytesIO(response.content))

    assert response["Content-Type"] == "application/zip"
    assert sorted(bundle.namelist()) == sorted(
        f"{code}/{name}" for code in ("224", "301") for name in ["budget.json", *(f"tables/{n}.csv" for n in range(1, 10))]
    )
    assert bundle.read("224/budget.json") == client.get(f"{BASE}budget.json").content
    assert bundle.read("301/tables/3.csv") == client.get("/budgets/2024/301/tables/3.csv").content


def test_the_zip_of_a_year_without_published_budgets_is_404(client, draft_budget):
    make_line(draft_budget)
    assert client.get("/budgets/2024/open-data.zip").status_code == 404


def test_the_budget_page_names_the_data_package_in_chinese(client, demo_budget):
    link = BeautifulSoup(client.get(BASE).content, "html.parser").find("a", href=f"{BASE}datapackage.json")

    assert link.get_text() == "预算明细数据包（财政数据包格式，JSON）"  # the standard's name translated, as 九张表（Excel）


def test_datapackage_describes_lines_csv(client, demo_budget):
    package = json_of(client.get(f"{BASE}datapackage.json"))
    header, *rows = csv_of(client.get(f"{BASE}lines.csv"))
    resource = package["resources"][0]
    fields = resource["schema"]["fields"]

    assert resource["path"] == "lines.csv" and resource["format"] == "csv"
    assert [field["name"] for field in fields] == header
    assert {"name": "amount", "type": "number", "title": "金额（元）", "decimalChar": ".", "bareNumber": True} in fields
    assert package["model"]["measures"]["amount"] == {
        "source": "amount", "currency": "CNY", "factor": 1, "direction": "expenditure", "phase": "approved"}
    dimensions = package["model"]["dimensions"]
    assert dimensions["functional-classification"]["attributes"]["code"] == {"source": "function_code"}
    assert dimensions["economic-classification"]["classificationType"] == "economic"
    assert dimensions["date"]["attributes"]["fiscalYear"] == {"source": "fiscal_year"}
    assert package["fiscalPeriod"] == {"start": "2024-01-01", "end": "2024-12-31"}


def test_lines_csv_sums_to_the_published_total(client, demo_budget):
    header, *rows = csv_of(client.get(f"{BASE}lines.csv"))
    amount = header.index("amount")

    assert sum(Decimal(row[amount]) for row in rows) == Decimal(demo_budget.current_version().figures["expenditure_total"])
    assert rows[0] == ["2024", "2013301", "行政运行", "30101", "基本工资", "basic", "基本支出", "general_budget",
                       "一般公共预算拨款", "false", "", "544400.00"]


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "approved"])
def test_every_open_data_url_of_an_unpublished_budget_is_404(client, draft_budget, status):
    complete_budget(draft_budget)
    Budget.objects.filter(pk=draft_budget.pk).update(status=status)

    for route in PER_BUDGET:
        for url in (f"/budgets/2024/301/{route}", f"/budgets/2024/301/v1/{route}"):
            assert client.get(url).status_code == 404, url
    assert client.get("/budgets/2024/open-data.zip").status_code == 404


def test_a_table_that_does_not_exist_is_404(client, demo_budget):
    assert client.get(f"{BASE}tables/10.csv").status_code == 404
    assert client.get(f"{BASE}tables/0.json").status_code == 404


def content(response):
    """What a download holds: a workbook's cell values (its file carries the time it was made), else its bytes."""
    if response["Content-Type"].endswith(".sheet"):
        book = load_workbook(io.BytesIO(response.content))
        return [[[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets]
    return response.content


def test_a_budget_reopened_for_correction_serves_what_was_frozen(client, reopened_demo):
    before = {route: content(client.get(BASE + route)) for route in PER_BUDGET}
    zip_before = client.get("/budgets/2024/open-data.zip").content

    make_line(reopened_demo, "2013301", "30201", "99990000.00", unit=reopened_demo.department.units.get())

    for route in PER_BUDGET:
        assert content(client.get(BASE + route)) == before[route], route
    assert zipfile.ZipFile(io.BytesIO(client.get("/budgets/2024/open-data.zip").content)).read("224/budget.json") == \
        zipfile.ZipFile(io.BytesIO(zip_before)).read("224/budget.json")
    reviewer = get_user_model().objects.get(username="shenhe")  # the demo's reviewer sees the draft, live
    live = logged_in(client, reviewer).get(reverse("admin:budget_budget_workbook", args=[reopened_demo.pk]))
    assert "10422.06" in {repr(value) for row in content(live)[0] for value in row}  # 本年支出合计 with the new line


def test_a_correction_keeps_the_earlier_version_downloadable(client, reopened_demo):
    make_line(reopened_demo, "2013301", "30201", "10000.00", unit=reopened_demo.department.units.get())
    publish(reopened_demo, reason="补充办公费")

    assert json_of(client.get(f"{BASE}budget.json"))["version"] == 2
    assert json_of(client.get(f"{BASE}v1/budget.json"))["figures"]["expenditure_total"] == "4230580.00"
    assert json_of(client.get(f"{BASE}budget.json"))["figures"]["expenditure_total"] == "4240580.00"
    assert json_of(client.get(f"{BASE}budget.json"))["correction_reason"] == "补充办公费"


def test_a_version_published_before_open_data_has_no_line_items(client, demo_budget):
    PublishedVersion.objects.filter(budget=demo_budget).update(data=None)

    data = json_of(client.get(f"{BASE}budget.json"))

    assert data["lines"] is None and data["projects"] is None and len(data["tables"]) == 9
    assert client.get(f"{BASE}lines.csv").status_code == 404
    assert client.get(f"{BASE}datapackage.json").status_code == 404


def test_every_download_link_on_the_page_works_for_the_current_and_an_earlier_version(client, reopened_demo):
    publish(reopened_demo, reason="更正说明文字")

    for page in (BASE, f"{BASE}v1/"):
        soup = BeautifulSoup(client.get(page).content, "html.parser")
        links = [a["href"] for a in soup.select("section.downloads a")]

        assert sorted(links) == sorted(page + route for route in ["pdf/", *PER_BUDGET])
        for link in links:
            assert client.get(link).status_code == 200, link
