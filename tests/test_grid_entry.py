"""The budget page's lines grid, through real HTTP requests as a browser posts them: typed codes looked up in the
budget's year, all lines saved together or none, errors in their cells with what was typed kept, a stale page
refused, only the department's own accountant; the code search limited to the year with 类 › 款 › 项 paths;
projects and indicators reached from the budget, their spending plan checked as cumulative."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from budget.models import Budget, ControlFigure, FunctionSubject, ProcurementItem, Project
from budget.samples import synthetic
from departments.models import Department
from tests.factories import complete_budget
from tests.pages import change_url, form_data, logged_in, opened, with_rows

STALE = "此预算已被他人修改，请刷新后再改。"
PATH_2013301 = "一般公共服务支出 › 宣传事务 › 行政运行"


def line(function="2013301", economic="30101", amount="1000.00", **fields):
    return {"function_subject": function, "economic_subject": economic, "amount": amount, **fields}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def typed_value(response, name):
    field = soup(response).find(attrs={"name": name})
    if field.name == "select":
        return field.find("option", selected=True)["value"]
    return field.get("value")


def cell_errors(response, name):
    """The errors shown in the grid cell of that field."""
    cell = soup(response).find(attrs={"name": name}).find_parent("td")
    assert "grid-error" in cell["class"]
    return [item.get_text() for item in cell.select("ul.errorlist li")]


@pytest.fixture
def budget(draft_budget):
    return complete_budget(draft_budget)


# ------------------------------------------------------------------------------------------ saving the grid


def test_the_grid_saves_several_typed_lines_in_one_post(accountant, draft_budget):
    client, form = opened(accountant, draft_budget)
    form = with_rows(form, line("2013301", "30101", "360000.00"), line("2080505", "30108", "48000.00"),
                     line("2013301", "30201", "25000.00", is_carryover="on"))

    response = client.post(change_url(draft_budget), {**form, "_continue": "1"})

    assert response.status_code == 302
    saved = draft_budget.lines.order_by("pk")
    assert [(item.function_subject.code, item.economic_subject.code, str(item.amount), item.is_carryover)
            for item in saved] == [("2013301", "30101", "360000.00", False), ("2080505", "30108", "48000.00", False),
                                   ("2013301", "30201", "25000.00", True)]
    assert {item.function_subject.year for item in saved} == {item.economic_subject.year for item in saved} == {2024}


def test_one_bad_cell_saves_nothing_and_every_row_keeps_what_was_typed(accountant, budget):
    client, form = opened(accountant, budget)
    before = list(budget.lines.order_by("pk").values_list("pk", "amount"))
    saved_amount = next(name for name in form if name.startswith("lines-") and name.endswith("-amount"))
    form = with_rows({**form, saved_amount: "99.00"},
                     line("2013301", "30101", "1200.00"), line("2013301", "30188", "1300.00"),
                     line("2080505", "30108", "12.345"))
    first_new = int(form["lines-INITIAL_FORMS"])

    response = client.post(change_url(budget), form)

    assert response.status_code == 200
    assert list(budget.lines.order_by("pk").values_list("pk", "amount")) == before  # not even the changed one
    assert cell_errors(response, f"lines-{first_new + 1}-economic_subject") == [
        "2024年的经济分类科目中没有编码为“30188”的科目。"]
    assert "小数不超过 2 位" in cell_errors(response, f"lines-{first_new + 2}-amount")[0]
    assert typed_value(response, saved_amount) == "99.00"
    for offset, (function, economic, amount) in enumerate(
            [("2013301", "30101", "1200.00"), ("2013301", "30188", "1300.00"), ("2080505", "30108", "12.345")]):
        index = first_new + offset
        assert [typed_value(response, f"lines-{index}-{field}") for field in
                ("function_subject", "economic_subject", "amount")] == [function, economic, amount]
    # A code that was found shows its name and path in its cell, a typed one too.
    name = soup(response).find(attrs={"name": f"lines-{first_new}-function_subject"}).find_next_sibling("span")
    assert (name.get_text(), name["title"]) == ("行政运行", PATH_2013301)


def test_a_budget_of_a_hundred_lines_is_saved_from_its_page(admin_session):
    """1,100 fields and more: over Django's default limit of 1,000, which refused the save with a 400."""
    budget = synthetic.create_budget("801", lines=100, projects=2, indicators=1)
    form = form_data(admin_session.get(change_url(budget)).content.decode(), "budget_form")
    first = next(name for name in form if name.startswith("lines-") and name.endswith("-amount"))

    response = admin_session.post(change_url(budget), {**form, first: "1.00"})

    assert response.status_code == 302
    assert budget.lines.count() == 100 and budget.lines.filter(amount="1.00").count() == 1


