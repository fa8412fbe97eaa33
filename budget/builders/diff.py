"""Differences between two snapshots of a budget (document.snapshot): for the reviewer's comparison
with the last submission and with last year. Rows are matched by subject code, never by position; within
a row, only the cells that differ are listed, each under its column's header. Everything else the document
shows (projects, indicators, procurement, assets, texts) is compared item by item (document_changes)."""

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from budget.builders.frozen_tables import thaw
from budget.builders.tables import BY_SUBJECT, SIDE_BY_SIDE, SPECS, Row, TableSpec

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"


@dataclass(frozen=True)
class CellChange:
    """One cell that differs: its column, the figure before and after (万元 text, "" for a blank cell) and
    the change after − before of the figures as displayed ("" for a cell that is not a figure)."""

    column: str
    before: str
    after: str
    change: str


@dataclass(frozen=True)
class RowChange:
    table: str
    key: str
    label: str
    status: str  # ADDED, REMOVED or CHANGED
    cells: tuple[CellChange, ...]


def header_columns(spec: TableSpec) -> list[str]:
    """Each printed column's header: the labels of the header cells above it, top first, joined by "·"
    (the document's spacing inside labels dropped), e.g. "本年收入·财政拨款收入"."""
    paths: list[list[str]] = [[] for _ in range(spec.column_count)]
    covered: set[tuple[int, int]] = set()  # (header row, column) taken by a cell from a row above
    for level, header_row in enumerate(spec.header):
        column = 0
        for cell in header_row:
            while (level, column) in covered:
                column += 1
            for spanned in range(column, column + cell.colspan):
                paths[spanned].append("".join(cell.label.split()))
                covered.update((level + below, spanned) for below in range(cell.rowspan))
            column += cell.colspan
    return ["·".join(path) for path in paths]


def figure_columns(spec: TableSpec) -> list[str]:
    """The headers of the columns row_figures() returns, in its order (see TableSpec.cells for the layouts)."""
    columns = header_columns(spec)
    if spec.layout == SIDE_BY_SIDE:  # 序号, income label and amount, expenditure label, figures
        return [columns[2], *columns[4:]]
    return columns[3:] if spec.layout == BY_SUBJECT else columns[2:]  # 序号, (code,) label, figures


def displayed_change(before: str, after: str) -> str:
    """after − before of two displayed 万元 figures (blank is zero), signed, e.g. "+1.20"."""
    return f"{Decimal(after or 0) - Decimal(before or 0):+.2f}"


def row_key(row: Row[str]) -> str:
    """What identifies a row across versions: its subject code, or its label(s) where it has no code."""
    if row.income is not None:
        return f"{row.income.label}|{row.label}"
    return row.code or row.label


def row_label(row: Row[str]) -> str:
    if row.income is not None:
        return " / ".join(part for part in (row.income.label, row.label) if part)
    return " ".join(part for part in (row.code, row.label) if part)


def row_figures(row: Row[str]) -> list[str]:
    """The row's figures, the income half's first where there is one."""
    income = [row.income.amount] if row.income is not None else []
    return [*income, *row.figures]


def cell_changes(columns: list[str], old: Row[str] | None, new: Row[str] | None) -> tuple[CellChange, ...]:
    """The cells of a row that differ between two versions (a missing row's cells are blank); a renamed row
    lists its name first."""
    renamed = (CellChange("名称", row_label(old), row_label(new), ""),) if old and new and old.label != new.label else ()
    before = row_figures(old) if old else [""] * len(columns)
    after = row_figures(new) if new else [""] * len(columns)
    return renamed + tuple(
        CellChange(column, was, now, displayed_change(was, now))
        for column, was, now in zip(columns, before, after, strict=True)
        if was != now
    )


def table_changes(before: dict[str, list[list[str]]], after: dict[str, list[list[str]]]) -> list[RowChange]:
    """Changed, added and removed rows of the nine tables (frozen rows by table number), table by table."""
    changes = []
    for number, spec in SPECS.items():
        columns = figure_columns(spec)
        old = {row_key(row): row for row in thaw(number, before.get(str(number), []))}
        new = {row_key(row): row for row in thaw(number, after.get(str(number), []))}
        labelled = {**old, **new}  # a row of both versions is labelled as it reads now
        for key in list(new) + [key for key in old if key not in new]:
            old_row, new_row = old.get(key), new.get(key)
            if old_row != new_row:
                status = CHANGED if old_row and new_row else ADDED if new_row else REMOVED
                changes.append(RowChange(spec.title, key, row_label(labelled[key]), status,
                                         cell_changes(columns, old_row, new_row)))
    return changes


Item = Mapping[str, Any]  # a project, indicator, purchase or asset row of a snapshot: JSON values by field


@dataclass(frozen=True)
class ItemChange:
    """An item added, removed or changed: its fields that differ (CellChange without a figure change)."""

    key: str
    label: str
    status: str  # ADDED, REMOVED or CHANGED
    fields: tuple[CellChange, ...]


@dataclass(frozen=True)
class Section:
    """One part of the document compared: known is False when the earlier snapshot did not record it."""

    title: str
    known: bool
    changes: tuple[ItemChange, ...]


