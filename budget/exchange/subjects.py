"""Loading a year's classification list (功能分类 / 经济分类) from CSV or XLSX.

Columns: code, name, level, parent_code (the starter lists in budget/data/ have this layout).
A load adds new codes and renames existing ones; it never deletes a code, so lines that use a
code keep it. The whole file is checked first: one bad row and nothing is written.
"""

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction

from budget.builders import codes, tables
from budget.exchange import spreadsheet
from budget.models import EconomicSubject, Subject

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STARTER_FILES = {"function": DATA_DIR / "function_subjects.csv", "economic": DATA_DIR / "economic_subjects.csv"}
COLUMNS = ["code", "name", "level", "parent_code"]
CODE_LENGTHS = {"function": codes.FUNCTION_LENGTHS, "economic": codes.ECONOMIC_LENGTHS}
PERSONNEL_CLASSES = {"301", "303"}  # the default; the bureau may change it per year in the admin
NAME_MAX_LENGTH = 100  # Subject.name's max_length


class SubjectRow(TypedDict):
    """A row of a classification list: its four columns, and "line", the row's number in the file."""

    line: int
    code: str
    name: str
    level: str
    parent_code: str


def read_rows(filename: str, content: bytes) -> list[SubjectRow]:
    """The first sheet's non-blank rows (COLUMNS, "" where blank)."""
    sheet = next(iter(spreadsheet.read(filename, content).values()))
    if not sheet.header:
        raise ValidationError("文件是空的。")
    spreadsheet.require_columns(sheet, COLUMNS, where="科目表")
    return [
        SubjectRow(line=number, code=record["code"], name=record["name"], level=record["level"],
                   parent_code=record["parent_code"])
        for number, record in sheet.rows
    ]


def check_rows(kind: str, rows: Sequence[SubjectRow], existing_codes: Collection[str]) -> list[str]:
    """Every problem of the rows, each naming its row in the file."""
    lengths = CODE_LENGTHS[kind]
    errors: list[str] = []
    seen: set[str] = set()
    known_codes = {row["code"] for row in rows} | set(existing_codes)
    for row in rows:
        code, name, level, parent = row["code"], row["name"], row["level"], row["parent_code"]
        where = f"第{row['line']}行"
        if not code.isdigit() or len(code) not in lengths:
            errors.append(f"{where}：科目编码“{code}”应为{'/'.join(map(str, lengths))}位数字。")
            continue
        if code in seen:
            errors.append(f"{where}：科目编码{code}重复。")
        seen.add(code)
        if not name:
            errors.append(f"{where}：科目{code}缺少名称。")
        elif len(name) > NAME_MAX_LENGTH:
            errors.append(f"{where}：科目{code}的名称超过{NAME_MAX_LENGTH}个字。")
        if level != str(lengths.index(len(code)) + 1):
            errors.append(f"{where}：科目{code}的级次应为{lengths.index(len(code)) + 1}，文件中为“{level}”。")
        expected_parent = code[: lengths[lengths.index(len(code)) - 1]] if len(code) > codes.CLASS_LENGTH else ""
        if parent != expected_parent:
            errors.append(f"{where}：科目{code}的上级编码应为“{expected_parent}”，文件中为“{parent}”。")
        elif expected_parent and expected_parent not in known_codes:
            errors.append(f"{where}：科目{code}的上级科目{expected_parent}不在文件中，也不在该年度的科目表中。")
    return errors


def load(model: type[Subject], kind: str, year: int, rows: Sequence[SubjectRow]) -> tuple[int, int]:
    """Add and rename the year's subjects from checked rows (model: either list, FunctionSubject or EconomicSubject);
    returns (added, renamed)."""
    # The default manager: Subject, abstract, has no `objects` of its own to a checker.
    existing = {subject.code: subject for subject in model._default_manager.filter(year=year)}
    errors = check_rows(kind, rows, existing)
    if errors:
        raise ValidationError(errors)
    added = renamed = 0
    with transaction.atomic():
        for row in sorted(rows, key=lambda row: (len(row["code"]), row["code"])):
            subject = existing.get(row["code"])
            if subject is None:
                subject = model(year=year, code=row["code"], name=row["name"])
                subject.parent = existing.get(row["parent_code"])
                if isinstance(subject, EconomicSubject) and len(row["code"]) == codes.CLASS_LENGTH:  # kind economic
                    subject.cost_category = (
                        tables.PERSONNEL if row["code"] in PERSONNEL_CLASSES else tables.PUBLIC_EXPENSE
                    )
                subject.save()
                existing[subject.code] = subject
                added += 1
            elif subject.name != row["name"]:
                subject.name = row["name"]
                subject.save(update_fields=["name"])
                renamed += 1
    return added, renamed


def load_starter(model: type[Subject], kind: str, year: int) -> tuple[int, int]:
    """Load the starter list shipped with the project for a year."""
    path = STARTER_FILES[kind]
    return load(model, kind, year, read_rows(path.name, path.read_bytes()))
