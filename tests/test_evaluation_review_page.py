"""The bureau's review page of a budget's self-evaluation: its status, its projects' scores with the whole report a
link away, the decision and the steps. A refused decision (a return without a comment, a page left open while another
reviewer decided) keeps the reviewer on the page with the reason and what they typed, changing nothing. Only the
bureau decides: the department's accountant is refused (403), another department's accountant finds nothing (404), the
anonymous are sent to log in. The bureau's list shows the evaluations waiting for it (已提交) unless asked otherwise."""

import pytest
from django.urls import reverse

from performance import workflow
from performance.models import EvaluationReview, EvaluationStatusChange
from tests.factories import evaluated, persona, published_complete
from tests.pages import form_data, logged_in, page_soup


@pytest.fixture
def budget(draft_budget, accountant):
    budget = published_complete(draft_budget)
    evaluated(budget.projects.get())
    workflow.submit(budget, accountant)
    return budget


def review_url(budget):
    return reverse("admin:performance_evaluationreview_review", args=[budget.pk])


def state():
    return list(EvaluationReview.objects.values()), EvaluationStatusChange.objects.count()


def test_the_page_shows_the_status_the_projects_the_report_and_the_steps(client, budget, reviewer):
    page = page_soup(logged_in(client, reviewer).get(review_url(budget)))

    assert page.select_one(".evaluation-status").get_text() == "已提交"
    assert page.find("a", string="自评报告")["href"] == reverse("admin:performance_projectevaluation_report",
                                                            args=[budget.pk])
    cells = [cell.get_text(strip=True) for cell in page.select("table.evaluation-projects tbody td")]
    assert cells[:2] == ["P001", "2024年测试项目"] and cells[4:6] == ["99.00", "优"] and cells[-1] == "查看自评"
    assert [button.get_text() for button in page.select("#decision-form button")] == ["退回", "审核通过"]
    [step] = page.select("#evaluation-steps tbody tr")
    assert [cell.get_text() for cell in step.find_all("td")][1:3] == ["草稿 → 已提交", "kuaiji-a"]


def test_a_return_without_a_comment_keeps_the_reviewer_on_the_page(client, budget, reviewer):
    logged_in(client, reviewer)
    form = form_data(client.get(review_url(budget)).content.decode(), "decision-form")
    before = state()

    page = page_soup(client.post(review_url(budget), {**form, "comment": "  ", "action": "return"}))

    assert page.select_one("#decision-form .errornote").get_text() == "退回时请填写审核意见。"
    assert page.select_one("#id_comment").get_text() == "  "
    assert state() == before


def test_a_decision_on_a_page_left_open_is_refused_with_what_was_typed_kept(client, budget, reviewer):
    logged_in(client, reviewer)
    form = form_data(client.get(review_url(budget)).content.decode(), "decision-form")
    workflow.return_for_changes(budget, persona("shenhe2", "财政局审核"), "请补充。")  # another reviewer, meanwhile
    before = state()

    page = page_soup(client.post(review_url(budget), {**form, "comment": "实际完成值请附依据。", "action": "return"}))

    assert page.select_one("#decision-form .errornote").get_text() == "已退回的绩效自评不能退回。"
    assert page.select_one("#id_comment").get_text() == "实际完成值请附依据。"
    assert page.select_one(".evaluation-status").get_text() == "已退回"
    assert not page.select("#decision-form button")  # nothing left to decide on a returned evaluation
    assert state() == before


def test_only_the_bureau_decides(client, budget, accountant, other_accountant):
    before = state()
    for user, expected in ((None, 302), (accountant, 403), (other_accountant, 404)):
        client.logout()
        if user:
            logged_in(client, user)
        for response in (client.get(review_url(budget)),
                         client.post(review_url(budget), {"comment": "同意。", "action": "approve"})):
            assert response.status_code == expected, user
            assert "2024年测试项目" not in response.content.decode()
    assert state() == before


def test_an_unknown_decision_is_not_found(client, budget, reviewer):
    logged_in(client, reviewer)

    assert client.post(review_url(budget), {"action": "publish"}).status_code == 404


def test_the_bureaus_list_shows_the_submitted_evaluations_unless_asked_for_all(client, budget, reviewer,
                                                                               other_department):
    other = published_complete(type(budget).objects.create(department=other_department, year=2024))
    EvaluationReview.objects.create(budget=other)  # begun, not submitted
    logged_in(client, reviewer)
    changelist = reverse("admin:performance_evaluationreview_changelist")

    listing = page_soup(client.get(changelist))
    everything = page_soup(client.get(changelist, {"status": "all"}))

    assert [row.select_one(".field-budget").get_text() for row in listing.select("#result_list tbody tr")] == [
        "鹿泉区测试局2024年部门预算"]
    assert listing.find("a", string="审核")["href"] == review_url(budget)
    assert len(everything.select("#result_list tbody tr")) == 2
