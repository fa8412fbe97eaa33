"""Assembly: one department's final accounts read from the database once and handed to the pure builders.

The baseline comes from the platform where it can (docs/final-accounts.md): the year's 年初预算 per 项 and "三公"
budget from the department's published budget of that year, last year's figures from its published final accounts
of the year before; only where the platform has none are the entered ones used, and the document says which.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.template.loader import render_to_string

from budget import access
from budget.builders import tables as budget_tables
from budget.builders.frozen_tables import freeze
from budget.builders.money import ZERO
from budget.models import Budget, classifications_for_year
from budget.models import PublishedVersion as BudgetVersion
from departments.models import Department
from final_accounts.builders import checks, execution, facts, forms, narrative
from final_accounts.builders import tables as final_tables
from final_accounts.models import ActualLine, FinalAccounts, PublishedVersion
from performance import evaluation

if TYPE_CHECKING:
    from budget.builders.tables import Table

# 机关运行经费 is reported by 行政单位 and 参照公务员法管理的事业单位 only (名词解释 十一).
RUNNING_COST_NATURES = (Department.Nature.ADMINISTRATIVE, Department.Nature.CIVIL_SERVICE_INSTITUTION)


@dataclass(frozen=True)
class Baseline:
    """The year's budget the actuals are set against: 年初预算 of 一般公共预算财政拨款 by 项, and the "三公" budget."""

    item_budgets: dict[str, Decimal]
    three_public: dict[str, Decimal]
    from_platform: bool  # True: taken from the budget published on the platform; False: entered


def budget_version(accounts: FinalAccounts) -> BudgetVersion | None:
    """The current published version of the department's budget for the same year, with its lines, or None."""
    version = BudgetVersion.objects.current().filter(
        budget__department_id=accounts.department_id, budget__year=accounts.year
    ).first()
    return version if version is not None and version.data else None


def baseline_from_budget(lines: list[dict[str, object]]) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(年初预算 by 项, "三公" budget by item) of a published budget's open-data lines: this year's 一般公共预算
    lines (carry-overs are not 年初预算), and the fiscal lines of the "三公" 款."""
    by_item: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    three_public = {item: ZERO for item in facts.THREE_PUBLIC_CODES}
    for line in lines:
        amount = Decimal(str(line["amount"]))
        if line["source"] == budget_tables.GENERAL_BUDGET and not line["carryover"]:
            by_item[str(line["function_code"])] += amount
        if line["source"] in budget_tables.FISCAL_SOURCES:
            for item, codes in facts.THREE_PUBLIC_CODES.items():
                if line["economic_code"] in codes:
                    three_public[item] += amount
    return dict(by_item), three_public


def baseline(accounts: FinalAccounts, entered: dict[str, Decimal]) -> Baseline:
    """The year's budget: from the published budget when there is one, else as entered (年初预算 by 项)."""
    version = budget_version(accounts)
    if version is not None and version.data is not None:  # budget_version's have their data: narrowed for the checker
        by_item, three_public = baseline_from_budget(version.data["lines"])
        return Baseline(by_item, three_public, from_platform=True)
    three_public = {item: amount or ZERO for item, amount in accounts.entered_three_public_budget().items()}
    return Baseline(entered, three_public, from_platform=False)


PRIOR_FIGURES = ("total", "fiscal_total", "general_budget_expenditure", "running_cost", "three_public")


def published_prior_year(accounts: FinalAccounts) -> narrative.PriorYear | None:
    """Last year's figures from the department's final accounts of the year before published on the platform (None
    when there are none: the entered ones stand in)."""
    version = PublishedVersion.objects.current().filter(
        final_accounts__department_id=accounts.department_id, final_accounts__year=accounts.year - 1
    ).first()
    if version is None:
        return None
    figure = {name: Decimal(version.figures[name]) for name in PRIOR_FIGURES}
    return narrative.PriorYear(
        total=figure["total"], fiscal_total=figure["fiscal_total"],
        general_budget_expenditure=figure["general_budget_expenditure"], running_cost=figure["running_cost"],
        three_public=figure["three_public"], from_platform=True,
    )


