"""A project's page says what the checks require of its indicators (C06, C07) above the rows, and a project without
indicators starts with the rows they require pre-set: 产出·成本, 效益 and 满意度·服务对象满意度; filled in, they pass
both rules, and left as they are they save nothing."""

from bs4 import BeautifulSoup

from budget import checks
from budget.models import Project
from budget.samples.synthetic import make_line
from performance.models import PerformanceIndicator
from tests.factories import complete_budget
from tests.pages import change_url, form_data, logged_in


def new_project(budget):
    return Project.objects.create(budget=budget, code="P002", name="新项目", purpose="用途", goal="目标。", position=2,
                                  plan_march=25, plan_june=50, plan_october=75, plan_december=100)


def rows_of(html):
    form = form_data(html, "project_form")
    return [(form.get(f"indicators-{row}-level1", ""), form.get(f"indicators-{row}-level2", ""))
            for row in range(int(form["indicators-TOTAL_FORMS"]))]


def test_a_project_without_indicators_starts_with_the_rows_the_checks_require(client, accountant, draft_budget):
    project = new_project(complete_budget(draft_budget))

    html = logged_in(client, accountant).get(change_url(project)).content.decode()

    assert rows_of(html) == [("output", "cost"), ("effect", ""), ("satisfaction", "beneficiary_satisfaction")]
    said = BeautifulSoup(html, "html.parser").find(id="indicator-rules").get_text()
    assert "产出、效益、满意度三类一级指标（C06）" in said and "成本指标" in said and "（C07）" in said
    assert html.index('id="indicator-rules"') < html.index('name="indicators-0-level1"')  # above the rows


def test_the_rows_filled_in_pass_c06_and_c07_and_left_alone_save_nothing(client, accountant, draft_budget):
    budget = complete_budget(draft_budget)
    project = new_project(budget)
    make_line(budget, "2013301", "30227", "50000.00", kind="project", project=project)
    session = logged_in(client, accountant)
    form = form_data(session.get(change_url(project)).content.decode(), "project_form")

    untouched = session.post(change_url(project), form)
    assert untouched.status_code == 302 and not project.indicators.exists()

    form = form_data(session.get(change_url(project)).content.decode(), "project_form")  # saved: a new revision

    for row, target in enumerate(["≤ 5 万元", "明显提升", "≥ 90 %"]):
        form.update({f"indicators-{row}-name": f"指标{row}", f"indicators-{row}-target_basis": "工作计划"})
        if " " in target:
            comparator, number, unit = target.split()
            form.update({f"indicators-{row}-comparator": comparator, f"indicators-{row}-target_number": number,
                         f"indicators-{row}-target_unit": unit})
        else:
            form[f"indicators-{row}-target_text"] = target
    form["indicators-1-level2"] = PerformanceIndicator.Level2.SOCIAL
    assert session.post(change_url(project), form).status_code == 302
    assert project.indicators.count() == 3
    found = {finding.rule for finding in checks.run(budget) if finding.row.startswith("P002")}
    assert not found & {"C06", "C07"}


def test_a_project_with_indicators_gets_one_blank_row_and_no_preset(client, accountant, draft_budget):
    project = complete_budget(draft_budget).projects.get()

    html = logged_in(client, accountant).get(change_url(project)).content.decode()

    rows = rows_of(html)
    assert len(rows) == project.indicators.count() + 1 and rows[-1] == ("", "")
