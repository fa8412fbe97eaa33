"""Assembly: one department's final accounts read from the database once and handed to the pure builders.

The baseline comes from the platform where it can (docs/final-accounts.md): the year's 年初预算 per 项 and "三公"
budget from the department's published budget of that year, last year's figures from its published final accounts
of the year before; only where the platform has none are the entered ones used, and the document says which.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.template.loader import render_to_string

from budget.builders import tables as budget_tables
from budget.builders.frozen_tables import freeze
from budget.builders.money import ZERO
from budget.models import Budget, classifications_for_year
from budget.models import PublishedVersion as BudgetVersion
from final_accounts.builders import execution, facts, forms
from final_accounts.builders import tables as final_tables
from final_accounts.models import FinalAccounts, PublishedVersion

if TYPE_CHECKING:
    from budget.builders.tables import Table

# "三公" items by the economic 款 that spend them (the budget's own definition)
THREE_PUBLIC_CODES = {
    facts.OVERSEAS_TRAVEL: budget_tables.OVERSEAS_TRAVEL,
    facts.VEHICLE_PURCHASE: budget_tables.VEHICLE_PURCHASE,
    facts.VEHICLE_UPKEEP: budget_tables.VEHICLE_UPKEEP,
    facts.RECEPTION: budget_tables.RECEPTION,
}


@dataclass(frozen=True)
class Baseline:
    """The year's budget the actuals are set against: 年初预算 of 一般公共预算财政拨款 by 项, and the "三公" budget."""

    item_budgets: dict[str, Decimal]
    three_public: dict[str, Decimal]
    from_platform: bool  # True: taken from the budget published on the platform; False: entered


def budget_version(accounts: FinalAccounts) -> BudgetVersion | None:
    """The current published version of the department's budget for the same year, with its lines, or None."""
    version = BudgetVersion.objects.current().filter(
        budget__department_id=accounts.department_id, budget__year=accounts.year, budget__status=Budget.Status.PUBLISHED
    ).first()
    return version if version is not None and version.data else None


def baseline_from_budget(lines: list[dict[str, object]]) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(年初预算 by 项, "三公" budget by item) of a published budget's open-data lines: this year's 一般公共预算
    lines (carry-overs are not 年初预算), and the fiscal lines of the "三公" 款."""
    by_item: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    three_public = {item: ZERO for item in THREE_PUBLIC_CODES}
    for line in lines:
        amount = Decimal(str(line["amount"]))
        if line["source"] == budget_tables.GENERAL_BUDGET and not line["carryover"]:
            by_item[str(line["function_code"])] += amount
        if line["source"] in budget_tables.FISCAL_SOURCES:
            for item, codes in THREE_PUBLIC_CODES.items():
                if line["economic_code"] in codes:
                    three_public[item] += amount
    return dict(by_item), three_public


def baseline(accounts: FinalAccounts, item_rows: list[tuple[str, Decimal | None]]) -> Baseline:
    """The year's budget: from the published budget when there is one, else as entered (item_rows: (项, 年初预算))."""
    version = budget_version(accounts)
    if version is not None:
        by_item, three_public = baseline_from_budget(version.data["lines"])
        return Baseline(by_item, three_public, from_platform=True)
    entered = {code: amount for code, amount in item_rows if amount is not None}
    three_public = {item: amount or ZERO for item, amount in accounts.entered_three_public_budget().items()}
    return Baseline(entered, three_public, from_platform=False)


PRIOR_FIGURES = ("total", "fiscal_total", "general_budget_expenditure", "running_cost", "three_public")


@dataclass(frozen=True)
class PriorYear:
    """Last year's figures (None where unknown, never zero), and whether the platform published them."""

    figures: dict[str, Decimal | None]
    from_platform: bool


def prior_year(accounts: FinalAccounts) -> PriorYear:
    """Last year's figures: from the department's published final accounts of the year before, else as entered."""
    version = PublishedVersion.objects.current().filter(
        final_accounts__department_id=accounts.department_id, final_accounts__year=accounts.year - 1
    ).first()
    if version is not None:
        return PriorYear({name: _decimal(version.figures.get(name)) for name in PRIOR_FIGURES}, from_platform=True)
    return PriorYear({name: getattr(accounts, f"prior_{name}") for name in PRIOR_FIGURES}, from_platform=False)


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def form() -> forms.Form:
    """The region's form of the tables, chosen once per deployment (settings.FINAL_ACCOUNTS_FORM)."""
    return forms.load(settings.FINAL_ACCOUNTS_FORM)


@dataclass
class Document:
    """Everything one final accounts document shows, built once."""

    accounts: FinalAccounts
    facts: facts.Accounts
    tables: list[Table]
    baseline: Baseline
    prior: PriorYear

    @property
    def title(self) -> str:
        return str(self.accounts.title)


def build(accounts: FinalAccounts) -> Document:
    """Read the final accounts once (a constant number of queries) and build their tables and texts."""
    accounts = FinalAccounts.objects.select_related("department").get(pk=accounts.pk)
    item_rows = list(accounts.item_budgets.values_list("function_subject__code", "initial_budget"))
    base = baseline(accounts, item_rows)
    plain = facts.Accounts(
        lines=accounts.line_facts(),
        income=accounts.income_facts(),
        carryovers=accounts.carryover_facts(),
        non_fiscal_balance_used=accounts.non_fiscal_balance_used,
        balance_distribution=accounts.balance_distribution,
        three_public_budget=base.three_public,
    )
    built = final_tables.build_all(
        plain, classifications_for_year(accounts.year), form(), accounts.department.name
    )
    return Document(accounts, plain, built, base, prior_year(accounts))


class ExecutionFigure(TypedDict):
    """A row of the 预算执行 view as frozen: code ("" for 合计), name, 年初预算 and 决算 in 元 as strings."""

    code: str
    name: str
    budget: str
    actual: str


def execution_rows(doc: Document) -> list[execution.ExecutionRow]:
    """The 预算执行 rows: 一般公共预算财政拨款 年初预算 against 决算, per 类 and 项."""
    names = classifications_for_year(doc.accounts.year).function_names
    return execution.rows(doc.facts.lines, doc.baseline.item_budgets, names)


def frozen_execution(doc: Document) -> list[ExecutionFigure]:
    """The 预算执行 rows as a version freezes them."""
    return [
        ExecutionFigure(code=row.code, name=row.name, budget=str(row.budget), actual=str(row.actual))
        for row in execution_rows(doc)
    ]


def table_rows(doc: Document) -> dict[str, list[list[str]]]:
    """The tables' rows as frozen (display text), by table number."""
    return {str(table.number): freeze(table) for table in doc.tables}


def body(doc: Document) -> str:
    """The document's body HTML: what its web page shows and a published version stores."""
    return render_to_string("final_accounts/_body.html", {"document": doc})
