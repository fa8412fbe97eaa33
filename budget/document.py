"""The whole budget document, assembled from the database in a constant number of queries.

Everything a page, its PDF or an export shows comes from here: the nine tables, the figures and
sentences of the explanation, the project sheets, procurement and assets.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict, cast

from django.db.models import Prefetch

from budget.builders import codes, document_tables, narrative, overview, tables
from budget.builders.document_tables import Holdings, ProcurementCell
from budget.builders.frozen_tables import freeze
from budget.builders.money import TAIL_DIFFERENCE_NOTE, ZERO, has_tail_difference
from budget.builders.overview import Overview
from budget.builders.tables import Classifications, HeaderCell, Line, Table
from budget.models import (
    AssetHolding,
    Budget,
    FundingSource,
    GlossaryEntry,
    Project,
    PublishedVersion,
    classifications_for_year,
)
from departments.models import Department
from performance.builders import Cell, indicator_rows
from performance.models import PerformanceIndicator

PROCUREMENT_NOTE = "注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。"
PROCUREMENT_EMPTY_NOTE = "注：无政府采购预算，空表列示。"
ASSETS_EMPTY_NOTE = "注：本部门无固定资产，空表列示。"
# The explanation's sections and the generated sentences each prints.
SECTION_STATEMENTS = {"section-2": ("income", "expenditure", "change"), "section-4": ("three_public",)}


@dataclass
class ProjectSheet:
    """A project's 绩效目标表."""

    number: int
    project: Project
    amount: Decimal
    fiscal: Decimal
    other: Decimal
    indicators: list[PerformanceIndicator]  # the project's indicators in the document's order
    indicator_rows: list[list[Cell]]

    @property
    def title(self) -> str:
        return f"{self.number}、{self.project.name}绩效目标表"

    @property
    def has_tail_difference(self) -> bool:
        """True when the printed 预算数 differs from its printed 财政资金 and 其他资金 (the 尾差 note)."""
        return has_tail_difference(self.amount, (self.fiscal, self.other))


class Statements(TypedDict):
    """The explanation's sentences, by section."""

    income: str
    expenditure: str
    change: str
    running_cost: str
    three_public: str
    assets: str


# The headline figures in 元 as strings, by name, and under "function_classes" the 元 by function 类.
Figures = dict[str, str | dict[str, str]]


class OpenLine(TypedDict):
    function_code: str
    function_name: str
    economic_code: str
    economic_name: str
    kind: str
    source: str
    carryover: bool
    project_code: str
    amount: str


class OpenIndicator(TypedDict):
    level1: str
    level2: str
    name: str
    description: str
    target: str
    target_basis: str


class OpenProject(TypedDict):
    code: str
    name: str
    amount: str
    fiscal: str
    other: str
    purpose: str
    goal: str
    is_special_fund: bool
    spending_plan: list[int | None]
    indicators: list[OpenIndicator]


class OpenPurchase(TypedDict):
    """A 政府采购 item as printed, its figures in 元 as strings."""

    unit_code: str
    unit_name: str
    project_name: str
    item_name: str
    catalog_code: str
    measure_unit: str
    quantity: str
    unit_price: str
    source: str
    carryover: bool
    amount: str
    sme_reserved: str


class OpenAsset(TypedDict):
    """A row of the 固定资产 table: its category, label as printed, quantity ("" when blank) and 元 value."""

    category: str
    label: str
    quantity: str
    value: str


class Snapshot(TypedDict):
    """What a submission or publication froze (JSON-safe). Snapshots taken before 2026-12-06 lack projects,
    purchases and assets (diff.py reads them as unknown)."""

    tables: dict[str, list[list[str]]]  # frozen rows by table number
    statements: Statements
    texts: dict[str, str]  # TEXT_FIELDS by name
    figures: Figures
    projects: list[OpenProject]  # with their indicators, as open data publishes them
    purchases: list[OpenPurchase]
    assets: list[OpenAsset]


class OpenData(TypedDict):
    """What publication freezes for open data besides the tables."""

    statements: Statements
    texts: dict[str, str]
    projects: list[OpenProject]
    lines: list[OpenLine]


