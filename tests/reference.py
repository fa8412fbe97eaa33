"""The reference document (tests/data/luquan-cac-2024-budget.txt, a copy of shared/reference/) read
into its nine tables: for each, the title, the three lines above it, the 栏次 row and the data rows."""

import re
from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).parent / "data" / "luquan-cac-2024-budget.txt"
TABLE_START = re.compile(r"^\s*\[bookmark: _Toc_2_2_000000000(\d)\](.+)$")


@dataclass
class ReferenceTable:
    number: int
    title: str
    meta: list
    column_numbers: list
    rows: list
    note: str


def _row_groups(lines):
    """Cells grouped into rows: a row is a run of tab-indented lines, ended by a blank line."""
    groups, current = [], []
    for line in lines:
        if line.startswith("\t"):
            current.append(line[1:].strip())
        elif not line.strip() and current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def reference_tables():
    """The nine tables of the reference, in order."""
    text = REFERENCE.read_text(encoding="utf-8").splitlines()
    starts = [(i, TABLE_START.match(line)) for i, line in enumerate(text) if TABLE_START.match(line)]
    end_of_tables = next(i for i, line in enumerate(text) if line.startswith("第一部分"))
    tables = []
    for index, (start, match) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else end_of_tables
        body = text[start + 1 : stop]
        groups = _row_groups(body)
        meta, rows = groups[0], groups[1:]
        numbers_at = next(i for i, row in enumerate(rows) if row[0] == "栏次")
        note = next((line for line in body if line.startswith("注：")), "")
        tables.append(
            ReferenceTable(
                number=int(match.group(1)),
                title=match.group(2).strip(),
                meta=meta,
                column_numbers=rows[numbers_at][1:],
                rows=rows[numbers_at + 1 :],
                note=note,
            )
        )
    return tables
