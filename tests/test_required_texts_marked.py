"""The budget's page marks the texts the checks require (C09: budget/checks.py REQUIRED_TEXTS) with the admin's
required marker, and only those; a draft still saves with them blank (the browser is not told to refuse it either):
the checks ask for them at submission."""

from bs4 import BeautifulSoup

from budget import checks
from budget.models import Budget
from tests.factories import complete_budget
from tests.pages import change_url, opened


def test_the_texts_the_checks_require_are_marked_required(accountant, draft_budget):
    client, _ = opened(accountant, draft_budget)

    page = BeautifulSoup(client.get(change_url(draft_budget)).content, "html.parser")

    marked = {label["for"].removeprefix("id_") for label in page.select("#budget_form label.required[for]")}
    texts = {field.name for field in Budget._meta.get_fields() if field.get_internal_type() == "TextField"}
    assert marked & texts == set(checks.REQUIRED_TEXTS)
    assert all(not page.find(id=f"id_{name}").has_attr("required") for name in checks.REQUIRED_TEXTS)


def test_a_draft_saves_with_the_required_texts_blank(accountant, draft_budget):
    budget = complete_budget(draft_budget)
    client, form = opened(accountant, budget)

    response = client.post(change_url(budget), {**form, **dict.fromkeys(checks.REQUIRED_TEXTS, ""), "other_notes": "改"})

    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.other_notes == "改" and all(getattr(budget, name) == "" for name in checks.REQUIRED_TEXTS)
    assert {finding.rule for finding in checks.run(budget)} >= {"C09"}
