"""Importing departments and their units from a CSV or XLSX list, all or nothing.

The file is read by budget.exchange.spreadsheet (bounded whatever it holds); every row is checked, codes against the
code pattern and every field against the model, before anything is written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from budget.exchange import spreadsheet
from departments.models import Department

COLUMNS = ["部门编码", "部门名称", "上级部门编码", "单位性质", "单位规格", "经费保障形式"]
SHORT_NAME = "简称"  # optional column: without it, a department keeps the short name it has
NATURES = set(Department.Nature.values)
FUNDING_FORMS = set(Department.FundingForm.values)
CHECKED_FIELDS = {"code": "部门编码", "name": "部门名称", "short_name": SHORT_NAME, "rank": "单位规格"}  # nature and funding form: below


def _field_errors(record: spreadsheet.Record) -> list[str]:
    """The model's validation of the row's code (its pattern), name and 单位规格 (their lengths)."""
    department = Department(code=record["部门编码"], name=record["部门名称"], short_name=record[SHORT_NAME],
                            rank=record["单位规格"])
    try:
        department.clean_fields(exclude=[field.name for field in Department._meta.fields if field.name not in CHECKED_FIELDS])
    except ValidationError as error:
        return [f"「{CHECKED_FIELDS[field]}」：{messages[0]}" for field, messages in error.message_dict.items()]
    return []


def import_departments(filename: str, content: bytes) -> tuple[int, int]:
    """Add or update the departments of the file; returns (added, updated). Raises ValidationError, writing nothing."""
    sheet = next(iter(spreadsheet.read(filename, content, csv_sheet_name="部门").values()))
    spreadsheet.require_columns(sheet, COLUMNS)
    errors: list[str] = []
    seen: dict[str, int] = {}  # code → its first row
    has_short_names = SHORT_NAME in sheet.header
    codes = {record["部门编码"] for _, record in sheet.rows} | set(Department.objects.values_list("code", flat=True))
    for number, record in sheet.rows:
        where = f"第{number}行"
        code, parent = record["部门编码"], record["上级部门编码"]
        if not code or not record["部门名称"]:
            errors.append(f"{where}：部门编码和部门名称不能为空。")
        else:
            errors += [f"{where}{message}" for message in _field_errors(record)]
        if code in seen:
            errors.append(f"{where}：部门编码{code}与第{seen[code]}行重复。")
        seen.setdefault(code, number)
        if parent and (parent not in codes or parent == code):
            errors.append(f"{where}：上级部门编码“{parent}”不存在。")
        if record["单位性质"] and record["单位性质"] not in NATURES:
            errors.append(f"{where}：单位性质“{record['单位性质']}”不是可选值（{'、'.join(NATURES)}）。")
        if record["经费保障形式"] and record["经费保障形式"] not in FUNDING_FORMS:
            errors.append(f"{where}：经费保障形式“{record['经费保障形式']}”不是可选值（{'、'.join(FUNDING_FORMS)}）。")
    if errors:
        raise ValidationError(errors)
    added = updated = 0
    with transaction.atomic():
        by_code = Department.objects.in_bulk(field_name="code")
        # Parents first, so that each unit can point to its department.
        for _, record in sorted(sheet.rows, key=lambda row: bool(row[1]["上级部门编码"])):
            fields: dict[str, object] = {
                "name": record["部门名称"], "nature": record["单位性质"], "rank": record["单位规格"],
                "funding_form": record["经费保障形式"],
                "parent": by_code[record["上级部门编码"]] if record["上级部门编码"] else None,
            }
            if has_short_names:
                fields["short_name"] = record[SHORT_NAME]
            department, created = Department.objects.update_or_create(code=record["部门编码"], defaults=fields)
            by_code[department.code] = department
            added, updated = added + created, updated + (not created)
    return added, updated
