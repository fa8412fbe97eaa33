"""Differences between two snapshots of a budget (document.snapshot): for the reviewer's comparison
with the last submission and with last year. Rows are matched by subject code, never by position; within
a row, only the cells that differ are listed, each under its column's header."""

from dataclasses import dataclass
from decimal import Decimal

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
        for column, was, now in zip(columns, before, after)
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


def text_changes(before: dict[str, str], after: dict[str, str], labels: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, before, after) for each text field that differs; labels map field → Chinese name."""
    return [
        (labels[field], before.get(field, ""), after.get(field, ""))
        for field in labels
        if before.get(field, "") != after.get(field, "")
    ]