@dataclass
class Document:
    budget: Budget
    tables: list[Table]
    summary: narrative.Summary
    prior: narrative.PriorYear
    prior_version: PublishedVersion | None  # last year's published version, which prior was read from
    statements: Statements
    units: list[Department]
    project_sheets: list[ProjectSheet]
    special_fund_sheets: list[ProjectSheet]
    procurement_rows: list[list[ProcurementCell]]
    asset_rows: list[list[str | Decimal]]
    glossary: list[GlossaryEntry]
    purchases: list[document_tables.Purchase]  # the procurement items procurement_rows was built from
    holdings: Holdings  # the asset holdings asset_rows was built from
    lines: list[Line]  # the line facts everything above was built from
    classifications: Classifications
    tail_notes: frozenset[str]  # ids of the explanation's sections that print a total differing from its parts
    overview: Overview | None = None  # set once the rest is built: it reads the tables and summary

    tail_difference_note = TAIL_DIFFERENCE_NOTE

    @property
    def department(self) -> Department:
        return self.budget.department

    @property
    def title(self) -> str:
        return self.budget.title

    @property
    def assets_empty_note(self) -> str:
        """The note under an empty 部门固定资产占用情况表, or ""."""
        return "" if any(row[2] for row in self.asset_rows) else ASSETS_EMPTY_NOTE

    @property
    def procurement_note(self) -> str:
        return PROCUREMENT_NOTE if self.procurement_rows else PROCUREMENT_EMPTY_NOTE

    @property
    def procurement_header(self) -> list[list[HeaderCell]]:
        return document_tables.procurement_header(self.budget.year)

    @property
    def procurement_blank_row(self) -> list[str]:
        """An empty table still shows one row, a cell under each column of its header."""
        return [""] * sum(cell.colspan for cell in self.procurement_header[0])



def prior_year_version(budget: Budget) -> PublishedVersion | None:
    """Last year's current published version of the department's budget, or None."""
    return PublishedVersion.objects.filter(
        budget__department=budget.department_id, budget__year=budget.year - 1
    ).order_by("-number").first()


def prior_year(budget: Budget, previous: PublishedVersion | None) -> narrative.PriorYear:
    """Last year's totals: as published last year (previous, its version) if the system has it (frozen,
    even while last year's budget is being corrected), else as entered with this budget."""
    if previous is None:
        return narrative.PriorYear(
            total=budget.prior_year_total,
            basic=budget.prior_year_basic,
            project=budget.prior_year_project,
            three_public=budget.prior_year_three_public,
        )
    figures = previous.figures
    return narrative.PriorYear(
        total=Decimal(figures["expenditure_total"]), basic=Decimal(figures["basic"]),
        project=Decimal(figures["project"]), three_public=Decimal(figures["three_public"]),
    )


def project_sheets(projects: Sequence[Project], lines: Sequence[Line]) -> list[ProjectSheet]:
    """One ProjectSheet per project, its amounts summed from the budget's lines."""
    amounts: defaultdict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])  # [total, fiscal]
    for line in lines:
        if line.project_code:
            amounts[line.project_code][0] += line.amount
            if line.source in tables.FISCAL_SOURCES:
                amounts[line.project_code][1] += line.amount
    sheets: list[ProjectSheet] = []
    for number, project in enumerate(projects, start=1):
        total, fiscal = amounts[project.code]
        indicators = sorted(project.indicators.all(), key=_indicator_order)
        rows = indicator_rows([
            (i.get_level1_display(), i.get_level2_display(), i.name, i.description, i.target, i.get_target_basis_display())
            for i in indicators
        ])
        sheets.append(ProjectSheet(number, project, total, fiscal, total - fiscal, indicators, rows))
    return sheets


LEVEL1_ORDER = list(PerformanceIndicator.Level1.values)


def _indicator_order(indicator: PerformanceIndicator) -> tuple[int, int, int]:
    """一级指标 in the standard order (产出, 效益, 满意度), then as entered."""
    return LEVEL1_ORDER.index(indicator.level1), indicator.position, indicator.pk