PROJECT_FIELDS = {"name": "项目名称", "amount": "预算数（元）", "fiscal": "财政资金（元）", "other": "其他资金（元）",
                  "purpose": "资金用途", "goal": "绩效目标", "is_special_fund": "部门主管专项资金",
                  "spending_plan": "支出进度计划（3月、6月、10月、12月末累计%）"}
INDICATOR_FIELDS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "description": "绩效指标描述",
                    "target": "指标值", "target_basis": "指标值确定依据"}
PURCHASE_FIELDS = {"unit_name": "采购单位", "project_name": "政府采购项目来源", "item_name": "采购物品名称",
                   "catalog_code": "政府采购目录序号", "measure_unit": "计量单位", "quantity": "数量",
                   "unit_price": "单价（元）", "source": "资金来源", "carryover": "上年结转结余", "amount": "政府采购金额（元）",
                   "sme_reserved": "预留中小微企业份额（元）"}
ASSET_FIELDS = {"quantity": "数量", "value": "价值（元）"}


def shown(value: Any) -> str:
    """A snapshot's JSON value as the comparison prints it: 是/否, a list joined by 、, blank for none."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(shown(part) or "—" for part in value)
    return "" if value is None else str(value)


def keyed(items: Sequence[Item], key: Callable[[Item], str]) -> dict[str, Item]:
    """Items by key; a key repeated gets its occurrence appended (#2, #3, …) so that no item hides another."""
    seen: Counter[str] = Counter()
    result = {}
    for item in items:
        base = key(item)
        seen[base] += 1
        result[base if seen[base] == 1 else f"{base}#{seen[base]}"] = item
    return result


def item_changes(before: Sequence[Item], after: Sequence[Item], key: Callable[[Item], str],
                 label: Callable[[Item], str], fields: Mapping[str, str]) -> tuple[ItemChange, ...]:
    """Items added, removed or changed between two versions, matched by key (never by position); an added or
    removed item lists its filled fields."""
    old, new = keyed(before, key), keyed(after, key)
    changes = []
    for name in list(new) + [name for name in old if name not in new]:
        was, now = old.get(name, {}), new.get(name, {})
        cells = tuple(CellChange(title, shown(was.get(field)), shown(now.get(field)), "")
                      for field, title in fields.items() if shown(was.get(field)) != shown(now.get(field)))
        status = CHANGED if was and now else ADDED if now else REMOVED
        if cells or status != CHANGED:
            changes.append(ItemChange(name, label(now or was), status, cells))
    return tuple(changes)


def project_label(project: Item) -> str:
    return f"{project['code']} {project['name']}"


def indicators(projects: Sequence[Item]) -> list[Item]:
    """Every project's indicators, each with its project's code and label (an indicator is keyed by both)."""
    return [{**indicator, "project": project["code"], "project_label": project_label(project)}
            for project in projects for indicator in project["indicators"]]


def section(title: str, before: Mapping[str, Any], after: Mapping[str, Any], part: str,
            compare: Callable[[Any, Any], tuple[ItemChange, ...]]) -> Section:
    """One section of document_changes; unknown (no changes claimed) when the earlier snapshot lacks the part."""
    if part not in before:
        return Section(title, False, ())
    return Section(title, True, compare(before[part], after[part]))


def document_changes(before: Mapping[str, Any], after: Mapping[str, Any], text_labels: Mapping[str, str]) -> list[Section]:
    """What changed besides the nine tables, section by section: projects (by code), their indicators (by project
    code, 三级指标 and position among equal names), procurement (by unit, item and catalog code), assets (by
    category) and the explanation's texts (text_labels: field → Chinese name)."""
    def text_items(texts: Mapping[str, str]) -> list[Item]:
        return [{"field": field, "label": label, "text": texts.get(field, "")} for field, label in text_labels.items()]

    return [
        section("项目", before, after, "projects", lambda old, new: item_changes(
            old, new, lambda p: p["code"], project_label, PROJECT_FIELDS)),
        section("绩效指标", before, after, "projects", lambda old, new: item_changes(
            indicators(old), indicators(new), lambda i: f"{i['project']}|{i['name']}",
            lambda i: f"{i['project_label']}：{i['name']}", INDICATOR_FIELDS)),
        section("政府采购", before, after, "purchases", lambda old, new: item_changes(
            old, new, lambda p: f"{p['unit_code']}|{p['item_name']}|{p['catalog_code']}",
            lambda p: f"{p['unit_name']}：{p['item_name']}（{p['catalog_code']}）", PURCHASE_FIELDS)),
        section("国有资产", before, after, "assets", lambda old, new: item_changes(
            old, new, lambda a: a["category"], lambda a: a["label"], ASSET_FIELDS)),
        section("说明文字", before, after, "texts", lambda old, new: item_changes(
            text_items(old), text_items(new), lambda t: t["field"], lambda t: t["label"], {"text": "内容"})),
    ]


def unchanged(tables: Sequence[RowChange], sections: Sequence[Section]) -> bool:
    """True only when nothing at all changed: no table row, and every section recorded both times and equal."""
    return not tables and all(part.known and not part.changes for part in sections)