def test_a_line_names_a_project_added_in_the_same_save(accountant, draft_budget):
    client, form = opened(accountant, draft_budget)
    form = with_rows(form, {"code": "P009", "name": "新项目", "position": "1"}, prefix="projects")
    form = with_rows(form, line("2013302", "30227", "5000.00", kind="project", project="P009"))

    response = client.post(change_url(draft_budget), form)

    assert response.status_code == 302
    saved = draft_budget.lines.get()
    assert (saved.project.code, saved.project.name, saved.project.budget_id) == ("P009", "新项目", draft_budget.pk)


def test_a_line_naming_a_project_the_budget_does_not_have_is_refused(accountant, other_department, budget):
    theirs = complete_budget(Budget.objects.create(department=other_department, year=2024)).projects.get()
    client, form = opened(accountant, budget)
    form = with_rows(form, line("2013302", "30227", "5000.00", kind="project", project=theirs.code + "X"))
    new = int(form["lines-TOTAL_FORMS"]) - 1

    response = client.post(change_url(budget), form)

    assert cell_errors(response, f"lines-{new}-project") == [f"项目编码“{theirs.code}X”不是本预算的项目，请先在“项目”中添加。"]
    assert budget.lines.count() == 2


def test_a_stale_grid_is_refused_and_keeps_what_was_typed(accountant, budget):
    first, first_form = opened(accountant, budget)
    second, second_form = opened(accountant, budget)
    assert first.post(change_url(budget), with_rows(first_form, line(amount="111.00"))).status_code == 302

    response = second.post(change_url(budget), with_rows(second_form, line("2080505", "30108", "222.00")))

    assert STALE in response.content.decode()
    new = int(second_form["lines-INITIAL_FORMS"])
    assert [typed_value(response, f"lines-{new}-{field}") for field in ("function_subject", "amount")] == [
        "2080505", "222.00"]
    assert sorted(str(amount) for amount in budget.lines.values_list("amount", flat=True)) == [
        "100000.00", "111.00", "50000.00"]


def test_another_departments_accountant_is_refused_the_grid(accountant, other_accountant, budget):
    _, form = opened(accountant, budget)
    intruder = logged_in(Client(), other_accountant)

    page = intruder.get(change_url(budget), follow=True)
    posted = intruder.post(change_url(budget), with_rows(form, line(amount="666.00")))

    assert 'name="lines-0-amount"' not in page.content.decode() and "鹿泉区测试局" not in page.content.decode()
    assert posted.status_code in (302, 403)
    assert not budget.lines.filter(amount="666.00").exists()


def test_a_submitted_budget_shows_its_grid_read_only(accountant, budget):
    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.SUBMITTED)

    page = soup(logged_in(Client(), accountant).get(change_url(budget)))

    grid = page.find(id="lines-group")
    assert not grid.find("input", attrs={"name": lambda name: name and name.endswith("-function_subject")})
    assert not grid.has_attr("data-codes-url")
    assert "2013301 行政运行（2024）" in grid.get_text()
    amounts = [cell.get_text(strip=True) for cell in grid.select("td.field-amount_in_yuan")]
    assert amounts == [f"{line.amount:,.2f}" for line in budget.lines.order_by("pk")] and "," in amounts[0]


