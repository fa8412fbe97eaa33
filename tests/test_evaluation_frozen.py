"""Submitted to the bureau, or approved, a self-evaluation is frozen: its pages are read-only, a post to them is
refused, its workbook is not imported (through the page or the service), and the list of projects to evaluate offers
neither 导入 nor 提交审核; the reviewer's return opens it again (access.may_evaluate)."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from budget import access
from performance import evaluation_workbook, workflow
from performance.models import IndicatorEvaluation, ProjectEvaluation
from tests.factories import evaluated, published_complete
from tests.pages import change_url, form_data, logged_in, page_soup

FORM = "projectevaluation_form"


@pytest.fixture
def evaluation(draft_budget):
    return evaluated(published_complete(draft_budget).projects.get())


def state():
    return (list(ProjectEvaluation.objects.values().order_by("pk")),
            list(IndicatorEvaluation.objects.values().order_by("pk")))


def workbook_upload(budget):
    upload = io.BytesIO(evaluation_workbook.workbook(budget))
    upload.name = "自评.xlsx"
    return upload


def frozen(evaluation, reviewer, accountant, status):
    budget = evaluation.project.budget
    workflow.submit(budget, accountant)
    if status == "approved":
        workflow.approve(budget, reviewer)
    return budget


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_submitted_or_approved_evaluation_is_read_only_and_refuses_every_write(client, evaluation, accountant,
                                                                                 reviewer, status):
    form = form_data(logged_in(client, accountant).get(change_url(evaluation)).content.decode(), FORM)
    budget = frozen(evaluation, reviewer, accountant, status)
    before = state()
    import_url = reverse("admin:performance_projectevaluation_import", args=[budget.pk])

    page = client.get(change_url(evaluation))
    assert page.status_code == 200 and 'name="executed"' not in page.content.decode()
    assert "绩效自评提交审核后" in page.content.decode()
    assert client.post(change_url(evaluation), {**form, "executed": "1.00"}).status_code == 403
    assert client.get(import_url).status_code == 403
    assert client.post(import_url, {"file": workbook_upload(budget)}).status_code == 403
    label = {"submitted": "已提交", "approved": "已审核"}[status]
    with pytest.raises(PermissionDenied, match=f"绩效自评{label}，退回后才能导入。"):
        evaluation_workbook.import_evaluation(budget, workbook_upload(budget), accountant)
    listing = page_soup(client.get(reverse("admin:performance_projectevaluation_projects")))
    assert listing.select_one(".evaluation-status").get_text() == label
    assert not listing.find("a", string="导入绩效自评表") and not listing.select("form[id^=submit-evaluation]")
    assert listing.find("a", string="查看自评")
    assert not access.may_evaluate(accountant, budget)
    assert state() == before


def test_a_return_opens_it_again(client, evaluation, accountant, reviewer):
    budget = frozen(evaluation, reviewer, accountant, "approved")

    workflow.return_for_changes(budget, reviewer, "请补充偏差原因。")

    logged_in(client, accountant)
    form = form_data(client.get(change_url(evaluation)).content.decode(), FORM)
    client.post(change_url(evaluation), {**form, "executed": "40000.00"})
    assert str(ProjectEvaluation.objects.get(pk=evaluation.pk).executed) == "40000.00"
    response = client.post(reverse("admin:performance_projectevaluation_import", args=[budget.pk]),
                           {"file": workbook_upload(budget)})
    assert response.status_code == 302
    listing = page_soup(client.get(reverse("admin:performance_projectevaluation_projects")))
    assert listing.find("a", string="导入绩效自评表") and listing.select(f"#submit-evaluation-{budget.pk}")
