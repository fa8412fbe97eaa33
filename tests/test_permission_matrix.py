"""The access policy, tried on every admin URL pattern of a budget and of its self-evaluation's review: each persona
(anonymous, the department's accountant, another department's accountant, the bureau's reviewer, a system
administrator) × each budget status (each review status) × each page or action gets exactly its rights
(docs/security.md), and a refused request changes nothing.

Each request runs in a transaction rolled back afterwards, so that one test can try every action of a persona
on the same budget: an allowed action must change the data, a refused one must leave it as it was.
"""

import io

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from budget import access
from budget.models import Budget, BudgetLine, Project, PublishedVersion, StatusChange
from performance import evaluation_workbook
from performance.models import (
    EvaluationReview,
    EvaluationStatusChange,
    IndicatorEvaluation,
    PerformanceIndicator,
    ProjectEvaluation,
)
from tests.factories import complete_budget, evaluated, persona, published_complete
from tests.pages import change_url, form_data, logged_in

STATUSES = ["draft", "submitted", "returned", "approved", "publishing", "published"]
EDITABLE = {"draft", "returned"}
PERSONAS = ["anonymous", "accountant", "other_accountant", "reviewer", "administrator"]
SEES_THE_BUDGET = {"accountant", "reviewer"}


def may(persona_name, status, action):
    """The expected right, as docs/security.md states it."""
    if action == "view":
        return persona_name in SEES_THE_BUDGET
    if action in ("edit", "import", "submit"):
        return persona_name == "accountant" and status in EDITABLE
    if action == "delete budget":
        return persona_name == "accountant" and status == "draft"
    if action == "revert history":
        return False
    reviewer_actions = {"return": {"submitted", "approved"}, "approve": {"submitted"}, "publish": {"approved"},
                        "reopen": {"published"}}
    return persona_name == "reviewer" and status in reviewer_actions[action]


@pytest.fixture
def people(accountant, other_accountant, reviewer):
    return {"anonymous": None, "accountant": accountant, "other_accountant": other_accountant,
            "reviewer": reviewer, "administrator": persona("guanli", access.ADMINISTRATOR)}


def state(budget):
    """Everything of the budget that a request could change (the checks page's CheckRun aside)."""
    return (
        list(Budget.objects.filter(pk=budget.pk).values()),
        list(BudgetLine.objects.filter(budget=budget).values().order_by("pk")),
        list(Project.objects.filter(budget=budget).values().order_by("pk")),
        list(PerformanceIndicator.objects.filter(project__budget=budget).values().order_by("pk")),
        StatusChange.objects.filter(budget=budget).count(),
        PublishedVersion.all_states.filter(budget=budget).count(),
    )


def attempt(client, budget, method, url, data=None, snapshot=state):
    """(status code, whether the budget's data changed: snapshot(budget) differs), the request's effects rolled
    back."""
    with transaction.atomic():
        before = snapshot(budget)
        response = client.post(url, data or {}) if method == "POST" else client.get(url, data or {})
        changed = snapshot(budget) != before
        transaction.set_rollback(True)
    assert response.status_code != 500, url
    return response, changed


def pages(budget):
    """The admin pages that show the budget's data: (name, url)."""
    line, project = budget.lines.first(), budget.projects.get()
    history = budget.history.earliest()
    return [
        ("change", change_url(budget)),
        ("history", reverse("admin:budget_budget_history", args=[budget.pk])),
        ("history record", reverse("admin:budget_budget_simple_history", args=[budget.pk, history.history_id])),
        ("preview", reverse("admin:budget_budget_preview", args=[budget.pk])),
        ("checks", reverse("admin:budget_budget_checks", args=[budget.pk])),
        ("nine tables export", reverse("admin:budget_budget_workbook", args=[budget.pk])),
        ("entry workbook export", reverse("admin:budget_budget_entry_workbook", args=[budget.pk])),
        ("line change", change_url(line)),
        ("line history", reverse("admin:budget_budgetline_history", args=[line.pk])),
        ("project change", change_url(project)),
        ("project history", reverse("admin:budget_project_history", args=[project.pk])),
    ]


@pytest.fixture
def budget_in(draft_budget):
    """The test department's complete budget, put in a status."""
    def put(status):
        complete_budget(draft_budget)
        Budget.objects.filter(pk=draft_budget.pk).update(status=status)
        draft_budget.refresh_from_db()
        return draft_budget
    return put


