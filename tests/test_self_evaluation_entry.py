"""The department's accountant enters a project's self-evaluation (绩效自评) in the staff site: the page reached from
the project's page shows the project's code, name, 年初预算数 and planned goal read-only, a row per target with its
default 分值, and saves what was typed with the score computed on the server; bad input is refused in Chinese,
nothing saved and everything typed kept."""

from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from budget.models import Budget, Project
from performance.models import IndicatorEvaluation, PerformanceIndicator, ProjectEvaluation
from tests.factories import complete_budget, published_complete
from tests.pages import change_url, form_data, logged_in, page_soup

FORM = "projectevaluation_form"
# What the accountant types for the test project (complete_budget): 执行率 90 % → 9.00; ≥5次, 6 held → 25;
# ≤5万元, 6 spent → 25 × 5 ÷ 6 = 20.83; qualitative, achieved, judged 28 of 30; ≥90%, 95 → 10. Total 92.83, 优.
TYPED = {
    "full_year_budget": "50000.00", "executed": "45000.00", "achieved_goal": "完成年度测试任务。",
    "targets-0-actual_number": "6",
    "targets-1-actual_number": "6", "targets-1-deviation": "材料涨价，成本超出；下年度提前询价。",
    "targets-2-actual_text": "群众满意", "targets-2-achievement": "achieved", "targets-2-judged_score": "28",
    "targets-3-actual_number": "95",
}


@pytest.fixture
def project(draft_budget):
    return published_complete(draft_budget).projects.get()


@pytest.fixture
def opened(client, accountant, project):
    """The accountant's browser with the evaluation's page open, reached from the project's page."""
    logged_in(client, accountant)
    link = page_soup(client.get(change_url(project))).find(id="self-evaluation-link")
    assert link.get_text() == "填写绩效自评"
    response = client.get(link["href"])
    assert response.status_code == 200
    return link["href"], response.content.decode()


def test_the_page_shows_the_project_read_only_and_a_row_per_target_with_its_default_weight(opened):
    _, html = opened
    page = BeautifulSoup(html, "html.parser")

    assert page.select_one(".field-project_code .readonly").get_text() == "P001"
    assert page.select_one(".field-project_name .readonly").get_text() == "2024年测试项目"
    assert page.select_one(".field-initial_budget .readonly").get_text() == "50,000.00"  # the project's lines
    assert page.select_one(".field-planned_goal .readonly").get_text() == "完成测试。"
    rows = page.select("#targets-group tr.form-row:not(.empty-form)")
    assert [row.select_one(".field-target_name").get_text(strip=True) for row in rows] == [
        "指标0", "指标1", "指标2", "指标3"]
    assert [row.select_one(".field-target").get_text(strip=True) for row in rows] == ["≥5次", "≤5万元", "群众满意", "≥90%"]
    assert [row.select_one('[name$="-weight"]')["value"] for row in rows] == ["25.00", "25.00", "30.00", "10.00"]
    # Only the inputs a target's kind takes are open: a number, or a text with its 完成程度 and 评定得分.
    assert rows[0].select_one('[name$="-judged_score"]').has_attr("disabled")
    assert rows[2].select_one('[name$="-actual_number"]').has_attr("disabled")
    assert not rows[2].select_one('[name$="-judged_score"]').has_attr("disabled")
    assert '<script src="/static/entry/evaluation.js"' in html  # the scores as typed; no inline script (CSP)


def test_a_posted_evaluation_is_saved_and_its_page_shows_the_score_computed_on_the_server(client, opened, project):
    url, html = opened

    response = client.post(url, {**form_data(html, FORM), **TYPED}, follow=True)

    assert response.status_code == 200 and "成功" in response.content.decode()
    evaluation = ProjectEvaluation.objects.get(project=project)
    assert (evaluation.full_year_budget, evaluation.executed) == (D("50000.00"), D("45000.00"))
    assert [row.score for row in IndicatorEvaluation.objects.order_by("indicator__position")] == [
        D("25.00"), D("20.83"), D("28.00"), D("10.00")]
    listing = BeautifulSoup(response.content.decode(), "html.parser")  # back to the year's projects to evaluate
    assert [cell.get_text(strip=True) for cell in listing.select("table.evaluation-projects tbody td")][4:6] == [
        "92.83", "优"]
    page = BeautifulSoup(client.get(change_url(evaluation)).content.decode(), "html.parser")
    assert page.select_one(".field-execution_rate .readonly").get_text() == "90.00%"
    assert page.select_one(".field-execution_score .readonly").get_text() == "9.00"
    scores = page.select("#targets-group tr:not(.empty-form) td.field-computed_score")
    assert [cell.get_text(strip=True) for cell in scores] == ["25.00", "20.83", "28.00", "10.00"]
    assert page.select_one(".field-total .readonly").get_text() == "92.83"
    assert page.select_one(".field-grade .readonly").get_text() == "优"
    assert page.select_one(".field-problems .readonly").get_text() == "无"


