"""A budget's self-evaluation as output: each project's 项目支出绩效自评表 with the department's summary, as a page and
a PDF, and its targets as open data (CSV, JSON). Not public yet: for staff pages until it is published with the final
accounts (docs/self-evaluation.md, "Output").

Reads the budget as performance/evaluation.py assembles it (a constant number of queries whatever its projects) and
hands plain values to performance/report_tables.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.template.loader import render_to_string

from budget import pdf as budget_pdf
from budget.exchange import exports
from performance import evaluation, report_tables, scoring
from performance.report_tables import OPEN_COLUMNS, OpenTarget, ProjectFacts, Report, TargetFacts

if TYPE_CHECKING:
    from budget.models import Budget


def target_facts(target: evaluation.Target) -> TargetFacts:
    """A target and its evaluation as plain values."""
    indicator, evaluated = target.indicator, target.evaluation
    if evaluated is None:
        actual = ""
    elif evaluated.is_quantitative:
        number, places = evaluated.actual_number, indicator.target_places
        actual = "" if number is None else report_tables.measured(number, places, indicator.target_unit)
    else:
        actual = evaluated.actual_text or evaluated.get_achievement_display()
    return TargetFacts(
        level1=indicator.get_level1_display(), level2=indicator.get_level2_display(), name=indicator.name,
        target=indicator.target, actual=actual,
        weight=evaluated.weight if evaluated else None, score=evaluated.score if evaluated else None,
        met=evaluated.is_met if evaluated else None, deviation=evaluated.deviation if evaluated else "",
    )


def project_facts(number: int, assessed: evaluation.ProjectSelfEvaluation, department: str) -> ProjectFacts:
    """A project's self-evaluation as plain values."""
    project, evaluated = assessed.project, assessed.evaluation
    return ProjectFacts(
        number=number, code=project.code, name=project.name, label=project.summary_name, department=department,
        units=assessed.units, initial=assessed.initial_funds,
        full_year_budget=evaluated.full_year_budget if evaluated else None,
        executed=evaluated.executed if evaluated else None,
        goal=project.goal, achieved_goal=evaluated.achieved_goal if evaluated else "",
        targets=[target_facts(target) for target in assessed.targets],
        total=assessed.total, grade=assessed.grade, problems=assessed.problems(),
    )


def read(budget: Budget) -> tuple[list[ProjectFacts], scoring.Summary]:
    """The budget's projects as plain values, and the department's summary."""
    department = budget.department.name
    assessed = evaluation.for_budget(budget)
    projects = [project_facts(number, each, department) for number, each in enumerate(assessed, start=1)]
    return projects, evaluation.summary(assessed)


def build(budget: Budget) -> Report:
    """The budget's self-evaluation as printed."""
    projects, summary = read(budget)
    return report_tables.report(budget.department.name, budget.year, projects, summary)


def fragment(report: Report) -> str:
    """The summary, its chart and every project's sheet: what a page or the PDF puts in its body."""
    return render_to_string("performance/_self_evaluation.html", {"report": report})


def html(budget: Budget) -> str:
    """The staff page of a budget's self-evaluation."""
    report = build(budget)
    return render_to_string("performance/self_evaluation.html", {"report": report, "body": fragment(report)})


def pdf(budget: Budget) -> bytes:
    """The self-evaluation as a PDF, under a cover page of its own (budget/pdf.py renders it)."""
    report = build(budget)
    page = render_to_string("performance/self_evaluation_pdf.html", {"report": report, "body": fragment(report)})
    return budget_pdf.write(page)


def open_data(budget: Budget) -> list[OpenTarget]:
    """One row per target of the budget's projects (docs/open-data.md)."""
    return report_tables.open_rows(read(budget)[0])


def open_data_csv(budget: Budget) -> bytes:
    """The targets as CSV, UTF-8 with a BOM like the other exports, text that would run as a formula neutralised."""
    rows = [cast("dict[str, exports.CsvValue]", row) for row in open_data(budget)]  # each value is one of CsvValue's
    return exports.csv_bytes(OPEN_COLUMNS, [[row[column] for column in OPEN_COLUMNS] for row in rows])


def open_data_json(budget: Budget) -> bytes:
    """The targets as JSON with the department and year; figures as strings."""
    department = budget.department
    return exports.json_bytes({
        "department": {"code": department.code, "name": department.name},
        "year": budget.year,
        "targets": [report_tables.jsonable(row) for row in open_data(budget)],
    })