# ------------------------------------------------------------------------------------------ the code search


def codes(client, budget, list_name, query, **params):
    url = reverse("admin:budget_budget_codes", args=[budget.pk]) if budget else reverse("admin:budget_budget_new_codes")
    return client.get(url, {"list": list_name, "q": query, **params})


def test_code_search_offers_each_leaf_code_of_the_budgets_year_once_with_its_path(accountant, draft_budget):
    client = logged_in(Client(), accountant)

    results = codes(client, draft_budget, "function", "行政运行").json()["results"]

    found = [result["code"] for result in results]
    assert len(found) == len(set(found)) >= 8  # one 行政运行 per 款, never the same code of another year
    assert all(len(code) == 7 for code in found)
    assert {"code": "2013301", "name": "行政运行", "path": PATH_2013301} in results
    assert all(result["path"].count(" › ") == 2 for result in results)


@pytest.mark.parametrize("list_name, query, expected", [
    ("function", "20133", ["2013301", "2013302"]),  # a code's start
    ("function", "宣传事务 行政运行", ["2013301"]),  # every word, in the path or the name
    ("economic", "工资", ["30101"]),  # a name; 301 工资福利支出 is a 类, never offered
    ("economic", "工资福利 奖金", ["30103"]),
])
def test_code_search_finds_by_code_name_or_path(accountant, draft_budget, list_name, query, expected):
    results = codes(logged_in(Client(), accountant), draft_budget, list_name, query).json()["results"]

    assert [result["code"] for result in results][:len(expected)] == expected
    assert all(len(result["code"]) == (7 if list_name == "function" else 5) for result in results)


def test_code_search_offers_twenty_at_a_time(accountant, draft_budget):
    answer = codes(logged_in(Client(), accountant), draft_budget, "function", "2").json()

    assert len(answer["results"]) == 20 and answer["more"] is True


def test_code_search_of_a_new_budget_uses_the_year_typed_for_it(accountant):
    FunctionSubject.objects.create(year=2026, code="2139901", name="只在2026年的科目")
    client = logged_in(Client(), accountant)

    assert [r["code"] for r in codes(client, None, "function", "只在", year="2026").json()["results"]] == ["2139901"]
    assert codes(client, None, "function", "只在", year="2025").json()["results"] == []
    assert codes(client, None, "function", "只在").status_code == 404  # no year, no list


def test_code_search_is_refused_to_whoever_may_not_change_the_budget(accountant, other_accountant, reviewer, budget):
    assert codes(logged_in(Client(), other_accountant), budget, "function", "行政").status_code == 404
    assert codes(logged_in(Client(), reviewer), budget, "function", "行政").status_code == 404
    assert codes(logged_in(Client(), reviewer), None, "function", "行政", year="2024").status_code == 403
    assert codes(Client(), budget, "function", "行政").status_code == 302  # to the login page
    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.SUBMITTED)
    assert codes(logged_in(Client(), accountant), budget, "function", "行政").status_code == 404


# ------------------------------------------------------------------------------- projects and indicators


def test_a_decreasing_spending_plan_is_refused_on_the_project_page(accountant, budget):
    project = budget.projects.get()
    client = logged_in(Client(), accountant)
    form = form_data(client.get(change_url(project)).content.decode(), "project_form")

    response = client.post(change_url(project), {**form, "plan_march": "50", "plan_june": "40"})

    assert "资金支出计划是累计数，6月底（40%）不应低于3月底（50%）。" in response.content.decode()
    assert Project.objects.get(pk=project.pk).spending_plan == [25, 50, 75, 100]


