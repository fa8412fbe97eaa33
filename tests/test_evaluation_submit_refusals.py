"""A self-evaluation with problems is not submitted: the accountant's 提交审核 is refused with every project's problem
listed, and nothing changes (no review begun, no step logged). Nor does anyone submit it but the department's
accountant: the reviewer is refused, another department's accountant finds no such budget (404)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from performance import workflow
from performance.models import EvaluationReview, EvaluationStatusChange, IndicatorEvaluation
from tests.factories import evaluated, published_complete
from tests.pages import logged_in


@pytest.fixture
def budget(draft_budget):
    return published_complete(draft_budget)


def submit_url(budget):
    return reverse("admin:performance_evaluationreview_submit", args=[budget.pk])


def state():
    return (list(EvaluationReview.objects.values()), EvaluationStatusChange.objects.count(),
            EvaluationReview.history.count())


def test_an_incomplete_evaluation_is_refused_with_its_problems_listed_and_nothing_changes(client, budget, accountant):
    project = budget.projects.get()
    evaluated(project)
    missed = IndicatorEvaluation.objects.get(indicator__name="指标0")
    missed.actual_number = 3  # ≥5次, 3 held: missed, and no reason given
    missed.save()
    IndicatorEvaluation.objects.filter(indicator__name="指标3").delete()
    before = state()
    logged_in(client, accountant)

    response = client.post(submit_url(budget))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:performance_projectevaluation_projects')}?year=2024"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "绩效自评尚未完成，不能提交：“2024年测试项目”绩效指标“指标0”未完成指标值，请填写偏差原因分析及改进措施。"
        "“2024年测试项目”绩效指标“指标3”尚未自评。"]
    assert state() == before


def test_a_project_not_yet_evaluated_is_named(budget, accountant):
    with pytest.raises(workflow.WorkflowError, match="“2024年测试项目”项目尚未自评：请填写全年预算数和全年执行数。"):
        workflow.submit(budget, accountant)

    assert not EvaluationReview.objects.exists()


def test_the_reviewer_cannot_submit_it(client, budget, reviewer):
    evaluated(budget.projects.get())
    logged_in(client, reviewer)

    response = client.post(submit_url(budget))

    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "只有本部门的会计可以提交本部门的绩效自评。"]
    assert state() == ([], 0, 0)


def test_another_departments_accountant_finds_no_such_budget(client, budget, other_accountant):
    evaluated(budget.projects.get())
    logged_in(client, other_accountant)

    assert client.post(submit_url(budget)).status_code == 404
    assert state() == ([], 0, 0)


def test_a_get_submits_nothing(client, budget, accountant):
    evaluated(budget.projects.get())
    logged_in(client, accountant)

    assert client.get(submit_url(budget)).status_code == 405
    assert state() == ([], 0, 0)
