"""A line's own page (预算明细 → 增加, or a line of the list) types its codes as the budget page's grid does: looked
up in the year of the line's budget, each shown with its name and 类 › 款 › 项 path, searched through the budget's
own code search; before a budget is chosen there is no year, and the page says so instead of mixing years."""

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from budget.models import BudgetLine, FunctionSubject
from tests.factories import complete_budget
from tests.pages import change_url, form_data, logged_in

ADD = reverse("admin:budget_budgetline_add")
NO_BUDGET = "请先选择预算：科目编码按预算的年度查找。"


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def typed_line(budget, function="2013301", economic="30101"):
    """What a browser posts from the add page with a basic line typed in."""
    return {"budget": budget.pk if budget else "", "function_subject": function, "economic_subject": economic,
            "kind": "basic", "source": "general_budget", "amount": "1200.00"}


def test_a_lines_page_types_its_codes_and_shows_each_subjects_name_and_path(accountant, draft_budget):
    line = complete_budget(draft_budget).lines.get(function_subject__code="2013301", kind="basic")
    client = logged_in(Client(), accountant)

    html = page(client.get(change_url(line)))

    cell = html.find("input", attrs={"name": "function_subject"})
    assert cell["type"] == "text" and "grid-code" in cell["class"] and cell["value"] == "2013301"
    name = cell.find_next_sibling("span", class_="grid-name")
    assert name.get_text() == "行政运行" and name["title"] == "一般公共服务支出 › 宣传事务 › 行政运行"
    assert html.find("input", attrs={"name": "economic_subject"})["value"] == "30101"
    # Searched through the code search of the budget chosen on the page, never the list of every year's subjects.
    assert cell["data-codes-url"] == "/admin/budget/budget/__budget__/codes/"
    assert not html.select('select[name="function_subject"], select[name="economic_subject"]')
    assert not html.find(attrs={"data-field-name": "function_subject"})


def test_a_line_added_on_its_own_page_takes_its_codes_from_its_budgets_year(accountant, draft_budget):
    client = logged_in(Client(), accountant)
    assert FunctionSubject.objects.filter(code="2013301").count() > 1  # one a year

    response = client.post(ADD, typed_line(draft_budget))

    assert response.status_code == 302
    line = BudgetLine.objects.get(budget=draft_budget)
    assert (line.function_subject.code, line.function_subject.year) == ("2013301", 2024)
    assert (line.economic_subject.code, line.economic_subject.year) == ("30101", 2024)


def test_a_code_missing_from_the_budgets_year_is_refused_in_its_field(accountant, draft_budget):
    FunctionSubject.objects.create(year=2026, code="2139901", name="只在2026年的科目")
    client = logged_in(Client(), accountant)

    response = client.post(ADD, typed_line(draft_budget, function="2139901"))

    assert response.status_code == 200
    assert "2024年的功能分类科目中没有编码为“2139901”的科目。" in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_before_a_budget_is_chosen_the_page_says_so_and_saves_nothing(accountant, draft_budget):
    client = logged_in(Client(), accountant)

    response = client.post(ADD, typed_line(None))

    assert response.status_code == 200
    errors = page(response).find("input", attrs={"name": "function_subject"}).find_parent("div", class_="form-row")
    assert NO_BUDGET in errors.get_text()
    assert page(response).find("input", attrs={"name": "function_subject"})["value"] == "2013301"  # kept
    assert not BudgetLine.objects.exists()


def test_changing_a_lines_code_on_its_page_keeps_the_budgets_year(accountant, draft_budget):
    line = complete_budget(draft_budget).lines.get(function_subject__code="2013301", kind="basic")
    client = logged_in(Client(), accountant)
    form = form_data(client.get(change_url(line)).content.decode(), "budgetline_form")

    response = client.post(change_url(line), {**form, "function_subject": "2013302"})

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.function_subject.code, line.function_subject.year) == ("2013302", 2024)