def purchases(budget: Budget, sheets: Sequence[ProjectSheet]) -> list[document_tables.Purchase]:
    """The budget's procurement items as plain values."""
    amounts = {sheet.project.pk: sheet.amount for sheet in sheets}
    return [
        document_tables.Purchase(
            unit_code=item.unit.code, unit_name=item.unit.name,
            project_name=item.project.name if item.project else "",
            project_amount=amounts.get(item.project.pk) if item.project else None,
            item_name=item.item_name, catalog_code=item.catalog_code, measure_unit=item.measure_unit,
            quantity=item.quantity, unit_price=item.unit_price, source=item.source, is_carryover=item.is_carryover,
            amount=item.amount, sme_reserved=item.sme_reserved,
        )
        for item in budget.procurement_items.select_related("unit", "project")
    ]


def build(budget: Budget) -> Document:
    """The Document of a budget (about a dozen queries, whatever its size)."""
    department = budget.department
    lines = budget.line_facts()
    classifications = classifications_for_year(budget.year)
    summary = narrative.summarize(lines, classifications)
    prior_version = prior_year_version(budget)
    prior = prior_year(budget, prior_version)
    projects = list(
        budget.projects.order_by("position", "code").prefetch_related(
            Prefetch("indicators", queryset=PerformanceIndicator.objects.order_by("position", "pk"))
        )
    )
    sheets = project_sheets(projects, lines)
    holdings: Holdings = {h.category: (h.quantity, h.value) for h in AssetHolding.objects.filter(budget=budget)}
    listed = sorted(projects, key=lambda p: (p.summary_position, p.position, p.code))
    purchased = purchases(budget, sheets)
    sentences = {
        "income": narrative.income_statement(budget.year, summary),
        "expenditure": narrative.expenditure_statement(
            department.name, budget.year, summary, [p.summary_name for p in listed]
        ),
        "change": narrative.change_statement(
            budget.year, summary, prior, budget.basic_change_reason, budget.project_change_reason
        ),
        "running_cost": narrative.running_cost_statement(budget.year, summary, budget.running_cost_uses),
        "three_public": narrative.three_public_statement(
            budget.year, summary, prior, budget.three_public_change_reason
        ),
        "assets": narrative.assets_statement(
            department.name, budget.year, budget.assets_counted_on, document_tables.asset_total(holdings),
            summary.fixed_asset_purchase, document_tables.procured_goods(purchased),
        ),
    }
    statements = cast(Statements, {key: sentence.text for key, sentence in sentences.items()})
    tail_notes = {
        section for section, keys in SECTION_STATEMENTS.items() if any(sentences[k].has_tail_difference for k in keys)
    }
    if document_tables.procurement_has_tail_difference(purchased):
        tail_notes.add("section-8")
    if document_tables.assets_have_tail_difference(holdings):
        tail_notes.add("section-9")
    doc = Document(
        budget=budget,
        tables=tables.build_all(lines, classifications),
        summary=summary,
        prior=prior,
        prior_version=prior_version,
        statements=statements,
        units=list(department.units.order_by("code")) or [department],
        project_sheets=sheets,
        special_fund_sheets=[sheet for sheet in sheets if sheet.project.is_special_fund],
        procurement_rows=document_tables.procurement_rows(purchased),
        asset_rows=document_tables.asset_rows(holdings),
        purchases=purchased,
        holdings=holdings,
        glossary=list(GlossaryEntry.objects.all()),
        lines=lines,
        classifications=classifications,
        tail_notes=frozenset(tail_notes),
    )
    doc.overview = overview.build(doc, earlier_totals(budget))
    return doc


def earlier_totals(budget: Budget) -> list[tuple[int, Decimal]]:
    """[(year, 元)] of the department's published budgets of earlier years, as published."""
    versions = PublishedVersion.objects.current().filter(budget__department=budget.department_id, budget__year__lt=budget.year)
    return list(versions.values_list("budget__year", "expenditure_total"))


def figures(doc: Document) -> Figures:
    """The document's headline figures in 元, as strings (JSON-safe Decimals), and the 元 by function 类."""
    s = doc.summary
    headline: Figures = {
        name: str(getattr(s, name))
        for name in ("income_total", "expenditure_total", "basic", "project", "personnel", "public_expense",
                     "administrative_running_cost", "three_public")
    }
    classes = {row.code: str(row.figures[0]) for row in doc.tables[2].rows if row.kind == codes.CLASS}  # table 3's 合计
    return {**headline, "function_classes": classes}


