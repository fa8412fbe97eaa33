"""The self-evaluation's output as rows: each project's 项目支出绩效自评表 (财预〔2020〕10号's annex), the department's
summary, the chart of targets met and the targets' open data. Pure: plain values in (元 and scores as Decimal, texts),
display text out; no database, no Django (performance/report.py reads the values and renders the rows)."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypedDict

from budget.builders.charts import Chart
from budget.builders.money import TAIL_DIFFERENCE_NOTE, ZERO, has_tail_difference, in_words, percent, table_cell
from budget.builders.tables import FISCAL_SOURCES
from performance import scoring
from performance.builders import Cell, indicator_rows

# The form's mark for a cell that takes no figure, never a zero: the 分值 and 得分 of the funds' parts, and their
# 全年预算数, 执行数 and 执行率, which are entered for the project as a whole only.
DASH = "—"
SUMMARY_HEADINGS = ("项目个数", "全年预算数（万元）", "全年执行数（万元）", "平均分", "优", "良", "中", "差")


@dataclass(frozen=True)
class Funds:
    """年初预算数 by where the money comes from, 元."""

    fiscal: Decimal = ZERO  # 当年财政拨款
    carryover: Decimal = ZERO  # 上年结转资金, whatever its source
    other: Decimal = ZERO  # 其他资金

    @property
    def total(self) -> Decimal:
        return self.fiscal + self.carryover + self.other

    def plus(self, source: str, is_carryover: bool, amount: Decimal) -> "Funds":
        """These funds with a line's amount added where the 自评表 counts it."""
        if is_carryover:
            return replace(self, carryover=self.carryover + amount)
        if source in FISCAL_SOURCES:
            return replace(self, fiscal=self.fiscal + amount)
        return replace(self, other=self.other + amount)


@dataclass(frozen=True)
class TargetFacts:
    """A target and its year-end evaluation as plain values; weight, score and met are None until it is evaluated."""

    level1: str  # 产出指标
    level2: str  # 数量指标
    name: str  # 三级指标
    target: str  # 年度指标值 as the 绩效目标表 prints it: ≥8000条
    actual: str  # 实际完成值: 7600条, or a qualitative target's text; "" until evaluated
    weight: Decimal | None
    score: Decimal | None
    met: bool | None
    deviation: str  # 偏差原因分析及改进措施


@dataclass(frozen=True)
class ProjectFacts:
    """A project's self-evaluation as plain values; the year's figures, total and grade are None until known."""

    number: int
    code: str
    name: str
    label: str  # the short name a chart shows
    department: str  # 主管部门
    units: Sequence[str | None]  # 实施单位: the units whose lines pay for it, None for the department itself
    initial: Funds  # 年初预算数
    full_year_budget: Decimal | None
    executed: Decimal | None
    goal: str  # 年度总体目标: 预期目标
    achieved_goal: str  # 实际完成情况
    targets: Sequence[TargetFacts]
    total: Decimal | None
    grade: str | None
    problems: Sequence[str]  # what keeps the evaluation from being complete (performance/evaluation.py)


def points_text(value: Decimal | None) -> str:
    """A weight or a score with two decimals, rounded half-up; blank until known."""
    return "" if value is None else f"{scoring.points(value)}"


def measured(number: Decimal, places: int, unit: str) -> str:
    """An actual value in its target's unit, with no fewer decimals than the target was entered with and no trailing
    zeros beyond: 7600.00 against ≥8000条 prints 7600条, 95.50 against ≥90% prints 95.5%."""
    exponent = number.normalize().as_tuple().exponent
    decimals = max(places, -exponent if isinstance(exponent, int) else 0)
    return f"{number:.{decimals}f}{unit}"


@dataclass(frozen=True)
class FundRow:
    """A row of the 项目资金 block: its label, then 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 as printed."""

    label: str
    cells: tuple[str, str, str, str, str, str]


def fund_rows(initial: Funds, full_year_budget: Decimal | None, executed: Decimal | None) -> list[FundRow]:
    """年度资金总额 with the year's figures, 执行率 and its points (10 at most; blank until evaluated), then its parts by
    source: their 年初预算数 only, the year's figures being entered for the project as a whole."""
    weight = points_text(scoring.EXECUTION_POINTS)
    if full_year_budget is None or executed is None:
        total = (table_cell(initial.total), "", "", weight, "", "")
    else:
        total = (
            table_cell(initial.total), table_cell(full_year_budget), table_cell(executed), weight,
            percent(executed, full_year_budget), points_text(scoring.execution_score(executed, full_year_budget)),
        )
    parts = (("其中：当年财政拨款", initial.fiscal), ("上年结转资金", initial.carryover), ("其他资金", initial.other))
    return [FundRow("年度资金总额", total)] + [
        FundRow(label, (table_cell(amount), DASH, DASH, DASH, DASH, DASH)) for label, amount in parts
    ]


