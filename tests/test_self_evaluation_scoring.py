"""The self-evaluation's scores follow the rules of the 项目支出绩效自评表 (财预〔2020〕10号), each with a worked
example: 预算执行率 10 points, the indicators 90 as weighted; a quantitative target scores its weight when met, in
proportion when not; a qualitative one is judged within the band of its achievement; grades 优/良/中/差."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from budget.models import Project
from budget.samples.synthetic import make_line
from performance import scoring
from performance.models import IndicatorEvaluation, PerformanceIndicator


def test_execution_scores_its_rate_times_ten_and_no_more_above_100_percent():
    assert scoring.execution_score(D("225000.00"), D("250000.00")) == D("9.00")  # 90 % → 9 points
    assert scoring.execution_score(D("260000.00"), D("250000.00")) == D("10.00")  # 104 %: capped at 10
    assert scoring.execution_rate(D("260000.00"), D("250000.00")) == D("1.04")  # the rate itself is not capped
    assert scoring.execution_score(D("0.00"), D("0.00")) == D("0")  # nothing budgeted, nothing to score


def test_a_met_target_scores_its_full_weight():
    assert scoring.quantitative_score(D("10"), "≥", D("5"), D("6")) == D("10.00")  # ≥5次, 6 held
    assert scoring.quantitative_score(D("10"), "≤", D("25"), D("24.5")) == D("10.00")  # ≤25万元, 24.5 spent


def test_an_unmet_floor_scores_in_proportion_actual_over_target():
    # ≥8000条 pushed, 6000 reached: 6000 ÷ 8000 = 75 % of 20 points.
    assert scoring.quantitative_score(D("20"), "≥", D("8000"), D("6000")) == D("15.00")


def test_an_unmet_ceiling_scores_in_proportion_target_over_actual():
    # ≤25万元 of cost, 30 spent: 25 ÷ 30 of 12 points = 10.
    assert scoring.quantitative_score(D("12"), "≤", D("25"), D("30")) == D("10.00")
    assert scoring.quantitative_score(D("12"), "<", D("25"), D("25")) == D("12.00")  # not below 25, yet 25 ÷ 25 = 1


def test_an_exact_target_missed_either_way_scores_the_smaller_over_the_larger():
    assert scoring.quantitative_score(D("10"), "=", D("2"), D("1")) == D("5.00")
    assert scoring.quantitative_score(D("10"), "", D("2"), D("4")) == D("5.00")


def test_default_weights_split_90_points_50_30_10_equally_within_each_level():
    weights = scoring.default_weights(["output", "output", "effect", "satisfaction"])
    assert weights == [D("25.00"), D("25.00"), D("30.00"), D("10.00")]
    assert sum(scoring.default_weights(["output"] * 3 + ["effect"] * 3 + ["satisfaction"])) == D(90)


def test_grades_at_their_floors():
    assert [scoring.grade(D(points)) for points in ("90", "89.99", "80", "79.99", "60", "59.99")] == [
        "优", "良", "良", "中", "中", "差",
    ]


def test_the_department_summary_counts_money_average_and_grades():
    summary = scoring.summarize([
        scoring.ProjectScore(D("250000"), D("240000"), D("95.5")),
        scoring.ProjectScore(D("100000"), D("60000"), D("71")),
    ])

    assert (summary.count, summary.full_year_budget, summary.executed) == (2, D("350000"), D("300000"))
    assert summary.average == D("83.25")
    assert summary.grades == {"优": 1, "良": 0, "中": 1, "差": 0}


@pytest.fixture
def qualitative(draft_budget):
    project = Project.objects.create(budget=draft_budget, code="P1", name="测试项目")
    make_line(draft_budget, kind="project", project=project)
    indicator = PerformanceIndicator.objects.create(
        project=project, level1="effect", level2="social", name="网络环境", target_text="明显改善", target_basis="工作计划",
    )
    return IndicatorEvaluation(indicator=indicator, weight=D("20"), actual_text="有所改善")


@pytest.mark.parametrize("achievement, score, refused", [
    ("achieved", "16.00", False), ("achieved", "15.99", True), ("partly", "12.00", False), ("partly", "16.01", True),
    ("not_achieved", "12.00", False), ("not_achieved", "12.01", True),
])
def test_a_qualitative_score_outside_the_band_of_its_achievement_is_refused(qualitative, achievement, score, refused):
    qualitative.achievement, qualitative.judged_score = achievement, D(score)

    if refused:
        with pytest.raises(ValidationError, match="的得分应在"):
            qualitative.full_clean()
    else:
        qualitative.full_clean()
        assert qualitative.score == D(score)
