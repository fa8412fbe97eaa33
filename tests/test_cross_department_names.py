"""No department learns another's names through the admin: not in a choice list, not in an error message,
not for unpublished projects."""

from bs4 import BeautifulSoup
from django.urls import reverse

from budget.models import Budget
from tests.factories import complete_budget
from tests.pages import change_url, form_data, logged_in


def options(html, name):
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": name})
    return [option.get_text(strip=True) for option in select.find_all("option") if option.get("value")]


def test_a_lines_own_page_offers_only_the_accountants_units_and_projects(client, draft_budget, accountant,
                                                                         other_accountant, other_department):
    complete_budget(Budget.objects.create(department=other_department, year=2024))
    complete_budget(draft_budget)
    logged_in(client, accountant)

    html = client.get(reverse("admin:budget_budgetline_add")).content.decode()

    assert options(html, "unit") == ["301 鹿泉区测试局"]
    assert "鹿泉区另一局" not in html


def test_choosing_another_departments_project_does_not_reveal_its_name(client, draft_budget, accountant,
                                                                        other_department):
    theirs = complete_budget(Budget.objects.create(department=other_department, year=2024)).projects.get()
    theirs.name = "另一局的保密项目"
    theirs.save()
    complete_budget(draft_budget)
    logged_in(client, accountant)
    line = draft_budget.lines.get(kind="project")
    form = form_data(client.get(change_url(line)).content.decode(), "budgetline_form")

    response = client.post(change_url(line), {**form, "project": theirs.pk})

    assert response.status_code == 200
    assert "另一局的保密项目" not in response.content.decode()
    line.refresh_from_db()
    assert line.project.budget_id == draft_budget.pk


def test_the_budget_page_offers_only_its_own_projects_and_units(client, draft_budget, accountant, other_department):
    complete_budget(Budget.objects.create(department=other_department, year=2024))
    complete_budget(draft_budget)
    logged_in(client, accountant)

    html = client.get(change_url(draft_budget)).content.decode()

    assert options(html, "lines-0-unit") == ["301 鹿泉区测试局"]
    assert options(html, "lines-0-project") == ["2024年测试项目（P001）"]
