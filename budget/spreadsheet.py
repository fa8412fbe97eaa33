"""Reading uploaded spreadsheets (XLSX workbooks and CSV files) into rows of text, with their row numbers.

Shared by every import: refuse what is not a workbook or CSV, too large a file, a missing column; skip
blank rows; keep each row's number in the file so that messages can point to it.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError

MAX_FILE_BYTES = 10 * 1024 * 1024
FLOAT_NOISE = Decimal("0.000001")  # Excel stores numbers as binary floats: 0.1 + 0.2 is 0.30000000000000004


@dataclass
class Sheet:
    name: str
    header: list
    rows: list  # (row number in the file, {column: text})


def _text(cell):
    """A cell as text: numbers without float noise, None as ""."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        cell = Decimal(repr(cell))
        rounded = cell.quantize(Decimal("0.01"))
        if abs(cell - rounded) < FLOAT_NOISE:
            cell = rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded
    if hasattr(cell, "strftime"):
        return cell.strftime("%Y-%m-%d")
    return str(cell).strip()


def _decode(content):
    """CSV text from UTF-8 (with or without BOM) or GBK, which Excel in Chinese writes."""
    for encoding in ("utf-8-sig", "gbk"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。")


def _sheet(name, table):
    """A Sheet from a list of rows, the first being the header; blank rows are dropped."""
    if not table:
        return Sheet(name, [], [])
    header = [_text(cell) for cell in table[0]]
    rows = []
    for number, values in enumerate(table[1:], start=2):
        record = dict(zip(header, map(_text, values)))
        if any(record.values()):  # Excel leaves blank and ",,," rows behind; they are not errors
            rows.append((number, record))
    return Sheet(name, header, rows)


def read(filename, content, csv_sheet_name="Sheet1"):
    """The file's sheets by name (a CSV file is one sheet named csv_sheet_name)."""
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError(f"文件过大（超过{MAX_FILE_BYTES // 1024 // 1024}MB），请拆分后再导入。")
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return {csv_sheet_name: _sheet(csv_sheet_name, list(csv.reader(io.StringIO(_decode(content)))))}
    if suffix != ".xlsx":
        raise ValidationError(f"不支持的文件类型“{suffix or filename}”，请上传 XLSX 工作簿或 CSV 文件。")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or fake file
        raise ValidationError(f"无法读取 XLSX 文件（文件已损坏或不是 Excel 工作簿）：{error}") from error
    return {sheet.title: _sheet(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in workbook.worksheets}


def require_columns(sheet, columns, where=None):
    """A ValidationError naming the missing columns of a sheet."""
    missing = [column for column in columns if column not in sheet.header]
    if missing:
        place = where or f"“{sheet.name}”"
        raise ValidationError(f"{place}缺少列：{'、'.join(missing)}（应有列：{'、'.join(columns)}；列名须与模板一致）。")


def decimal_or_none(text):
    """The text as a Decimal, or None when it is not a number."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
