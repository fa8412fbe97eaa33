"""The tables as publication freezes them, and back.

PublishedVersion.tables (and a submission's snapshot) keeps each table's rows as JSON lists of the
printed cells' display text (万元 strings as the table's form prints them, "" for a blank cell), so that
published versions render the same forever. These two functions are the only crossing between that form and Rows.
"""

from budget.builders.tables import SPECS, Row, Table, TableSpec


def freeze(table: Table) -> list[list[str]]:
    """The table's rows as frozen: each row's printed cells, figures as 万元 text (the budget's: "" when zero or blank)."""
    return [table.text_cells(row) for row in table.rows]


def thaw(table: int | TableSpec, frozen: list[list[str]]) -> list[Row[str]]:
    """The Rows of a table from its frozen rows, their figures still display text: `table` is its spec, or the
    number of one of the budget's nine (SPECS)."""
    spec = SPECS[table] if isinstance(table, int) else table
    return [spec.row(cells) for cells in frozen]