def table_rows(doc: Document) -> dict[str, list[list[str]]]:
    """The nine tables' rows as frozen (万元 strings), by table number."""
    return {str(table.number): freeze(table) for table in doc.tables}


def snapshot(doc: Document) -> Snapshot:
    """What a submission or publication froze: table rows, sentences, texts, figures, and the projects with their
    indicators, procurement and assets as printed (the reviewer's comparison reads them all: builders/diff.py)."""
    budget = doc.budget
    texts = {field: getattr(budget, field) for field in TEXT_FIELDS}
    return {
        "tables": table_rows(doc), "statements": doc.statements, "texts": texts, "figures": figures(doc),
        "projects": open_projects(doc), "purchases": open_purchases(doc.purchases), "assets": open_assets(doc.holdings),
    }


def open_projects(doc: Document) -> list[OpenProject]:
    """The projects with their indicators (each field as the 绩效目标表 prints it), as plain values."""
    return [
        {
            "code": sheet.project.code, "name": sheet.project.name, "amount": str(sheet.amount),
            "fiscal": str(sheet.fiscal), "other": str(sheet.other), "purpose": sheet.project.purpose,
            "goal": sheet.project.goal, "is_special_fund": sheet.project.is_special_fund,
            "spending_plan": sheet.project.spending_plan,
            "indicators": [
                {"level1": i.get_level1_display(), "level2": i.get_level2_display(), "name": i.name,
                 "description": i.description, "target": i.target, "target_basis": i.get_target_basis_display()}
                for i in sheet.indicators
            ],
        }
        for sheet in doc.project_sheets
    ]


def open_purchases(purchased: Sequence[document_tables.Purchase]) -> list[OpenPurchase]:
    """The procurement items as plain values (元 as strings, the 资金来源 by name)."""
    sources = dict(FundingSource.choices)
    return [
        {
            "unit_code": p.unit_code, "unit_name": p.unit_name, "project_name": p.project_name,
            "item_name": p.item_name, "catalog_code": p.catalog_code, "measure_unit": p.measure_unit,
            "quantity": document_tables.plain_number(p.quantity), "unit_price": str(p.unit_price),
            "source": sources.get(p.source, p.source), "carryover": p.is_carryover, "amount": str(p.amount), "sme_reserved": str(p.sme_reserved),
        }
        for p in purchased
    ]


def open_assets(holdings: Holdings) -> list[OpenAsset]:
    """The five rows of the 固定资产 table as plain values (资产总额 is their sum, left out)."""
    assets: list[OpenAsset] = []
    for category, label in document_tables.ASSET_ROWS:
        quantity, value = holdings.get(category, (None, ZERO))
        shown = document_tables.plain_number(quantity) if quantity is not None else ""
        assets.append({"category": category, "label": label.strip("　"), "quantity": shown, "value": str(value)})
    return assets


TEXT_FIELDS = ["duties", "basic_change_reason", "project_change_reason", "running_cost_uses",
               "three_public_change_reason", "overall_goal", "item_goals", "safeguards", "other_notes"]


def open_data(doc: Document, frozen: Snapshot | None = None) -> OpenData:
    """What publication freezes for open data besides the tables: sentences, texts, projects and line items.

    frozen is the document's snapshot when the caller has already taken it.
    """
    frozen = frozen or snapshot(doc)
    names = doc.classifications
    lines: list[OpenLine] = [
        {
            "function_code": line.function_code, "function_name": names.function_names.get(line.function_code, ""),
            "economic_code": line.economic_code, "economic_name": names.economic_names.get(line.economic_code, ""),
            "kind": line.kind, "source": line.source, "carryover": line.is_carryover,
            "project_code": line.project_code, "amount": str(line.amount),
        }
        for line in doc.lines
    ]
    return {"statements": frozen["statements"], "texts": frozen["texts"], "projects": frozen["projects"], "lines": lines}
