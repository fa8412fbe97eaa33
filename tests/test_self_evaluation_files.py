"""A budget's self-evaluation leaves the staff site as a page, a PDF, open data and the 绩效自评表 workbook, and the
workbook comes back in: the department's accountant downloads and imports; the bureau reads and downloads but
imports nothing; a budget not yet published has nothing to show."""

import io
import json

from django.contrib.messages import get_messages
from django.urls import reverse

from budget.models import Budget
from performance.models import IndicatorEvaluation
from tests.factories import persona
from tests.pages import logged_in, page_soup


def url(name, budget):
    return reverse(f"admin:performance_projectevaluation_{name}", args=[budget.pk])


def test_the_bureau_reads_the_report_and_downloads_its_files_but_imports_nothing(client, demo_budget):
    logged_in(client, persona("shenhe-e", "财政局审核"))

    page = page_soup(client.get(url("report", demo_budget)))
    assert "提供省直报数量" in page.get_text() and "自评等级" in page.get_text()
    assert client.get(url("report_pdf", demo_budget))["Content-Type"] == "application/pdf"
    assert "提供省直报数量" in client.get(url("report_csv", demo_budget)).content.decode("utf-8-sig")
    assert len(json.loads(client.get(url("report_json", demo_budget)).content)["targets"]) == 40
    assert client.get(url("workbook", demo_budget)).content.startswith(b"PK")
    assert client.get(url("import", demo_budget)).status_code == 403


def test_the_accountant_imports_the_workbook_back_and_is_told_what_it_held(client, demo_budget):
    accountant = persona("kuaiji-e", "部门会计", demo_budget.department)
    logged_in(client, accountant)
    workbook = io.BytesIO(client.get(url("workbook", demo_budget)).content)
    workbook.name = "自评.xlsx"

    response = client.post(url("import", demo_budget), {"file": workbook})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["已导入绩效自评表：项目自评6个，指标自评40个。"]
    assert IndicatorEvaluation.objects.filter(indicator__project__budget=demo_budget).count() == 40


def test_a_bad_file_is_listed_and_changes_nothing(client, demo_budget):
    logged_in(client, persona("kuaiji-e", "部门会计", demo_budget.department))
    before = list(IndicatorEvaluation.objects.values().order_by("pk"))
    upload = io.BytesIO(b"not a workbook")
    upload.name = "自评.xlsx"

    page = page_soup(client.post(url("import", demo_budget), {"file": upload}))

    assert page.select("#import-errors li")
    assert list(IndicatorEvaluation.objects.values().order_by("pk")) == before


def test_a_budget_not_yet_published_has_no_self_evaluation_to_show(client, draft_budget, reviewer):
    logged_in(client, reviewer)

    assert client.get(url("report", draft_budget)).status_code == 404
    assert Budget.objects.get(pk=draft_budget.pk).status == "draft"