def form() -> forms.Form:
    """The region's form of the tables, chosen once per deployment (settings.FINAL_ACCOUNTS_FORM)."""
    return forms.load(settings.FINAL_ACCOUNTS_FORM)


@dataclass
class Document:
    """Everything one final accounts document shows, built once."""

    accounts: FinalAccounts
    facts: narrative.ExplanationFacts
    figures: narrative.Figures
    tables: list[Table]
    baseline: Baseline
    overview: narrative.Overview
    sections: list[narrative.Section]

    @property
    def title(self) -> str:
        return str(self.accounts.title)

    @property
    def explanation_title(self) -> str:
        return narrative.explanation_title(self.accounts.department.name, self.accounts.year)

    @property
    def baseline_note(self) -> str:
        """Where the compared figures came from: the platform's published documents, or the department's entry."""
        return narrative.baseline_note(self.facts)

    @property
    def glossary(self) -> tuple[narrative.GlossaryEntry, ...]:
        return narrative.GLOSSARY

    @property
    def glossary_title(self) -> str:
        return narrative.GLOSSARY_TITLE


def _item_budgets(accounts: FinalAccounts, base: Baseline) -> tuple[facts.ItemBudget, ...]:
    """Each 项 with a 年初预算 or an explanation: its budget (the baseline's) and the accountant's words."""
    words = {
        code: (purpose, reason)
        for code, purpose, reason in accounts.item_budgets.values_list("function_subject__code", "purpose", "reason")
    }
    return tuple(
        facts.ItemBudget(code, base.item_budgets.get(code, ZERO), *words.get(code, ("", "")))
        for code in sorted({*base.item_budgets, *words})
    )


def explanation_facts(
    accounts: FinalAccounts, plain: facts.Accounts, base: Baseline
) -> tuple[narrative.ExplanationFacts, list[narrative.Unit]]:
    """What the explanation needs of the final accounts as entered, and the department's units for the overview."""
    department = accounts.department
    fields = {field.attname: getattr(accounts, field.attname) for field in FinalAccounts._meta.concrete_fields}
    explained = narrative.from_fields(
        department.name, accounts.year, plain, classifications_for_year(accounts.year), fields,
        item_budgets=_item_budgets(accounts, base), budget_from_platform=base.from_platform,
        prior=published_prior_year(accounts), has_running_cost=department.nature in RUNNING_COST_NATURES,
    )
    evaluated = evaluated_performance(accounts, explained.performance)
    if evaluated is not None:
        explained = replace(explained, performance=evaluated)
    with_lines = set(ActualLine.objects.filter(final_accounts=accounts).values_list("unit_id", flat=True))
    return explained, [narrative.Unit(unit.name, unit.pk in with_lines) for unit in department.units.order_by("code")]


def evaluated_performance(accounts: FinalAccounts, entered: narrative.Performance) -> narrative.Performance | None:
    """预算绩效管理's figures from the platform where it has them (None where the year's budget is not published here:
    the entered figures stand): the projects with targets, from the published budget; those evaluated, their 年初预算,
    the average score and the grades (优/良/中/差 of performance/scoring.py, which the document names 优/良/合格/不合格),
    once the bureau has approved the year's self-evaluation. Tracking and the
    problems found are not recorded on the platform: as entered."""
    version = budget_version(accounts)
    if version is None:
        return None
    evaluations = evaluation.for_budget(version.budget)
    with_targets = [each for each in evaluations if each.targets]
    performance = replace(entered, targets_projects=len(with_targets),
                          targets_amount=sum((each.initial_budget for each in with_targets), ZERO))
    if access.evaluation_status(version.budget) != Budget.Status.APPROVED:
        return performance
    scored = [each for each in evaluations if each.total is not None]
    summary = evaluation.summary(evaluations)
    return replace(
        performance,
        evaluated_projects=summary.count,
        evaluated_amount=sum((each.initial_budget for each in scored), ZERO),
        average_score=summary.average,
        grade_excellent=summary.grades["优"],
        grade_good=summary.grades["良"],
        grade_pass=summary.grades["中"],
        grade_fail=summary.grades["差"],
    )


