"""A budget's year-end self-evaluation (绩效自评) assembled from the database: each project's evaluation beside its
targets, what is still wrong with it, and the department's summary (docs/self-evaluation.md).

Reads a budget's projects, targets and evaluations in a constant number of queries; the scores are
performance/scoring.py's rules, the problems its checks: 分值 summing to 100, a missed target's reason, 执行数
within the budget, every target evaluated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, Sum

from budget.builders.money import ZERO, in_words
from performance import scoring
from performance.models import IndicatorEvaluation, PerformanceIndicator, ProjectEvaluation
from performance.report_tables import Funds

if TYPE_CHECKING:
    from budget.models import Budget, Project


@dataclass
class Target:
    """A budget-time target and its year-end evaluation (None until evaluated)."""

    indicator: PerformanceIndicator
    evaluation: IndicatorEvaluation | None


@dataclass
class ProjectSelfEvaluation:
    """A project's 项目支出绩效自评表: its 年初预算数 (the project's amount in its budget, by where the money comes from),
    the units that spend it (实施单位: their names, None for the department itself), its evaluation (None until begun)
    and its targets in the 绩效目标表's order, each with its evaluation."""

    project: Project
    initial_funds: Funds
    units: list[str | None]
    evaluation: ProjectEvaluation | None
    targets: list[Target]

    @property
    def initial_budget(self) -> Decimal:
        return self.initial_funds.total

    @property
    def indicator_scores(self) -> list[Decimal | None]:
        return [target.evaluation.score if target.evaluation else None for target in self.targets]

    @property
    def total(self) -> Decimal | None:
        """The score out of 100, once the evaluation and every target's score are in."""
        scores = self.indicator_scores
        if self.evaluation is None or any(score is None for score in scores):
            return None
        return self.evaluation.execution_score + sum((score for score in scores if score is not None), ZERO)

    @property
    def grade(self) -> str | None:
        return None if self.total is None else scoring.grade(self.total)

    def problems(self) -> list[str]:
        """What keeps the evaluation from being complete and consistent, in Chinese; empty when it is."""
        if self.evaluation is None:
            return ["项目尚未自评：请填写全年预算数和全年执行数。"]
        problems = []
        evaluation = self.evaluation
        if evaluation.executed > evaluation.full_year_budget:
            problems.append(
                f"全年执行数{in_words(evaluation.executed)}万元超过全年预算数{in_words(evaluation.full_year_budget)}万元。"
            )
        for target in self.targets:
            name = target.indicator.name
            if target.evaluation is None:
                problems.append(f"绩效指标“{name}”尚未自评。")
            elif target.evaluation.is_met is False and not target.evaluation.deviation.strip():
                problems.append(f"绩效指标“{name}”未完成指标值，请填写偏差原因分析及改进措施。")
        weights = scoring.EXECUTION_POINTS + sum(
            (target.evaluation.weight for target in self.targets if target.evaluation), ZERO
        )
        if self.targets and all(target.evaluation for target in self.targets) and weights != scoring.TOTAL_POINTS:
            problems.append(f"分值合计应为100分（预算执行率10分，绩效指标90分），现为{weights:f}分。")
        return problems


LEVEL1_ORDER = list(PerformanceIndicator.Level1.values)


def for_budget(budget: Budget) -> list[ProjectSelfEvaluation]:
    """The self-evaluation of each of the budget's projects, in the document's order (three queries)."""
    evaluated = PerformanceIndicator.objects.select_related("evaluation").order_by("position", "pk")
    projects = list(
        budget.projects.order_by("position", "code")
        .select_related("evaluation")
        .prefetch_related(Prefetch("indicators", queryset=evaluated))
    )
    funds: defaultdict[int, Funds] = defaultdict(Funds)
    units: defaultdict[int, list[str | None]] = defaultdict(list)
    lines = (
        budget.lines.filter(project__isnull=False)
        .values("project", "source", "is_carryover", "unit__name")
        .annotate(amount=Sum("amount"))
        .order_by(F("unit__code").asc(nulls_first=True))  # the department itself (no unit) first, then its units
    )
    for row in lines:
        funds[row["project"]] = funds[row["project"]].plus(row["source"], row["is_carryover"], row["amount"])
        if row["unit__name"] not in units[row["project"]]:
            units[row["project"]].append(row["unit__name"])
    return [
        ProjectSelfEvaluation(
            project=project,
            initial_funds=funds[project.pk],
            units=units[project.pk],
            evaluation=getattr(project, "evaluation", None),  # a missing one-to-one raises an AttributeError
            # 一级指标 in the standard order, as the 绩效目标表 prints them (the sort keeps position within each).
            targets=[
                Target(indicator, getattr(indicator, "evaluation", None))
                for indicator in sorted(project.indicators.all(), key=lambda i: LEVEL1_ORDER.index(i.level1))
            ],
        )
        for project in projects
    ]


def summary(evaluations: list[ProjectSelfEvaluation]) -> scoring.Summary:
    """The department's summary over its projects whose evaluation is complete (scored)."""
    return scoring.summarize(
        scoring.ProjectScore(e.evaluation.full_year_budget, e.evaluation.executed, e.total)
        for e in evaluations if e.evaluation is not None and e.total is not None
    )
