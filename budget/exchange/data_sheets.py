"""What the entry workbook's data sheets are made of, for the budget's sheets (entry_workbook.py, imports.py) and
those another app defines (performance/workbook.py, performance/evaluation_workbook.py): closed lists by label,
amounts, and the checking of a sheet's rows as the admin checks a form, every problem kept with its sheet, row and
column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Context, Decimal
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError

from budget.exchange import spreadsheet

if TYPE_CHECKING:
    from django.db.models import Model

    from budget.exchange.spreadsheet import Sheet
    from budget.models import Project

T = TypeVar("T")
CENT = Decimal("0.01")
EXACT = Context(prec=spreadsheet.MAX_CELL_CHARS + 2)  # quantizing any amount a cell can hold never rounds nor raises
FORMULA = "公式单元格：请粘贴为数值。"


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


def read_cells(**values: object) -> dict[str, object]:
    """A row's values for its model object, the cells with a problem (read as None, the problem recorded) left
    out. The object is built all the same, so that the model's validation checks the row's other cells
    (model_errors); a field left out keeps its default (empty), which that validation reports no more than the cell
    already was, and a file with a problem is never saved. Passed as keywords, the values are typed by their readers
    (choice, read_amount): django-stubs' plugin checks a model's keywords only when named one by one."""
    return {name: value for name, value in values.items() if value is not None}


def read_amount(problems: Problems, row: int, column: str, text: str, positive: bool = True) -> Decimal | None:
    """A Decimal 元 with at most 2 decimals (positive unless told), or None with a problem recorded."""
    value = spreadsheet.decimal_or_none(text)
    if value is None:
        problems.add(row, column, f"“{text}”不是数字。" if text else "不能为空。")
    elif _decimal_places(value) > 2:
        problems.add(row, column, f"“{text}”超过2位小数。")
    elif value < 0 or (positive and value == 0):
        problems.add(row, column, f"金额必须大于零，文件中为{text}。" if positive else f"不能为负数，文件中为{text}。")
    else:
        return value.quantize(CENT, context=EXACT)  # the model's validation then refuses too many digits
    return None


def _decimal_places(value: Decimal) -> int:
    """Digits after the point as written: "1.500" has 3."""
    exponent = value.as_tuple().exponent  # a letter only for NaN and infinity, which are no cell's number
    return -exponent if isinstance(exponent, int) else 0


def refuse_formulas(problems: Problems, sheet: Sheet) -> None:
    """Record the sheet's formula cells: the reader has only the value the file stored for each, which may not be
    what the spreadsheet shows (stale, or none at all from a program that does not calculate)."""
    for row, column in sheet.formulas:
        if sheet.title(column):
            problems.add(row, sheet.title(column), FORMULA)
        else:  # a column without a title is not read, but says the file is not what it seems
            problems.errors.append(f"「{sheet.name}」第{row}行第{spreadsheet.column_letter(column)}列：{FORMULA}")
    if sheet.formula_count > len(sheet.formulas):
        problems.errors.append(f"「{sheet.name}」另有{sheet.formula_count - len(sheet.formulas)}个公式单元格：请粘贴为数值。")


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