@dataclass(frozen=True)
class Sheet:
    """A project's 项目支出绩效自评表, every cell as printed (money in 万元)."""

    number: int
    title: str
    name: str
    department: str
    units: str
    fund_rows: list[FundRow]
    goal: str
    achieved_goal: str
    indicator_rows: list[list[Cell]]  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施
    total_points: str  # 总分's 分值: 100
    total: str
    grade: str
    tail_note: str  # the 尾差 note where the printed 年度资金总额 differs from its printed parts, else ""
    problems: Sequence[str]

    @property
    def indicators_rowspan(self) -> int:
        """The rows the 绩效指标 cell spans: its headings' and each target's (or the one saying there are none)."""
        return 1 + max(1, len(self.indicator_rows))


def sheet(project: ProjectFacts) -> Sheet:
    """A project's 自评表: 一级 and 二级 cells span their targets' rows as in the 绩效目标表."""
    initial = project.initial
    tail_difference = has_tail_difference(initial.total, (initial.fiscal, initial.carryover, initial.other))
    return Sheet(
        number=project.number,
        title=f"{project.number}、{project.name}绩效自评表",
        name=project.name,
        department=project.department,
        units="、".join(unit or project.department for unit in project.units) or project.department,
        fund_rows=fund_rows(initial, project.full_year_budget, project.executed),
        goal=project.goal,
        achieved_goal=project.achieved_goal,
        indicator_rows=indicator_rows([
            (t.level1, t.level2, t.name, t.target, t.actual, points_text(t.weight), points_text(t.score), t.deviation)
            for t in project.targets
        ]),
        total_points=points_text(scoring.TOTAL_POINTS),
        total=points_text(project.total),
        grade=project.grade or "",
        tail_note=TAIL_DIFFERENCE_NOTE if tail_difference else "",
        problems=project.problems,
    )


@dataclass(frozen=True)
class SummaryTable:
    """The department's summary as printed: a sentence, and one row under SUMMARY_HEADINGS."""

    sentence: str
    cells: list[str]

    headings = SUMMARY_HEADINGS


def summary_table(summary: scoring.Summary, year: int) -> SummaryTable:
    """The summary of the projects whose evaluation is complete: how many, their money, mean score and grades."""
    grades = "、".join(f"{name}{count}个" for name, count in summary.grades.items())
    sentence = (
        f"{year}年度{summary.count}个项目完成绩效自评，全年预算数{in_words(summary.full_year_budget)}万元，"
        f"全年执行数{in_words(summary.executed)}万元，平均{points_text(summary.average)}分；其中{grades}。"
        if summary.count else f"{year}年度尚无完成绩效自评的项目。"
    )
    cells = [
        str(summary.count), in_words(summary.full_year_budget), in_words(summary.executed),
        points_text(summary.average) or DASH, *(str(count) for count in summary.grades.values()),
    ]
    return SummaryTable(sentence, cells)


def targets_met_chart(projects: Sequence[ProjectFacts]) -> Chart:
    """Each project's targets met, as bars: a count, not money (the project's number of targets in its label)."""
    items = [
        (f"{project.label}（共{len(project.targets)}个）", Decimal(sum(1 for target in project.targets if target.met)))
        for project in projects
    ]
    return Chart("chart-targets-met", "各项目完成的绩效指标", items, shows_shares=False, unit="个",
                 measure="完成的绩效指标")


@dataclass(frozen=True)
class Report:
    """A department's self-evaluation as printed: its summary and chart, then each project's sheet."""

    title: str
    department: str
    year: int
    summary: SummaryTable
    chart: Chart
    sheets: list[Sheet]


def report(department: str, year: int, projects: Sequence[ProjectFacts], summary: scoring.Summary) -> Report:
    """The Report of a department's projects; summary is theirs (performance/evaluation.py's summary)."""
    return Report(
        title=f"{department}{year}年度项目支出绩效自评",
        department=department,
        year=year,
        summary=summary_table(summary, year),
        chart=targets_met_chart(projects),
        sheets=[sheet(project) for project in projects],
    )


class OpenTarget(TypedDict):
    """A target's open data row (docs/open-data.md)."""

    project_code: str
    project_name: str
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    met: bool | None
    deviation: str


OPEN_COLUMNS = tuple(OpenTarget.__annotations__)  # the CSV's header, in the row's order


def open_rows(projects: Sequence[ProjectFacts]) -> list[OpenTarget]:
    """One row per target, in the sheets' order."""
    return [
        OpenTarget(
            project_code=project.code, project_name=project.name, level1=target.level1, level2=target.level2,
            name=target.name, target=target.target, actual=target.actual, weight=target.weight, score=target.score,
            met=target.met, deviation=target.deviation,
        )
        for project in projects for target in project.targets
    ]


def jsonable(row: OpenTarget) -> dict[str, object]:
    """A row for JSON: Decimals as strings, never JSON numbers (which readers parse as binary floats)."""
    return {key: str(value) if isinstance(value, Decimal) else value for key, value in row.items()}
