"""Differences between two snapshots of a budget (document.snapshot): for the reviewer's comparison
with the last submission and with last year. Rows are matched by subject code, never by position."""

from dataclasses import dataclass

TABLE_TITLES = {
    "1": "部门预算收支总表", "2": "部门预算收入总表", "3": "部门预算支出总表", "4": "部门预算财政拨款收支总表",
    "5": "一般公共预算财政拨款支出表", "6": "一般公共预算财政拨款基本支出表", "7": "政府性基金预算财政拨款支出表",
    "8": "国有资本经营预算财政拨款支出表", "9": "财政拨款“三公”经费支出表",
}


@dataclass(frozen=True)
class RowChange:
    table: str
    key: str
    label: str
    before: list  # the row's figures (万元 strings), or [] when the row is new
    after: list   # or [] when the row is gone


TWO_SIDED = {"1", "4"}  # income and expenditure labels side by side
BY_SUBJECT = {"2", "3", "5", "6", "7", "8"}  # 序号, code, name, figures


def row_key(table_number, row):
    """What identifies a row across versions: its subject code, or its label(s) where it has no code."""
    if table_number in TWO_SIDED:
        return f"{row[1]}|{row[3]}"
    if table_number in BY_SUBJECT:
        return row[1] or row[2]
    return row[1]


def row_label(table_number, row):
    if table_number in TWO_SIDED:
        return " / ".join(part for part in (row[1], row[3]) if part)
    if table_number in BY_SUBJECT:
        return " ".join(part for part in row[1:3] if part)
    return row[1]


def row_figures(table_number, row):
    """The row's figures, without its labels."""
    if table_number in TWO_SIDED:
        return [row[2], *row[4:]]
    return row[3:] if table_number in BY_SUBJECT else row[2:]


def table_changes(before, after):
    """Changed, added and removed rows of the nine tables, table by table."""
    changes = []
    for number, title in TABLE_TITLES.items():
        old = {row_key(number, row): row for row in before.get(number, [])}
        new = {row_key(number, row): row for row in after.get(number, [])}
        for key in list(new) + [key for key in old if key not in new]:
            old_row, new_row = old.get(key), new.get(key)
            if old_row is not None and new_row is not None and old_row[1:] == new_row[1:]:
                continue
            row = new_row or old_row
            changes.append(RowChange(
                title, key, row_label(number, row),
                row_figures(number, old_row) if old_row else [], row_figures(number, new_row) if new_row else [],
            ))
    return changes


def text_changes(before, after, labels):
    """(label, before, after) for each text field that differs; labels map field → Chinese name."""
    return [
        (labels[field], before.get(field, ""), after.get(field, ""))
        for field in labels
        if before.get(field, "") != after.get(field, "")
    ]