def test_a_changed_weight_is_scored_again_when_saved(client, opened, project):
    url, html = opened
    client.post(url, {**form_data(html, FORM), **TYPED})
    evaluation = ProjectEvaluation.objects.get(project=project)
    form = form_data(client.get(change_url(evaluation)).content.decode(), FORM)

    client.post(change_url(evaluation), {**form, "targets-1-weight": "35.00", "targets-0-weight": "15.00"})

    page = BeautifulSoup(client.get(change_url(evaluation)).content.decode(), "html.parser")
    assert page.select_one(".field-total .readonly").get_text() == "91.17"  # 9 + 15 + 35 × 5 ÷ 6 + 28 + 10


def test_a_qualitative_score_outside_its_band_is_refused_and_everything_typed_is_kept(client, opened):
    url, html = opened

    response = client.post(url, {**form_data(html, FORM), **TYPED, "targets-2-judged_score": "20"})

    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    row = page.select_one("#targets-2")
    assert "达成的得分应在24.00至30.00分之间（分值30.00的80%–100%）。" in row.get_text()
    assert row.select_one('[name="targets-2-judged_score"]')["value"] == "20"
    assert row.select_one('[name="targets-2-actual_text"]')["value"] == "群众满意"
    assert page.select_one('[name="targets-1-deviation"]').get_text(strip=True) == "材料涨价，成本超出；下年度提前询价。"
    assert page.select_one('[name="executed"]')["value"] == "45000.00"
    assert not ProjectEvaluation.objects.exists() and not IndicatorEvaluation.objects.exists()


def test_a_quantitative_target_without_its_actual_value_is_refused_in_chinese(client, opened):
    url, html = opened

    response = client.post(url, {**form_data(html, FORM), **TYPED, "targets-3-actual_number": ""})

    assert "定量指标请填写实际完成值（数值）。" in response.content.decode()
    assert not ProjectEvaluation.objects.exists()


def test_an_indicator_of_another_project_can_never_be_evaluated_on_this_page(client, opened, other_department):
    url, html = opened
    elsewhere = complete_budget(Budget.objects.create(department=other_department, year=2024)).projects.get()
    foreign = elsewhere.indicators.get(position=0)

    response = client.post(url, {**form_data(html, FORM), **TYPED, "targets-0-indicator": foreign.pk})

    assert "所选绩效指标不属于本项目，或已有自评。" in response.content.decode()
    assert not IndicatorEvaluation.objects.exists() and not ProjectEvaluation.objects.exists()


def test_a_target_added_to_the_project_after_its_evaluation_gets_its_own_row(client, opened, project):
    url, html = opened
    client.post(url, {**form_data(html, FORM), **TYPED})
    PerformanceIndicator.objects.create(project=project, level1="effect", level2="social", name="新增指标",
                                        target_text="明显改善", target_basis="工作计划", position=9)
    evaluation = ProjectEvaluation.objects.get()

    page = BeautifulSoup(client.get(change_url(evaluation)).content.decode(), "html.parser")

    rows = page.select("#targets-group tr.form-row:not(.empty-form)")
    assert rows[-1].select_one(".field-target_name").get_text(strip=True) == "新增指标"
    assert "分值合计应为100分" not in page.select_one(".field-problems").get_text()
    assert "绩效指标“新增指标”尚未自评。" in page.select_one(".field-problems").get_text()


def test_a_superuser_may_enter_any_departments_evaluation(client, superuser, project):
    logged_in(client, superuser)

    response = client.get(reverse("admin:performance_projectevaluation_add"), {"project": project.pk})

    assert response.status_code == 200


def test_the_project_page_links_to_its_evaluation_once_begun(client, opened, accountant, project):
    url, html = opened
    client.post(url, {**form_data(html, FORM), **TYPED})

    link = page_soup(client.get(change_url(project))).find(id="self-evaluation-link")

    assert link.get_text() == "绩效自评" and link["href"] == change_url(ProjectEvaluation.objects.get())
    assert Project.objects.get(pk=project.pk).budget.status == Budget.Status.PUBLISHED  # the budget is unchanged