def session(people, persona_name):
    client = Client()
    return logged_in(client, people[persona_name]) if people[persona_name] else client


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_pages_of_a_budget_show_only_to_whoever_sees_it(people, budget_in, persona_name, status):
    budget = budget_in(status)
    client = session(people, persona_name)
    for name, url in pages(budget):
        response, changed = attempt(client, budget, "GET", url)
        shown = response.status_code == 200
        assert shown == may(persona_name, status, "view"), (name, response.status_code)
        assert not changed, name
        if not shown:
            assert budget.department.name not in response.content.decode(errors="replace"), name
    listing = client.get(reverse("admin:budget_budget_changelist"))
    assert (budget.department.name in listing.content.decode()) == may(persona_name, status, "view")


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_changes_to_a_budget_succeed_exactly_where_the_policy_allows(people, budget_in, accountant, persona_name,
                                                                     status):
    budget = budget_in(status)
    # What a browser of the department's accountant posts (an attacker can post anything, so the form is theirs).
    owner = logged_in(Client(), accountant)
    budget_form = form_data(owner.get(change_url(budget)).content.decode(), "budget_form")
    line, project = budget.lines.order_by("pk").first(), budget.projects.get()
    line_form = form_data(owner.get(change_url(line)).content.decode(), "budgetline_form")
    project_form = form_data(owner.get(change_url(project)).content.decode(), "project_form")
    history = budget.history.earliest()
    action_url = lambda action: reverse("admin:budget_budget_action", args=[budget.pk, action])  # noqa: E731

    client = session(people, persona_name)
    tries = [
        ("edit", change_url(budget), {**budget_form, "duties": "被修改的职责。"}),
        ("edit", change_url(line), {**line_form, "amount": "1.00"}),
        ("edit", change_url(project), {**project_form, "name": "被修改的项目"}),
        ("edit", reverse("admin:budget_budgetline_delete", args=[line.pk]), {"post": "yes"}),
        ("edit", reverse("admin:budget_budgetline_changelist"),
         {"action": "delete_selected", "_selected_action": [line.pk], "post": "yes"}),
        ("delete budget", reverse("admin:budget_budget_delete", args=[budget.pk]), {"post": "yes"}),
        ("revert history", reverse("admin:budget_budget_simple_history", args=[budget.pk, history.history_id]),
         {**budget_form, "duties": "从历史记录恢复。"}),
        ("submit", action_url("submit"), {}),
        ("return", action_url("return"), {"text": "请修改。"}),
        ("approve", action_url("approve"), {"text": ""}),
        ("publish", action_url("publish"), {"text": "更正"}),
        ("reopen", action_url("reopen"), {"text": "更正科目"}),
    ]
    for action, url, data in tries:
        _, changed = attempt(client, budget, "POST", url, data)
        assert changed == may(persona_name, status, action), (action, url)

    import_page = client.get(reverse("admin:budget_budget_import", args=[budget.pk]))
    assert (import_page.status_code == 200) == may(persona_name, status, "import")


@pytest.mark.parametrize("persona_name", ["other_accountant", "reviewer", "administrator"])
def test_no_one_but_its_accountants_creates_a_budget_for_a_department(people, department, persona_name):
    client = session(people, persona_name)
    response = client.get(reverse("admin:budget_budget_add"))
    if response.status_code == 200:
        form = form_data(response.content.decode(), "budget_form")
        client.post(reverse("admin:budget_budget_add"), {**form, "department": department.pk, "year": 2025})
    assert not Budget.objects.filter(department=department, year=2025).exists()


def test_the_accountant_creates_a_budget_for_their_department(people, department):
    client = session(people, "accountant")
    form = form_data(client.get(reverse("admin:budget_budget_add")).content.decode(), "budget_form")

    assert client.post(reverse("admin:budget_budget_add"), {**form, "department": department.pk, "year": 2025}
                       ).status_code == 302
    assert Budget.objects.filter(department=department, year=2025).exists()


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_the_code_search_of_a_budgets_lines_answers_only_whoever_may_change_them(people, budget_in, persona_name,
                                                                                 status):
    """The search the grid and a line's own page ask (…/budget/<id>/codes/): it tells the budget's year."""
    budget = budget_in(status)
    client = session(people, persona_name)

    response = client.get(reverse("admin:budget_budget_codes", args=[budget.pk]), {"list": "function", "q": "201"})

    assert (response.status_code == 200) == may(persona_name, status, "edit"), response.status_code
    assert response.status_code in (200, 302, 404)


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_autocompletes_never_offer_another_departments_budget_project_or_unit(people, budget_in, persona_name):
    budget_in("draft")  # the draft whose projects and units must not be offered
    client = session(people, persona_name)
    for model_name, field_name in [("budgetline", "budget"), ("budgetline", "project"), ("project", "budget"),
                                   ("budget", "department")]:
        response = client.get("/admin/autocomplete/", {
            "app_label": "budget", "model_name": model_name,
            "field_name": field_name, "term": "",
        })
        texts = response.content.decode() if response.status_code == 200 else ""
        offered = "测试局" in texts or "测试项目" in texts
        assert not offered or persona_name in ("accountant", "reviewer"), (model_name, field_name)


