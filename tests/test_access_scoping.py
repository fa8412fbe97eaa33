"""Who may see and change what in the admin (docs/security.md), with personas: accountant A of the budget's
department, accountant B of another department, a reviewer of the bureau."""

import pytest
from django.urls import reverse

from budget.models import Budget, BudgetLine, Project
from budget.samples.synthetic import make_line
from tests.factories import complete_budget
from tests.pages import change_url, form_data, logged_in


@pytest.fixture
def budget_a(draft_budget):
    return complete_budget(draft_budget)


def admin_urls(budget):
    """Every admin URL that shows something of the budget."""
    line = budget.lines.first()
    project = budget.projects.first()
    return [
        change_url(budget),
        reverse("admin:budget_budget_history", args=[budget.pk]),
        reverse("admin:budget_budget_preview", args=[budget.pk]),
        reverse("admin:budget_budget_preview_pdf", args=[budget.pk]),
        reverse("admin:budget_budget_checks", args=[budget.pk]),
        reverse("admin:budget_budget_action", args=[budget.pk, "submit"]),
        change_url(line),
        reverse("admin:budget_budgetline_history", args=[line.pk]),
        change_url(project),
        change_url(budget.department),
    ]


def test_accountant_b_cannot_reach_any_admin_page_of_as_budget(client, budget_a, other_accountant):
    logged_in(client, other_accountant)
    for url in admin_urls(budget_a):
        response = client.get(url, follow=True)
        assert response.status_code in (403, 404) or response.redirect_chain, url
        assert "鹿泉区测试局" not in response.content.decode(), url


LISTS = {"budget_budget": "鹿泉区测试局", "budget_budgetline": "测试项目", "budget_project": "测试项目",
         "departments_department": "鹿泉区测试局"}


def test_accountant_b_does_not_find_as_budget_in_lists_or_search(client, budget_a, other_accountant):
    logged_in(client, other_accountant)
    for name in LISTS:
        response = client.get(reverse(f"admin:{name}_changelist"), {"q": "测试"})
        assert response.status_code == 200, name  # the list itself, not a refusal that would show nothing anyway
        html = response.content.decode()
        assert "鹿泉区测试局" not in html and "测试项目" not in html, name


def test_accountant_a_finds_own_budget_in_the_same_lists_and_search(client, budget_a, accountant):
    """The same searches as accountant B's above, so that their absence there is scoping, not an empty search."""
    logged_in(client, accountant)
    for name, shown in LISTS.items():
        response = client.get(reverse(f"admin:{name}_changelist"), {"q": "测试"})
        assert response.status_code == 200, name
        assert shown in response.content.decode(), name


# The line's budget (term "": every budget offered) and the budget's department, searched by name.
AUTOCOMPLETES = [("budgetline", "budget", ""), ("budget", "department", "测试")]


def autocompleted(client, model_name, field, term):
    """The texts offered; parsed, since the JSON escapes Chinese and a name never appears in the raw body."""
    response = client.get("/admin/autocomplete/", {
        "app_label": "budget", "model_name": model_name, "field_name": field, "term": term,
    })
    assert response.status_code == 200, field
    return " ".join(result["text"] for result in response.json()["results"])


def test_accountant_b_does_not_find_as_budget_through_autocomplete(client, budget_a, other_accountant):
    logged_in(client, other_accountant)
    for model_name, field, term in AUTOCOMPLETES:
        assert "鹿泉区测试局" not in autocompleted(client, model_name, field, term), field


def test_accountant_a_finds_own_department_and_budget_through_autocomplete(client, budget_a, accountant):
    logged_in(client, accountant)
    for model_name, field, term in AUTOCOMPLETES:
        assert "鹿泉区测试局" in autocompleted(client, model_name, field, term), field


def test_accountant_b_cannot_change_as_budget_by_posting(client, budget_a, accountant, other_accountant):
    form = form_data(logged_in(client, accountant).get(change_url(budget_a)).content.decode(), "budget_form")
    logged_in(client, other_accountant)

    client.post(change_url(budget_a), {**form, "duties": "被篡改"})
    client.post(reverse("admin:budget_budget_action", args=[budget_a.pk, "submit"]))
    client.post(reverse("admin:budget_budget_delete", args=[budget_a.pk]), {"post": "yes"})

    budget_a.refresh_from_db()
    assert budget_a.duties == "负责测试工作。"
    assert budget_a.status == Budget.Status.DRAFT


