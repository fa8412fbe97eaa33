"""No lost update: two people (or two tabs) open the same budget; the first save wins, the second is refused
with a message and keeps what its user typed, and the first edit survives."""

import pytest
from bs4 import BeautifulSoup

from budget import access
from budget.exchange import entry_workbook, imports
from budget.models import Budget, BudgetLine
from tests.factories import complete_budget
from tests.pages import change_url, form_data, opened

STALE = "此预算已被他人修改，请刷新后再改。"


@pytest.fixture
def budget_a(draft_budget):
    return complete_budget(draft_budget)


def textarea(response, name):
    return BeautifulSoup(response.content.decode(), "html.parser").find("textarea", attrs={"name": name}).text.strip()


def test_the_second_save_of_the_same_budget_is_refused_and_the_first_survives(budget_a, accountant):
    first, first_form = opened(accountant, budget_a, "budget_form")
    second, second_form = opened(accountant, budget_a, "budget_form")

    assert first.post(change_url(budget_a), {**first_form, "duties": "第一人的修改。"}).status_code == 302
    response = second.post(change_url(budget_a), {**second_form, "duties": "第二人的修改。"})

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert textarea(response, "duties") == "第二人的修改。"  # what the second person typed is still there
    budget_a.refresh_from_db()
    assert budget_a.duties == "第一人的修改。"


def test_a_line_changed_on_the_budget_page_refuses_an_older_page(budget_a, accountant):
    first, first_form = opened(accountant, budget_a, "budget_form")
    second, second_form = opened(accountant, budget_a, "budget_form")
    line = budget_a.lines.order_by("pk").first()
    amount_field = next(name for name, value in first_form.items()
                        if name.startswith("lines-") and name.endswith("-id") and value == str(line.pk)
                        ).removesuffix("-id") + "-amount"

    assert first.post(change_url(budget_a), {**first_form, amount_field: "123.45"}).status_code == 302
    response = second.post(change_url(budget_a), {**second_form, amount_field: "999.99"})

    assert STALE in response.content.decode()
    assert str(BudgetLine.objects.get(pk=line.pk).amount) == "123.45"


def test_a_project_saved_on_its_own_page_refuses_an_older_budget_page(budget_a, accountant):
    budget_page, budget_form = opened(accountant, budget_a, "budget_form")
    project = budget_a.projects.get()
    project_page, project_form = opened(accountant, project, "project_form")

    assert project_page.post(change_url(project), {**project_form, "name": "改名后的项目"}).status_code == 302
    response = budget_page.post(change_url(budget_a), {**budget_form, "duties": "过时页面的修改。"})

    assert STALE in response.content.decode()
    assert Budget.objects.get(pk=budget_a.pk).duties == "负责测试工作。"
    assert project_page.get(change_url(project)).status_code == 200


def test_an_import_refuses_a_page_opened_before_it(budget_a, accountant):
    page, form = opened(accountant, budget_a, "budget_form")
    imports.import_budget(budget_a, "entry.xlsx", entry_workbook.workbook(budget_a), access.COMMAND_LINE)

    response = page.post(change_url(budget_a), {**form, "duties": "导入前打开的页面。"})

    assert STALE in response.content.decode()
    assert Budget.objects.get(pk=budget_a.pk).duties == "负责测试工作。"


def test_a_form_without_the_revision_is_refused(budget_a, accountant):
    page, form = opened(accountant, budget_a, "budget_form")
    del form["seen_revision"]

    response = page.post(change_url(budget_a), {**form, "duties": "没有修订号。"})

    assert STALE in response.content.decode()
    assert Budget.objects.get(pk=budget_a.pk).duties == "负责测试工作。"


def test_one_person_saving_twice_in_a_row_is_not_refused(budget_a, accountant):
    page, form = opened(accountant, budget_a, "budget_form")
    assert page.post(change_url(budget_a), {**form, "duties": "第一次。"}).status_code == 302

    form = form_data(page.get(change_url(budget_a)).content.decode(), "budget_form")  # the page after saving
    assert page.post(change_url(budget_a), {**form, "duties": "第二次。"}).status_code == 302

    assert Budget.objects.get(pk=budget_a.pk).duties == "第二次。"
