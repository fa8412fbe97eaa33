"""A budget's self-evaluation goes the bureau's review's whole way through the staff site's own forms, posted with
their CSRF tokens as a browser would: the department's accountant completes it and submits it; the reviewer finds it
in the list of those submitted and returns it with a comment; the accountant reads the comment, corrects and submits
again; the reviewer approves it. Each step is logged with who, when, from, to and the comment."""

import pytest
from django.test import Client
from django.urls import reverse

from budget.models import Budget
from performance.models import EvaluationReview, ProjectEvaluation
from tests.factories import published_complete
from tests.pages import change_url, form_data, page_soup

FORM = "projectevaluation_form"
# Every target met: 执行率 90 % → 9.00, then 25 + 25 + 30 (qualitative, achieved, judged its weight) + 10.
TYPED = {
    "full_year_budget": "50000.00", "executed": "45000.00", "achieved_goal": "完成年度测试任务。",
    "targets-0-actual_number": "5", "targets-1-actual_number": "5",
    "targets-2-actual_text": "群众满意", "targets-2-achievement": "achieved", "targets-2-judged_score": "30",
    "targets-3-actual_number": "95",
}
COMMENT = "请在实际完成情况中写明完成的测试次数。"


@pytest.fixture
def budget(draft_budget):
    return published_complete(draft_budget)


def browser(user):
    """A browser session of the user that, as a real one, is refused a post without the form's CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def projects_page(client):
    return page_soup(client.get(reverse("admin:performance_projectevaluation_projects")))


def submit(client, budget):
    """提交审核 as posted from the accountant's list of projects to evaluate: the page it returns to."""
    form_id = f"submit-evaluation-{budget.pk}"
    form = projects_page(client).find("form", id=form_id)
    data = form_data(str(form), form_id)
    assert "csrfmiddlewaretoken" in data
    return page_soup(client.post(form["action"], data, follow=True))


def decide(client, budget, action, comment=""):
    """The reviewer's decision as posted from the review page, reached from the list of submitted evaluations."""
    listing = page_soup(client.get(reverse("admin:performance_evaluationreview_changelist")))
    link = listing.find("a", string="审核")
    assert link is not None and str(budget.department.name) in listing.get_text()
    url = link["href"]
    data = form_data(client.get(url).content.decode(), "decision-form")
    return page_soup(client.post(url, {**data, "comment": comment, "action": action}, follow=True))


def test_completed_submitted_returned_corrected_resubmitted_and_approved(budget, accountant, reviewer):
    kuaiji, shenhe = browser(accountant), browser(reviewer)
    project = budget.projects.get()

    # The accountant completes the project's evaluation on its page and submits the budget's.
    add = f"{reverse('admin:performance_projectevaluation_add')}?project={project.pk}"
    kuaiji.post(add, {**form_data(kuaiji.get(add).content.decode(), FORM), **TYPED})
    assert projects_page(kuaiji).select_one(".evaluation-status").get_text() == "草稿"
    page = submit(kuaiji, budget)
    assert "已提交审核：鹿泉区测试局2024年部门预算的绩效自评。" in page.get_text()
    assert page.select_one(".evaluation-status").get_text() == "已提交"
    assert page.find("a", string="查看自评") and not page.find("a", string="导入绩效自评表")
    assert not page.find("form", id=f"submit-evaluation-{budget.pk}")

    # The reviewer returns it with a comment.
    page = decide(shenhe, budget, "return", COMMENT)
    assert "已退回：鹿泉区测试局2024年部门预算的绩效自评。" in page.get_text()
    assert page.select_one(".evaluation-status").get_text() == "已退回"

    # The accountant reads the comment, corrects the evaluation and submits it again.
    page = projects_page(kuaiji)
    assert page.select_one(".evaluation-status").get_text() == "已退回"
    assert page.select_one(".evaluation-comment").get_text() == COMMENT
    evaluation = ProjectEvaluation.objects.get(project=project)
    form = form_data(kuaiji.get(change_url(evaluation)).content.decode(), FORM)
    kuaiji.post(change_url(evaluation), {**form, "achieved_goal": "完成年度测试任务，测试6次。"})
    assert ProjectEvaluation.objects.get(pk=evaluation.pk).achieved_goal == "完成年度测试任务，测试6次。"
    assert submit(kuaiji, budget).select_one(".evaluation-status").get_text() == "已提交"

    # The reviewer approves it: frozen, and the whole way is on record.
    page = decide(shenhe, budget, "approve")
    assert page.select_one(".evaluation-status").get_text() == "已审核"
    review = EvaluationReview.objects.get(budget=budget)
    steps = [(step.from_status, step.to_status, step.user.username, step.comment)
             for step in review.steps.order_by("at", "pk")]
    assert steps == [
        ("draft", "submitted", "kuaiji-a", ""),
        ("submitted", "returned", "shenhe", COMMENT),
        ("returned", "submitted", "kuaiji-a", ""),
        ("submitted", "approved", "shenhe", ""),
    ]
    assert [row.find_all("td")[1].get_text() for row in page.select("#evaluation-steps tbody tr")] == [
        "已提交 → 已审核", "已退回 → 已提交", "已提交 → 已退回", "草稿 → 已提交"]
    assert [record.status for record in review.history.order_by("history_id")] == [
        "draft", "submitted", "returned", "submitted", "approved"]
    assert [button.get_text() for button in page.select("#decision-form button")] == ["退回"]  # a correction
    assert 'name="executed"' not in kuaiji.get(change_url(evaluation)).content.decode()
    assert Budget.objects.get(pk=budget.pk).status == Budget.Status.PUBLISHED  # the budget itself is untouched
