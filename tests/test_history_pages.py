"""History pages (django-simple-history) are read-only for everyone: a posted "revert" changes nothing, for
any model and any role, superusers included; malformed ids are 404s, not 500s."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from budget import access
from budget.models import Budget, ControlFigure, GlossaryEntry, StatusChange
from performance import workflow
from performance.models import EvaluationReview
from tests.factories import complete_budget, evaluated, persona, published_complete
from tests.pages import change_url, form_data, logged_in


def history_record_url(obj, record):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.history_id])


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


@pytest.fixture
def submitted_budget(draft_budget, accountant, client):
    """A budget edited as a draft (so it has an older record), then submitted."""
    complete_budget(draft_budget)
    Budget.objects.filter(pk=draft_budget.pk).update(status=Budget.Status.SUBMITTED)
    draft_budget.refresh_from_db()
    return draft_budget


@pytest.mark.parametrize("who", ["accountant", "superuser"])
def test_reposting_a_draft_record_of_a_submitted_budget_changes_nothing(client, submitted_budget, accountant,
                                                                        superuser, who):
    user = {"accountant": accountant, "superuser": superuser}[who]
    logged_in(client, user)
    draft_record = submitted_budget.history.earliest()
    form = form_data(client.get(change_url(submitted_budget)).content.decode(), "budget_form")

    response = client.post(history_record_url(submitted_budget, draft_record), {**form, "duties": "通过历史记录修改"})

    assert response.status_code == 403
    submitted_budget.refresh_from_db()
    assert submitted_budget.status == Budget.Status.SUBMITTED and submitted_budget.duties == "负责测试工作。"
    assert not StatusChange.objects.filter(budget=submitted_budget).exists()


def test_history_record_page_shows_the_record_without_a_revert_button(client, submitted_budget, accountant):
    logged_in(client, accountant)

    response = client.get(history_record_url(submitted_budget, submitted_budget.history.earliest()))

    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


def test_an_accountant_cannot_raise_their_own_control_figure_through_its_history(client, department, accountant, reviewer):
    figure = ControlFigure.objects.create(department=department, year=2024, kind="basic", source="general_budget",
                                          amount=Decimal("1000.00"))
    logged_in(client, accountant)

    response = client.post(history_record_url(figure, figure.history.get()), {
        "department": department.pk, "year": 2024, "kind": "basic", "source": "general_budget", "amount": "9999999.00",
    })

    assert response.status_code == 403
    assert ControlFigure.objects.get(pk=figure.pk).amount == Decimal("1000.00")


def test_an_accountant_cannot_rewrite_the_glossary_through_its_history(client, accountant):
    entry = GlossaryEntry.objects.get(position=1)
    entry.save()  # a history record to post to (the migration's entries have none)
    definition = entry.definition
    logged_in(client, accountant)

    response = client.post(history_record_url(entry, entry.history.earliest()),
                           {"position": 1, "term": entry.term, "definition": "被篡改的解释"})

    assert response.status_code == 403
    assert GlossaryEntry.objects.get(pk=entry.pk).definition == definition


def test_a_reviewer_cannot_add_users_to_a_department_through_its_history(client, department, reviewer):
    department.save()  # a history record to post to
    intruder = get_user_model().objects.create_user("intruder", password="x-secret-password", is_staff=True)
    logged_in(client, reviewer)

    response = client.post(history_record_url(department, department.history.latest()), {
        "code": department.code, "name": department.name, "members": [intruder.pk],
        "units-TOTAL_FORMS": 0, "units-INITIAL_FORMS": 0,
    })

    assert response.status_code == 403
    assert not department.members.filter(pk=intruder.pk).exists()


@pytest.mark.parametrize("url", [
    "/admin/budget/budget/abc/history/",
    "/admin/budget/budgetline/abc/history/",
    "/admin/budget/project/abc/history/",
    "/admin/budget/controlfigure/abc/history/",
    "/admin/budget/glossaryentry/abc/history/",
    "/admin/departments/department/abc/history/",
    "/admin/performance/evaluationreview/abc/history/",
    "/admin/performance/evaluationreview/1/history/abc/",
    "/admin/budget/budget/1/history/abc/",
    "/admin/budget/budget/abc/history/1/",
    "/admin/budget/budget/99999999999999999999/history/",
])
def test_malformed_ids_of_history_pages_are_not_found(client, submitted_budget, reviewer, url):
    logged_in(client, reviewer)

    assert client.get(url).status_code == 404


def test_an_accountant_sees_no_history_of_another_departments_budget(client, submitted_budget, other_accountant):
    logged_in(client, other_accountant)

    assert client.get(history_url(submitted_budget)).status_code == 404
    assert client.get(history_record_url(submitted_budget, submitted_budget.history.earliest())).status_code == 404


def test_an_administrator_sees_department_history_but_no_budget_history(client, submitted_budget):
    administrator = persona("guanli", access.ADMINISTRATOR)
    logged_in(client, administrator)

    assert client.get(history_url(submitted_budget.department)).status_code == 200
    assert client.get(history_url(submitted_budget)).status_code == 404


def test_a_history_record_page_shows_values_not_choices_that_name_other_departments_users(
    client, department, accountant, other_accountant
):
    record = department.history.earliest()
    logged_in(client, accountant)

    response = client.get(history_record_url(department, record))

    html = response.content.decode()
    assert response.status_code == 200 and department.name in html
    assert other_accountant.username not in html
    assert "<select" not in html and "<textarea" not in html


def test_a_self_evaluations_review_has_its_history_shown_to_its_department_and_the_bureau_only(
    client, draft_budget, accountant, other_accountant, reviewer
):
    budget = published_complete(draft_budget)
    evaluated(budget.projects.get())
    review = workflow.submit(budget, accountant)
    draft = review.history.earliest()

    for user, expected in ((accountant, 200), (reviewer, 200), (other_accountant, 404)):
        logged_in(client, user)
        for url in (history_url(review), history_record_url(review, draft)):
            response = client.get(url)
            assert response.status_code == expected, (user, url)
            assert ("鹿泉区测试局" in response.content.decode()) == (expected == 200)
        assert client.post(history_record_url(review, draft), {"budget": budget.pk, "status": "draft"}
                           ).status_code in (403, 404)
    assert EvaluationReview.objects.get(pk=review.pk).status == EvaluationReview.Status.SUBMITTED
