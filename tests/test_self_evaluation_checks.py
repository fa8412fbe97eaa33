"""A project's self-evaluation says what keeps it from being complete and consistent (分值 summing to 100, a missed
target's reason, 执行数 within the year's budget, every target evaluated), scores out of 100 with its grade, and the
department's summary counts the scored projects."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import Project
from budget.samples.synthetic import make_line, publish
from performance import evaluation
from performance.models import IndicatorEvaluation, PerformanceIndicator, ProjectEvaluation


def target(project, level1, level2, name, **target):
    return PerformanceIndicator.objects.create(
        project=project, level1=level1, level2=level2, name=name, target_basis="工作计划", **target
    )


@pytest.fixture
def project(draft_budget):
    project = Project.objects.create(budget=draft_budget, code="P1", name="网络安全技术支持项目", goal="开展宣传活动。")
    make_line(draft_budget, "2013301", "30227", "250000.00", kind="project", project=project)
    target(project, "output", "quantity", "宣传活动次数", comparator="≥", target_number=5, target_unit="次")
    target(project, "output", "cost", "项目成本", comparator="≤", target_number=25, target_unit="万元")
    target(project, "effect", "social", "网络安全意识", target_text="明显提升")
    target(project, "satisfaction", "beneficiary_satisfaction", "群众满意度", comparator="≥", target_number=90,
           target_unit="%")
    publish(draft_budget)
    return project


def evaluate(project, executed="240000.00", actuals=("6", "24", None, "95"), weights=("25", "25", "30", "10")):
    ProjectEvaluation.objects.create(project=project, full_year_budget=D("250000.00"), executed=D(executed))
    for indicator, actual, weight in zip(project.indicators.order_by("pk"), actuals, weights, strict=True):
        qualitative = {"achievement": "achieved", "judged_score": D(weight)} if actual is None else {}
        IndicatorEvaluation.objects.create(
            indicator=indicator, weight=D(weight), actual_number=None if actual is None else D(actual), **qualitative
        )


def only(budget):
    [self_evaluation] = evaluation.for_budget(budget)
    return self_evaluation


def test_a_complete_evaluation_scores_out_of_100_with_its_grade(project):
    evaluate(project)

    result = only(project.budget)

    assert result.problems() == []
    assert result.initial_budget == D("250000.00")  # 年初预算数: the project's amount, read from its lines
    assert result.total == D("9.60") + D("90.00")  # 执行率 96 % → 9.60; every target met
    assert result.grade == "优"


def test_an_unevaluated_project_and_an_unevaluated_target_are_named(project):
    assert only(project.budget).problems() == ["项目尚未自评：请填写全年预算数和全年执行数。"]

    evaluate(project)
    project.indicators.get(name="群众满意度").evaluation.delete()

    assert only(project.budget).problems() == ["绩效指标“群众满意度”尚未自评。"]
    assert only(project.budget).total is None


def test_a_missed_target_needs_its_reason(project):
    evaluate(project, actuals=("4", "24", None, "95"))  # 4 of ≥5 次

    assert only(project.budget).problems() == ["绩效指标“宣传活动次数”未完成指标值，请填写偏差原因分析及改进措施。"]
    assert only(project.budget).total == D("9.60") + D("20.00") + D("65.00")  # 4 ÷ 5 of 25 points

    IndicatorEvaluation.objects.filter(indicator__name="宣传活动次数").update(deviation="疫情影响，下半年补足。")
    assert only(project.budget).problems() == []


def test_spending_more_than_the_years_budget_is_named(project):
    evaluate(project, executed="260000.00")

    assert only(project.budget).problems() == ["全年执行数26.00万元超过全年预算数25.00万元。"]


def test_weights_that_do_not_sum_to_100_with_the_execution_rate_are_named(project):
    evaluate(project, weights=("30", "25", "30", "10"))

    assert only(project.budget).problems() == ["分值合计应为100分（预算执行率10分，绩效指标90分），现为105.00分。"]


def test_the_departments_summary_and_its_queries_do_not_grow_with_its_projects(project):
    evaluate(project)
    second = Project.objects.create(budget=project.budget, code="P2", name="第二个项目")
    for number in range(5):
        target(second, "output", "quantity", f"指标{number}", comparator="≥", target_number=1, target_unit="次")

    with CaptureQueriesContext(connection) as queries:
        evaluations = evaluation.for_budget(project.budget)
        summary = evaluation.summary(evaluations)

    assert len(queries) == 3
    assert (summary.count, summary.average, summary.grades["优"]) == (1, D("99.60"), 1)  # P2 is not evaluated yet


def test_the_demo_carries_a_complete_sample_evaluation_marked_as_such(demo_budget):
    evaluations = evaluation.for_budget(demo_budget)

    assert [e.problems() for e in evaluations] == [[]] * 6
    assert all(e.evaluation.achieved_goal.startswith("【示例数据，非真实自评】") for e in evaluations)
    missed = [t for e in evaluations for t in e.targets if t.evaluation.is_met is False]
    assert [t.indicator.name for t in missed] == ["提供省直报数量"] and missed[0].evaluation.deviation
    summary = evaluation.summary(evaluations)
    assert (summary.count, summary.full_year_budget) == (6, D("1514300.00"))
    assert summary.grades == {"优": 6, "良": 0, "中": 0, "差": 0}
