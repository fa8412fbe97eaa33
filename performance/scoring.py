"""Scoring of a project's year-end self-evaluation (项目支出绩效自评表, 财预〔2020〕10号): pure functions of plain values.

预算执行率 carries 10 points (执行率 × 10, capped at 10); the indicators share the other 90 as weighted. A quantitative
indicator scores its full weight when met, in proportion to completion when not (≥: actual ÷ target; ≤: target ÷
actual); a qualitative one is scored by the evaluator within the band of its achievement. Grades: 优 ≥ 90, 良 80–90,
中 60–80, 差 < 60 (docs/self-evaluation.md).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EXECUTION_POINTS = Decimal(10)
INDICATOR_POINTS = Decimal(90)
TOTAL_POINTS = EXECUTION_POINTS + INDICATOR_POINTS
# The indicators' 90 points by 一级指标 unless the evaluator weighs them otherwise, shared equally within each.
DEFAULT_SPLIT = {"output": Decimal(50), "effect": Decimal(30), "satisfaction": Decimal(10)}
POINT = Decimal("0.01")
ZERO = Decimal(0)

# A qualitative indicator's achievement and the band of its weight its score must fall in.
ACHIEVED, PARTLY, NOT_ACHIEVED = "achieved", "partly", "not_achieved"
BANDS = {
    ACHIEVED: (Decimal("0.8"), Decimal("1")),
    PARTLY: (Decimal("0.6"), Decimal("0.8")),
    NOT_ACHIEVED: (ZERO, Decimal("0.6")),
}
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (ZERO, "差"))


def points(value: Decimal) -> Decimal:
    """A score to two decimals, rounded half-up."""
    return value.quantize(POINT, rounding=ROUND_HALF_UP)


def execution_rate(executed: Decimal, full_year_budget: Decimal) -> Decimal | None:
    """执行率 as a fraction (1 = 100 %); None without a budget to execute."""
    return executed / full_year_budget if full_year_budget else None


def execution_score(executed: Decimal, full_year_budget: Decimal) -> Decimal:
    """预算执行率's points: 执行率 × 10, at most 10; none without a budget."""
    rate = execution_rate(executed, full_year_budget)
    return points(min(rate, Decimal(1)) * EXECUTION_POINTS) if rate is not None else ZERO


def is_met(comparator: str, target: Decimal, actual: Decimal) -> bool:
    """True when the actual value meets a quantitative target ("" and "=" ask for equality)."""
    return {
        "≥": actual >= target, ">": actual > target, "≤": actual <= target, "<": actual < target,
    }.get(comparator, actual == target)


def completion(comparator: str, target: Decimal, actual: Decimal) -> Decimal:
    """How far a quantitative target is met, from 0 to 1: 1 when met; else actual ÷ target for a floor (≥, >),
    target ÷ actual for a ceiling (≤, <), the smaller over the larger for an exact value."""
    if is_met(comparator, target, actual):
        return Decimal(1)
    if comparator in ("≥", ">"):
        ratio = actual / target if target > 0 else ZERO
    elif comparator in ("≤", "<"):
        ratio = target / actual if actual > 0 else ZERO
    else:
        low, high = sorted((abs(actual), abs(target)))
        ratio = low / high if high else ZERO
    return max(ZERO, min(ratio, Decimal(1)))


def quantitative_score(weight: Decimal, comparator: str, target: Decimal, actual: Decimal) -> Decimal:
    """A quantitative indicator's points: its weight × its completion."""
    return points(weight * completion(comparator, target, actual))


def band(weight: Decimal, achievement: str) -> tuple[Decimal, Decimal]:
    """The lowest and highest score a qualitative indicator of this achievement may be given."""
    low, high = BANDS[achievement]
    return points(weight * low), points(weight * high)


def default_weights(level1s: Sequence[str]) -> list[Decimal]:
    """Each indicator's weight under the default split (产出 50, 效益 30, 满意度 10, equal within each 一级指标), in
    the order given; a 一级指标 without indicators leaves its points to the others in proportion, so that the weights
    always sum to 90. The last indicator of the whole takes the rounding remainder."""
    counts = {level1: level1s.count(level1) for level1 in DEFAULT_SPLIT}
    present = sum((share for level1, share in DEFAULT_SPLIT.items() if counts[level1]), ZERO)
    if not level1s or not present:
        return []
    weights = [points(DEFAULT_SPLIT[level1] * INDICATOR_POINTS / present / counts[level1]) for level1 in level1s]
    weights[-1] += INDICATOR_POINTS - sum(weights)
    return weights


def grade(total: Decimal) -> str:
    """优 ≥ 90, 良 80–90, 中 60–80, 差 < 60."""
    return next(name for floor, name in GRADES if total >= floor)


@dataclass(frozen=True)
class ProjectScore:
    """A project's evaluation as the summary needs it."""

    full_year_budget: Decimal
    executed: Decimal
    total: Decimal

    @property
    def grade(self) -> str:
        return grade(self.total)


@dataclass(frozen=True)
class Summary:
    """The department's self-evaluation summarised: how many projects, how much money, the average score and
    how many of each grade."""

    count: int
    full_year_budget: Decimal
    executed: Decimal
    average: Decimal | None
    grades: dict[str, int]


def summarize(scores: Iterable[ProjectScore]) -> Summary:
    """The Summary of a department's project scores; the average is the plain mean of the projects' scores."""
    listed = list(scores)
    grades = {name: sum(1 for score in listed if score.grade == name) for _, name in GRADES}
    return Summary(
        count=len(listed),
        full_year_budget=sum((score.full_year_budget for score in listed), ZERO),
        executed=sum((score.executed for score in listed), ZERO),
        average=points(sum((score.total for score in listed), ZERO) / len(listed)) if listed else None,
        grades=grades,
    )
