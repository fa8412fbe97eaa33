"""Differences between two snapshots of a budget (document.snapshot): for the reviewer's comparison
with the last submission and with last year. Rows are matched by subject code, never by position."""

from dataclasses import dataclass

from budget.builders.frozen_tables import thaw
from budget.builders.tables import SPECS, Row


@dataclass(frozen=True)
class RowChange:
    table: str
    key: str
    label: str
    before: list[str]  # the row's figures (万元 strings), or [] when the row is new
    after: list[str]  # or [] when the row is gone


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


def table_changes(before: dict[str, list[list[str]]], after: dict[str, list[list[str]]]) -> list[RowChange]:
    """Changed, added and removed rows of the nine tables (frozen rows by table number), table by table."""
    changes = []
    for number, spec in SPECS.items():
        old = {row_key(row): row for row in thaw(number, before.get(str(number), []))}
        new = {row_key(row): row for row in thaw(number, after.get(str(number), []))}
        labelled = {**old, **new}  # a row of both versions is labelled as it reads now
        for key in list(new) + [key for key in old if key not in new]:
            old_row, new_row = old.get(key), new.get(key)
            if old_row != new_row:
                changes.append(RowChange(
                    spec.title, key, row_label(labelled[key]),
                    row_figures(old_row) if old_row else [], row_figures(new_row) if new_row else [],
                ))
    return changes


def text_changes(before: dict[str, str], after: dict[str, str], labels: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, before, after) for each text field that differs; labels map field → Chinese name."""
    return [
        (labels[field], before.get(field, ""), after.get(field, ""))
        for field in labels
        if before.get(field, "") != after.get(field, "")
    ]
