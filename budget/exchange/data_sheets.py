"""What the entry workbook's data sheets are made of, for the budget's sheets (entry_workbook.py, imports.py) and
those another app defines (performance/workbook.py): closed lists by label, and the checking of a sheet's rows
as the admin checks a form, every problem kept with its sheet, row and column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django.db.models import Model

    from budget.exchange.spreadsheet import Sheet
    from budget.models import Project

T = TypeVar("T")


def labels(choices: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A closed list as a cell holds it: the choices' values by label."""
    return {label.strip(): value for value, label in choices}


def one_of(names: Iterable[str]) -> str:
    """The names as guidance lists them: "产出指标、效益指标、满意度指标"."""
    return "、".join(names)


class Problems:
    """Collects "sheet row column: message" lines, and which cells they are about."""

    def __init__(self, errors: list[str], sheet: str) -> None:
        self.errors, self.sheet = errors, sheet
        self.cells: set[tuple[int, str]] = set()

    def add(self, row: int, column: str, message: str) -> None:
        place = f"「{self.sheet}」第{row}行" + (f"「{column}」" if column else "")
        self.errors.append(f"{place}：{message}")
        self.cells.add((row, column))

    def has(self, row: int, column: str) -> bool:
        return (row, column) in self.cells


def choice(problems: Problems, row: int, column: str, text: str, choices: Mapping[str, T]) -> T | None:
    if text in choices:
        return choices[text]
    allowed = "、".join(label for label in choices if label)
    problems.add(row, column, f"“{text}”不是可选值（可选：{allowed}）。")
    return None


def duplicates(problems: Problems, sheet: Sheet, key_columns: Sequence[str]) -> None:
    """Record rows whose key repeats an earlier row's."""
    seen: dict[tuple[str, ...], int] = {}
    for number, record in sheet.rows:
        key = tuple(record.get(column, "") for column in key_columns)
        if key in seen:
            problems.add(number, "", f"与第{seen[key]}行重复。")
        else:
            seen[key] = number


def project_in_file(problems: Problems, number: int, code: str, projects: Mapping[str, Project]) -> Project | None:
    """The project of that code in the file, or None with a problem recorded."""
    if code and code not in projects:
        problems.add(number, "项目编码", f"项目“{code}”不在「项目」表中。")
    return projects.get(code)


def model_errors(
    problems: Problems, number: int, instance: Model, columns: Mapping[str, str], exclude: Sequence[str]
) -> None:
    """The model's own validation (as in the admin), each message placed on its column; a cell already
    reported wrong (an unknown choice is None here, which the model would call empty) is not reported again."""
    try:
        instance.clean_fields(exclude=exclude)
        instance.clean()
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = columns.get(field_name, "")
            if not problems.has(number, column):
                problems.add(number, column, messages[0])
