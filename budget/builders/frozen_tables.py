"""The nine tables as publication freezes them, and back.

PublishedVersion.tables (and a submission's snapshot) keeps each table's rows as JSON lists of the
printed cells' display text (万元 strings, "" for a blank cell), so that published versions render the
same forever. These two functions are the only crossing between that form and Rows.
"""

from budget.builders.money import table_cell
from budget.builders.tables import SPECS, Row, Table


def freeze(table: Table) -> list[list[str]]:
    """The table's rows as frozen: each row's printed cells, figures as 万元 text ("" when zero or blank)."""
    return [[cell if isinstance(cell, str) else table_cell(cell) for cell in table.cells(row)] for row in table.rows]


def thaw(number: int, frozen: list[list[str]]) -> list[Row[str]]:
    """The Rows of table `number` from its frozen rows; their figures stay display text."""
    return [SPECS[number].row(cells) for cells in frozen]
