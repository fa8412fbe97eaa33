"""A warning's explanation explains the warning as it read when written: once the figures of the warning change,
the explanation is stale (过期), shown so to the accountant and the reviewer, and no longer lets the budget be
submitted until it is rewritten or confirmed. And the checks page submits the budget once nothing blocks it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget import checks, workflow
from budget.models import Budget, WarningExplanation
from tests.factories import complete_budget
from tests.pages import form_data, logged_in, page_soup

EXPLANATION = "新增人员两名。"


@pytest.fixture
def warned(draft_budget):
    """A complete draft whose basic expenditure doubled from last year's 5.00万元 (warning C14), explained."""
    complete_budget(draft_budget)
    Budget.objects.filter(pk=draft_budget.pk).update(prior_year_basic=Decimal("50000.00"),
                                                     prior_year_project=Decimal("50000.00"),
                                                     prior_year_total=Decimal("100000.00"))
    draft_budget.refresh_from_db()
    return draft_budget


@pytest.fixture
def explained(warned, accountant):
    [warning] = checks.run(warned)
    checks.explain(warned, warning, EXPLANATION, accountant)
    return warned


def change_basic_line(budget, amount):
    line = budget.lines.get(kind="basic")
    line.amount = Decimal(amount)
    line.save()


def checks_url(budget):
    return reverse("admin:budget_budget_checks", args=[budget.pk])


def checks_form(client, budget):
    """The explanations form of the checks page, as the browser would post it."""
    html = client.get(checks_url(budget)).content.decode()
    return form_data(html.replace('<form method="post">', '<form id="explanations" method="post">', 1), "explanations")


def findings_row(client, budget):
    return page_soup(client.get(checks_url(budget))).select_one("#findings tbody tr.warning")


def test_an_explanation_counts_while_its_warning_says_the_same(explained):
    assert checks.blocking(explained, checks.run(explained)) == []


def test_an_explanation_goes_stale_when_the_figures_of_its_warning_change(explained):
    change_basic_line(explained, "120000.00")
    findings = checks.run(explained)

    [item] = checks.explanations(explained, findings)

    assert item.is_stale and not item.is_explained
    assert "10.00万元" in item.explanation.warning_message and "12.00万元" in item.finding.message
    assert [finding.rule for finding in checks.blocking(explained, findings)] == ["C14"]


def test_a_stale_explanation_does_not_let_the_budget_be_submitted(explained, accountant):
    change_basic_line(explained, "120000.00")

    with pytest.raises(workflow.WorkflowError, match="C14"):
        workflow.submit(explained, accountant)

    assert Budget.objects.get(pk=explained.pk).status == Budget.Status.DRAFT


def test_the_accountant_sees_the_explanation_marked_stale_with_what_it_explained(client, explained, accountant):
    change_basic_line(explained, "120000.00")

    row = findings_row(logged_in(client, accountant), explained)

    assert "过期" in row.select_one(".stale").get_text()
    assert "基本支出本年10.00万元" in row.select_one(".stale").get_text()
    assert row.textarea.get_text(strip=True) == EXPLANATION
    assert row.select_one("input[type=checkbox]")["name"].startswith("keep:C14:")


def test_the_reviewer_sees_the_explanation_marked_stale(client, explained, reviewer):
    change_basic_line(explained, "120000.00")

    soup = page_soup(logged_in(client, reviewer).get(reverse("admin:budget_budget_review", args=[explained.pk])))

    [row] = soup.select("#review-findings tbody tr")
    assert "stale" in row["class"] and EXPLANATION in row.get_text() and "过期" in row.get_text()


def test_sending_the_checks_page_again_unchanged_leaves_a_stale_explanation_stale(client, explained, accountant):
    change_basic_line(explained, "120000.00")
    logged_in(client, accountant)

    client.post(checks_url(explained), checks_form(client, explained))

    assert checks.unexplained_warnings(explained, checks.run(explained))
    assert "过期" in findings_row(client, explained).get_text()


def test_confirming_that_a_stale_explanation_still_holds_makes_it_count(client, explained, accountant):
    change_basic_line(explained, "120000.00")
    logged_in(client, accountant)
    form = checks_form(client, explained)
    keep = next(name.replace("explain:", "keep:", 1) for name in form if name.startswith("explain:"))

    response = client.post(checks_url(explained), {**form, keep: "1"}, follow=True)

    assert "已保存1条警告说明。" in response.content.decode()
    assert checks.blocking(explained, checks.run(explained)) == []
    assert WarningExplanation.objects.get(budget=explained).text == EXPLANATION


def test_rewriting_a_stale_explanation_makes_it_count(client, explained, accountant):
    change_basic_line(explained, "120000.00")
    logged_in(client, accountant)
    form = checks_form(client, explained)
    field = next(name for name in form if name.startswith("explain:"))

    client.post(checks_url(explained), {**form, field: "新增人员两名，另有调资。"})

    assert checks.blocking(explained, checks.run(explained)) == []
    assert "过期" not in findings_row(client, explained).get_text()


def test_the_checks_page_submits_the_budget_once_nothing_blocks_it(client, explained, accountant):
    soup = page_soup(logged_in(client, accountant).get(checks_url(explained)))
    form = soup.select_one("#submit-form")
    assert form.select_one("input[type=submit]")["value"] == "提交审核"

    response = client.post(form["action"], follow=True)

    assert "已提交审核" in response.content.decode()
    assert Budget.objects.get(pk=explained.pk).status == Budget.Status.SUBMITTED


def test_the_checks_page_offers_no_submission_while_a_warning_is_unexplained(client, warned, accountant):
    soup = page_soup(logged_in(client, accountant).get(checks_url(warned)))

    assert soup.select_one("#submit-form") is None
    assert "尚有 1 项问题阻止提交。" in soup.get_text()


def test_the_checks_page_offers_the_reviewer_no_submission(client, explained, reviewer):
    soup = page_soup(logged_in(client, reviewer).get(checks_url(explained)))

    assert soup.select_one("#submit-form") is None
    assert "审核规则均已满足。" in soup.get_text()