def test_accountant_b_cannot_create_a_budget_for_department_a(client, department, other_accountant):
    logged_in(client, other_accountant)
    form = form_data(client.get(reverse("admin:budget_budget_add")).content.decode(), "budget_form")

    response = client.post(reverse("admin:budget_budget_add"), {**form, "department": department.pk, "year": 2025})

    assert response.status_code == 200
    assert not Budget.objects.filter(department=department, year=2025).exists()


def test_accountant_a_sees_and_edits_own_draft(client, budget_a, accountant):
    logged_in(client, accountant)
    html = client.get(reverse("admin:budget_budget_changelist")).content.decode()
    assert "鹿泉区测试局" in html
    form = form_data(client.get(change_url(budget_a)).content.decode(), "budget_form")

    response = client.post(change_url(budget_a), {**form, "duties": "新的职责说明。"})

    assert response.status_code == 302
    budget_a.refresh_from_db()
    assert budget_a.duties == "新的职责说明。"


def test_accountant_cannot_set_the_status_through_the_form(client, budget_a, accountant):
    logged_in(client, accountant)
    form = form_data(client.get(change_url(budget_a)).content.decode(), "budget_form")

    client.post(change_url(budget_a), {**form, "status": "published"})

    budget_a.refresh_from_db()
    assert budget_a.status == Budget.Status.DRAFT


@pytest.mark.parametrize("status", ["submitted", "approved", "published"])
def test_a_budget_out_of_the_accountants_hands_cannot_be_edited(client, budget_a, accountant, status):
    logged_in(client, accountant)
    form = form_data(client.get(change_url(budget_a)).content.decode(), "budget_form")
    Budget.objects.filter(pk=budget_a.pk).update(status=status)
    line = budget_a.lines.first()

    response = client.post(change_url(budget_a), {**form, "duties": "提交后修改"})
    line_response = client.post(change_url(line), {"amount": "1.00"})

    assert response.status_code == 403 and line_response.status_code == 403
    budget_a.refresh_from_db()
    assert budget_a.duties == "负责测试工作。"
    assert BudgetLine.objects.get(pk=line.pk).amount == line.amount
    assert "只读" in client.get(change_url(budget_a)).content.decode()


def test_reviewer_sees_every_budget_but_changes_no_data(client, budget_a, reviewer):
    logged_in(client, reviewer)
    assert client.get(change_url(budget_a)).status_code == 200
    form = form_data(client.get(change_url(budget_a)).content.decode(), "budget_form")

    response = client.post(change_url(budget_a), {**form, "duties": "审核人修改"})

    assert response.status_code == 403
    budget_a.refresh_from_db()
    assert budget_a.duties == "负责测试工作。"


def test_accountant_cannot_open_the_bureaus_dashboard_or_review_page(client, budget_a, accountant):
    logged_in(client, accountant)
    assert client.get(reverse("admin:budget_budget_dashboard")).status_code == 403
    assert client.get(reverse("admin:budget_budget_review", args=[budget_a.pk])).status_code == 403


def test_a_lines_project_picker_offers_the_chosen_budgets_projects_never_another_departments(
        client, budget_a, accountant, other_accountant, other_department):
    """The picker of a line's own page (the admin's autocomplete, given the budget chosen by static/entry/line.js)."""
    other_department.members.add(accountant)  # A enters the other department's budget too
    other = complete_budget(Budget.objects.create(department=other_department, year=2024))
    Project.objects.filter(budget=other).update(name="另一局的项目")

    def offered(user, **chosen):
        logged_in(client, user)
        response = client.get("/admin/autocomplete/", {
            "app_label": "budget", "model_name": "budgetline", "field_name": "project", "term": "", **chosen})
        return [result["text"] for result in response.json()["results"]]

    assert offered(accountant, budget=budget_a.pk) == [str(budget_a.projects.get())]
    assert offered(accountant, budget=other.pk) == [str(other.projects.get())]
    assert offered(accountant) == []  # no budget chosen yet
    assert offered(other_accountant, budget=budget_a.pk) == []


def test_accountant_sees_only_own_lines_in_the_line_list(client, budget_a, accountant, other_accountant, other_department):
    other = Budget.objects.create(department=other_department, year=2024)
    make_line(other, amount="777.77")
    logged_in(client, accountant)

    html = client.get(reverse("admin:budget_budgetline_changelist")).content.decode()

    assert "777.77" not in html
    assert "100000.00" in html