# ------------------------------------------------------------------------------------------------ self-evaluation

REVIEW_STATUSES = ["draft", "submitted", "returned", "approved"]


def may_on_evaluation(persona_name, status, action):
    """The expected right on a published budget's self-evaluation, by its review's status, as docs/security.md
    states it."""
    if action == "view":
        return persona_name in SEES_THE_BUDGET
    if action == "review page":
        return persona_name == "reviewer"
    if action in ("evaluate", "submit"):
        return persona_name == "accountant" and status in EDITABLE
    if action == "revert history":
        return False
    reviewer_actions = {"return": {"submitted", "approved"}, "approve": {"submitted"}}
    return persona_name == "reviewer" and status in reviewer_actions[action]


def evaluation_state(budget):
    """Everything of the budget's self-evaluation and its review that a request could change."""
    return (
        list(ProjectEvaluation.objects.filter(project__budget=budget).values().order_by("pk")),
        list(IndicatorEvaluation.objects.filter(indicator__project__budget=budget).values().order_by("pk")),
        ProjectEvaluation.history.count(), IndicatorEvaluation.history.count(),
        list(EvaluationReview.objects.filter(budget=budget).values()),
        EvaluationStatusChange.objects.filter(review__budget=budget).count(), EvaluationReview.history.count(),
    )


@pytest.fixture
def evaluation_under_review(draft_budget, accountant):
    """The test department's published budget with its projects evaluated, and its review in a status; the evaluation
    page's form as the department's accountant's browser posts it (taken while the page was open for entry)."""
    def put(status):
        budget = published_complete(draft_budget)
        evaluation = evaluated(budget.projects.get())
        owner = logged_in(Client(), accountant)
        form = form_data(owner.get(change_url(evaluation)).content.decode(), "projectevaluation_form")
        return EvaluationReview.objects.create(budget=budget, status=status), evaluation, form
    return put


def review_url(budget):
    return reverse("admin:performance_evaluationreview_review", args=[budget.pk])


@pytest.mark.parametrize("status", REVIEW_STATUSES)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_pages_of_a_self_evaluations_review_show_only_to_whoever_sees_it(people, evaluation_under_review,
                                                                         persona_name, status):
    review, _, _ = evaluation_under_review(status)
    budget = review.budget
    client = session(people, persona_name)
    pages = [
        ("view", change_url(review)),
        ("view", reverse("admin:performance_evaluationreview_history", args=[review.pk])),
        ("view", reverse("admin:performance_evaluationreview_simple_history",
                         args=[review.pk, review.history.earliest().history_id])),
        ("review page", review_url(budget)),
    ]
    for action, url in pages:
        response, changed = attempt(client, budget, "GET", url, snapshot=evaluation_state)
        shown = response.status_code == 200
        assert shown == may_on_evaluation(persona_name, status, action), (url, response.status_code)
        assert not changed, url
        if not shown:
            assert budget.department.name not in response.content.decode(errors="replace"), url
    listing = client.get(reverse("admin:performance_evaluationreview_changelist"), {"status": "all"})
    assert (budget.department.name in listing.content.decode()) == may_on_evaluation(persona_name, status, "view")


@pytest.mark.parametrize("status", REVIEW_STATUSES)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_a_self_evaluation_and_its_review_change_exactly_where_the_policy_allows(people, evaluation_under_review,
                                                                                 persona_name, status):
    review, evaluation, form = evaluation_under_review(status)
    budget = review.budget
    workbook = evaluation_workbook.workbook(budget)

    def upload():
        file = io.BytesIO(workbook)
        file.name = "自评.xlsx"
        return {"file": file}

    client = session(people, persona_name)
    tries = [
        ("evaluate", change_url(evaluation), {**form, "executed": "1.00"}),
        ("evaluate", reverse("admin:performance_projectevaluation_import", args=[budget.pk]), upload()),
        ("submit", reverse("admin:performance_evaluationreview_submit", args=[budget.pk]), {}),
        ("return", review_url(budget), {"action": "return", "comment": "请修改。"}),
        ("approve", review_url(budget), {"action": "approve", "comment": ""}),
        ("revert history", reverse("admin:performance_evaluationreview_simple_history",
                                   args=[review.pk, review.history.earliest().history_id]),
         {"budget": budget.pk, "status": "approved"}),
    ]
    for action, url, data in tries:
        _, changed = attempt(client, budget, "POST", url, data, snapshot=evaluation_state)
        assert changed == may_on_evaluation(persona_name, status, action), (action, url)