def test_a_decreasing_spending_plan_is_refused_in_the_budgets_project_rows(accountant, budget):
    client, form = opened(accountant, budget)

    response = client.post(change_url(budget), {**form, "projects-0-plan_october": "100",
                                                "projects-0-plan_december": "90"})

    assert "资金支出计划是累计数，12月底（90%）不应低于10月底（100%）。" in response.content.decode()
    assert budget.projects.get().spending_plan == [25, 50, 75, 100]


def test_the_budget_page_links_each_project_to_its_indicators(accountant, budget):
    project = budget.projects.get()

    link = soup(logged_in(Client(), accountant).get(change_url(budget))).select_one("#projects-group a.project-indicators")

    assert (link["href"], link.get_text()) == (change_url(project), "4条 ›")


def test_saving_a_project_returns_to_its_budget(accountant, budget):
    project = budget.projects.get()
    client = logged_in(Client(), accountant)
    form = form_data(client.get(change_url(project)).content.decode(), "project_form")

    response = client.post(change_url(project), {**form, "goal": "新的绩效目标。", "_save": "保存"})

    assert response.status_code == 302
    assert response["Location"] == change_url(budget) + "#projects-group"
    assert Project.objects.get(pk=project.pk).goal == "新的绩效目标。"


def test_a_new_projects_page_offers_a_row_for_each_level1_whose_level2_options_say_their_level1(accountant, budget):
    project = Project.objects.create(budget=budget, code="P002", name="无指标的项目")

    page = soup(logged_in(Client(), accountant).get(change_url(project)))

    assert len(page.select('#indicators-group tr.form-row:not(.empty-form) select[name$="-level1"]')) == 3
    options = page.select('select[name="indicators-0-level2"] option[value]')
    under = {option["value"]: option.get("data-level1") for option in options if option["value"]}
    assert under == {  # the 二级指标 of each 一级指标 in the finance ministry's framework, written out
        "quantity": "output", "quality": "output", "timeliness": "output", "cost": "output",
        "economic": "effect", "social": "effect", "ecological": "effect", "sustainability": "effect",
        "beneficiary_satisfaction": "satisfaction",
    }


# ------------------------------------------------------------------------------------------ the page itself


def test_the_budget_page_carries_its_control_figures_for_the_running_totals(accountant, budget):
    ControlFigure.objects.create(department=budget.department, year=2024, kind="basic", source="general_budget",
                                 amount="100000.00")
    ControlFigure.objects.create(department=budget.department, year=2025, kind="basic", source="general_budget",
                                 amount="1.00")

    figures = json.loads(soup(logged_in(Client(), accountant).get(change_url(budget)))
                         .find(id="grid-control-figures").string)

    assert figures == [{"kind": "basic", "source": "general_budget", "amount": "100000.00",
                        "label": "基本支出·一般公共预算拨款"}]


def test_a_new_budget_is_for_the_accountants_own_department(accountant, department):
    page = soup(logged_in(Client(), accountant).get(reverse("admin:budget_budget_add")))

    assert page.find("select", attrs={"name": "department"}).find("option", selected=True)["value"] == str(department.pk)


def test_a_purchase_cannot_be_for_another_departments_unit(budget, other_department):
    purchase = ProcurementItem(budget=budget, unit=other_department, item_name="电脑", catalog_code="A02010104",
                               measure_unit="台", quantity=1, unit_price=5000, source="general_budget", amount=5000)

    with pytest.raises(ValidationError) as refused:
        purchase.clean()

    assert refused.value.message_dict == {"unit": ["所选单位不是鹿泉区测试局或其所属单位。"]}
    purchase.unit = Department.objects.create(code="301001", name="测试局本级", parent=budget.department)
    purchase.clean()  # one of its units: no error


def test_a_subjects_path_names_its_class_and_section(db):
    subjects = FunctionSubject.of_year(2024)

    assert subjects["2013301"].path == PATH_2013301
    assert subjects["201"].path == "一般公共服务支出"