def build(accounts: FinalAccounts) -> Document:
    """Read the final accounts once (a constant number of queries, whatever the number of lines) and build their
    tables and texts."""
    accounts = FinalAccounts.objects.select_related("department").get(pk=accounts.pk)
    entered = {
        code: amount
        for code, amount in accounts.item_budgets.values_list("function_subject__code", "initial_budget")
        if amount is not None  # entered
    }
    base = baseline(accounts, entered)
    plain = facts.Accounts(
        lines=accounts.line_facts(),
        income=accounts.income_facts(),
        carryovers=accounts.carryover_facts(),
        non_fiscal_balance_used=accounts.non_fiscal_balance_used,
        balance_distribution=accounts.balance_distribution,
        three_public_budget=base.three_public,
    )
    explained, units = explanation_facts(accounts, plain, base)
    department = accounts.department
    return Document(
        accounts=accounts,
        facts=explained,
        figures=narrative.figures(plain, explained.classifications),
        tables=final_tables.build_all(plain, explained.classifications, form(), department.name),
        baseline=base,
        overview=narrative.overview(department.name, accounts.year, accounts.duties, units),
        sections=narrative.explanation(explained),
    )


def problems(doc: Document) -> list[str]:
    """What keeps the document from being submitted: tables that do not foot, identities that do not hold, a
    difference from the 年初预算 left unexplained."""
    explained = doc.facts
    return [
        *checks.run(explained.accounts, doc.tables),
        *checks.reasons_given(explained.item_budgets, doc.figures.general_by_item,
                              explained.classifications.function_names, explained.reasons.budget_difference),
    ]


class ExecutionFigure(TypedDict):
    """A row of the 预算执行 view as frozen: code ("" for 合计), name, 年初预算 and 决算 in 元 as strings."""

    code: str
    name: str
    budget: str
    actual: str


def execution_rows(doc: Document) -> list[execution.ExecutionRow]:
    """The 预算执行 rows: 一般公共预算财政拨款 年初预算 against 决算, per 类 and 项."""
    names = doc.facts.classifications.function_names
    return execution.rows(doc.figures.general_by_item, doc.baseline.item_budgets, names)


def figures(doc: Document) -> dict[str, object]:
    """What a version freezes besides its HTML and tables (JSON-safe, 元 as strings): the headline figures next
    year's explanation compares with, and the 预算执行 rows with where their 年初预算 came from."""
    f = doc.figures
    headline = {
        "total": f.total, "fiscal_total": f.fiscal_total, "general_budget_expenditure": f.general_budget,
        "running_cost": f.public_expense_total, "three_public": sum(f.three_public.values(), ZERO),
        "income_total": f.income_total, "expenditure_total": f.expenditure_total,
    }
    return {
        **{name: str(value) for name, value in headline.items()},
        "execution": [
            ExecutionFigure(code=row.code, name=row.name, budget=str(row.budget), actual=str(row.actual))
            for row in execution_rows(doc)
        ],
        "baseline_from_platform": doc.baseline.from_platform,
        "form": settings.FINAL_ACCOUNTS_FORM,  # the tables' form, to read their frozen rows back (open data)
    }


def table_rows(doc: Document) -> dict[str, list[list[str]]]:
    """The tables' rows as frozen (display text), by table number."""
    return {str(table.number): freeze(table) for table in doc.tables}


def body(doc: Document) -> str:
    """The document's body HTML: what its web page shows and a published version stores."""
    return render_to_string("final_accounts/_body.html", {"document": doc})
