"""Data out: the nine tables as an Excel workbook, CSV and JSON; a published budget as one JSON, its line
items as a Fiscal Data Package, and a year's bundle as a zip.

Every table export is built from a table's layout (number, title, header, empty note: a `tables.TableSpec`)
and its rows of display values (万元 strings as the page shows them, "" for a blank cell). A live budget
(admin) and a published version (public, from what was frozen) go through the same functions, so their
files cannot differ in form. Text that a spreadsheet would run as a formula is neutralised here, once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from budget.builders import tables
from budget.builders.frozen_tables import freeze
from budget.models import ExpenditureKind, FundingSource

if TYPE_CHECKING:
    from _typeshed import SizedBuffer
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from budget.models import PublishedVersion
    from departments.models import Department

Value = str | Decimal | None  # an exported cell: a label, or 万元 (None when blank)
CsvValue = str | Decimal | int | bool | None  # lines.csv adds the year and the carryover flag
FrozenRows = list[list[str]]  # a table's display rows as frozen (万元 strings, "" when blank)

UNIT = "万元"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula
CREATOR = "部门预算公开平台"  # the author a generated workbook names (openpyxl's default is "openpyxl")


# Layout


@dataclass(frozen=True)
class Column:
    name: str  # the headings above the column, top-down, e.g. "本年收入/财政拨款收入"
    is_figure: bool


def compact(label: str) -> str:
    """A heading without the spaces the printed layout puts in it: "项  目" → "项目"."""
    return re.sub(r"\s+", "", label)


def placed_header(header: list[list[tables.HeaderCell]]) -> list[tuple[int, int, tables.HeaderCell]]:
    """Each header cell with its (row, column), spanning cells placed as an HTML table places them."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, tables.HeaderCell]] = []
    for row, cells in enumerate(header):
        column = 0
        for cell in cells:
            while (row, column) in taken:
                column += 1
            placed.append((row, column, cell))
            taken.update((r, c) for r in range(row, row + cell.rowspan) for c in range(column, column + cell.colspan))
            column += cell.colspan
    return placed


def columns(layout: tables.TableSpec) -> list[Column]:
    """The table's columns: flattened names and whether each holds figures."""
    placed = placed_header(layout.header)
    result: list[Column] = []
    for column, kind in enumerate(layout.column_kinds):
        headings = [compact(cell.label) for _, start, cell in placed if start <= column < start + cell.colspan]
        result.append(Column("/".join(headings), kind == "amount"))
    return result


def figure_value(text: str) -> Decimal | None:
    """A frozen figure's 万元 value: None when blank; a form's thousands separators ("2,940.05") dropped."""
    return Decimal(text.replace(",", "")) if text else None


def typed_rows(layout: tables.TableSpec, rows: FrozenRows) -> list[list[Value]]:
    """Display rows as export values: figures as Decimal 万元 (None when blank), labels as text."""
    kinds = [column.is_figure for column in columns(layout)]
    return [[figure_value(text) if is_figure else text for text, is_figure in zip(row, kinds, strict=True)]
            for row in rows]


# Formula injection


def csv_text(text: str) -> str:
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def put_text(cell: Cell, text: str) -> None:
    """Write text to a workbook cell as a string, never a formula (openpyxl reads "=…" as one)."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


# Workbook

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEEEEE")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
FIGURE_ALIGNMENT = Alignment(horizontal="right", vertical="center")
LABEL_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
HEADER_TOP = 3  # the header's first row, under the title and the department line
LANDSCAPE_FROM = 7  # columns, 序号 included


def display_width(text: str) -> int:
    """Width in Excel's character units: a Chinese character takes two."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def nine_tables_workbook(built_tables: list[tables.Table], department: Department, year: int) -> bytes:
    """The .xlsx of a live budget's nine tables (document.build(budget).tables or budget.build_tables())."""
    return workbook(built_tables, {str(t.number): freeze(t) for t in built_tables},
                    f"{department.code}{department.name}", year, timezone.now())


def version_workbook(version: PublishedVersion) -> bytes:
    """The .xlsx of a published version, from its frozen display rows; the same bytes at every download."""
    budget = version.budget
    return workbook(tables.SPECS.values(), version.tables, f"{budget.department.code}{version.department_name}", budget.year,
                    version.published_at)


def workbook(
    table_layouts: Iterable[tables.TableSpec], rows: dict[str, FrozenRows], department_line: str, year: int,
    made_at: dt.datetime, year_label: str = "预算年度",
) -> bytes:
    """One sheet per table, laid out as the document prints it; rows are display rows by table number;
    department_line is the department's code and name, as the tables print them; made_at (an aware
    datetime) is the file's creation and modification time; year_label names the year (a final accounts' 决算年度)."""
    book = Workbook()
    book.remove(book.active)
    for layout in table_layouts:
        sheet = book.create_sheet(f"{layout.number} {layout.title}"[:31])
        write_sheet(sheet, layout, typed_rows(layout, rows[str(layout.number)]), department_line, f"{year_label}：{year}")
    return xlsx_bytes(book, made_at)


def xlsx_bytes(book: Workbook, made_at: dt.datetime) -> bytes:
    """The workbook as .xlsx bytes that depend on its content and made_at only, not on when it is saved."""
    # openpyxl's own save stamps the file and each of its parts with the current time.
    book.properties.creator = CREATOR
    book.properties.created = book.properties.modified = made_at.astimezone(dt.UTC).replace(tzinfo=None)
    out = io.BytesIO()
    ExcelWriter(book, FixedTimeZip(out, made_at)).save()
    return out.getvalue()


class FixedTimeZip(zipfile.ZipFile):
    """A new zip whose every entry carries the same time: the same content gives the same bytes."""

    def __init__(self, file: IO[bytes], made_at: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        year, month, day, hour, minute, second = timezone.localtime(made_at).timetuple()[:6]
        self.entry_time = (year, month, day, hour, minute, second)

    def writestr(
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: SizedBuffer | str, *args: Any, **kwargs: Any
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, self.entry_time)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    # openpyxl always names the entry: arcname has no default here, unlike ZipFile.write's.
    def write(self, filename: str, arcname: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """A file's content as an entry, with the zip's time instead of the file's (openpyxl writes sheets so)."""
        with open(filename, "rb") as source:
            self.writestr(arcname, source.read(), *args, **kwargs)


def write_sheet(
    sheet: Worksheet, layout: tables.TableSpec, rows: list[list[Value]], department_line: str, year_line: str
) -> None:
    """Title, department/year/unit line, merged header, 栏次 row (where the table numbers its columns), then the rows
    (or a blank row and the note)."""
    cols = columns(layout)
    numbers_row = _write_head(sheet, layout, len(cols), department_line, year_line)
    _write_body(sheet, layout, cols, rows, numbers_row + 1)
    for column, col in enumerate(cols, start=1):
        texts = [col.name.split("/")[-1], *(_as_text(row[column - 1]) for row in rows)]
        widest = max(map(display_width, texts)) + 2
        sheet.column_dimensions[get_column_letter(column)].width = min(max(widest, 12 if col.is_figure else 6), 48)
    sheet.freeze_panes = sheet.cell(numbers_row + 1, 1)
    sheet.print_title_rows = f"{HEADER_TOP}:{numbers_row}"
    sheet.page_setup.orientation = "landscape" if len(cols) >= LANDSCAPE_FROM else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


def _merge(sheet: Worksheet, row: int, column: int, rowspan: int = 1, colspan: int = 1) -> None:
    """Merge the cells a header cell spans (nothing for a single cell)."""
    if rowspan > 1 or colspan > 1:
        sheet.merge_cells(start_row=row, start_column=column, end_row=row + rowspan - 1, end_column=column + colspan - 1)


def _write_head(sheet: Worksheet, layout: tables.TableSpec, width: int, department_line: str, year_line: str) -> int:
    """The lines above the rows; returns the last one's number (the 栏次 row's, where there is one)."""
    put_text(sheet.cell(1, 1), layout.title)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = CENTRED
    _merge(sheet, 1, 1, colspan=width)
    put_text(sheet.cell(2, 1), department_line)
    _merge(sheet, 2, 1, colspan=width - 2)
    put_text(sheet.cell(2, width - 1), year_line)
    put_text(sheet.cell(2, width), f"单位：{UNIT}")
    sheet.cell(2, width).alignment = Alignment(horizontal="right")
    for row, column, head in placed_header(layout.header):
        put_text(sheet.cell(HEADER_TOP + row, column + 1), " ".join(head.label.split()))
        _merge(sheet, HEADER_TOP + row, column + 1, head.rowspan, head.colspan)
    numbers_row = HEADER_TOP + len(layout.header) - (0 if layout.numbered else 1)
    if layout.numbered:
        put_text(sheet.cell(numbers_row, 1), "栏次")
        for column, number in enumerate(layout.column_numbers, start=2):
            sheet.cell(numbers_row, column, number)
    for row in range(HEADER_TOP, numbers_row + 1):
        for column in range(1, width + 1):
            cell = sheet.cell(row, column)
            cell.font = Font(bold=row < numbers_row or not layout.numbered)
            cell.alignment, cell.border, cell.fill = CENTRED, BORDER, HEAD_FILL
    return numbers_row


def _write_body(
    sheet: Worksheet, layout: tables.TableSpec, cols: list[Column], rows: list[list[Value]], first_row: int
) -> None:
    """The rows: figures as numbers shown "0.00" (no value when blank), labels as text."""
    blank: list[list[Value]] = [[None] * len(cols)]  # an empty table shows one blank row
    for row_number, row in enumerate(rows or blank, start=first_row):
        for column, (value, col) in enumerate(zip(row, cols, strict=True), start=1):
            cell = sheet.cell(row_number, column)
            cell.border = BORDER
            if col.is_figure:
                cell.value = value
                cell.number_format = "0.00"
                cell.alignment = FIGURE_ALIGNMENT
            elif value:
                put_text(cell, str(value))  # a label column's text
                cell.alignment = LABEL_ALIGNMENT
    if not rows:
        put_text(sheet.cell(first_row + 1, 1), layout.empty_note)
        _merge(sheet, first_row + 1, 1, colspan=len(cols))


def _as_text(value: Value) -> str:
    """A cell's value as the page shows it, for measuring column widths."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value or ""


# CSV and JSON


def csv_bytes(header: Iterable[str], rows: Iterable[Sequence[CsvValue]]) -> bytes:
    """CSV in UTF-8 with a BOM (so that Excel reads the Chinese right); text cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_text(name) for name in header])
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode()


def csv_value(value: CsvValue) -> str:
    """A value as a CSV field: figures as they are, booleans as true/false, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def table_csv(layout: tables.TableSpec, rows: FrozenRows) -> bytes:
    """One table as CSV: the flattened column names, then its rows (none when the table is empty)."""
    return csv_bytes([column.name for column in columns(layout)], typed_rows(layout, rows))


def table_json(layout: tables.TableSpec, rows: FrozenRows, **context: object) -> dict[str, object]:
    """One table as JSON-ready data: figures as 万元 strings, null when blank; context (department, year) after the title."""
    cols = columns(layout)
    return {
        "table": layout.number,
        "title": layout.title,
        **context,
        "unit": UNIT,
        "columns": [column.name for column in cols],
        "rows": [[(text.replace(",", "") or None) if column.is_figure else text
                  for text, column in zip(row, cols, strict=True)]
                 for row in rows],
        "note": "" if rows else layout.empty_note,
    }


def department_json(version: PublishedVersion) -> dict[str, str]:
    """The department as the version was published: its code, and its name at publication."""
    return {"code": version.budget.department.code, "name": version.department_name}


def version_table_json(version: PublishedVersion, number: int) -> dict[str, object]:
    """Table `number` of a published version, with its department and year."""
    budget = version.budget
    return table_json(tables.SPECS[number], version.tables[str(number)], department=department_json(version),
                      year=budget.year)


def budget_json(version: PublishedVersion) -> dict[str, object]:
    """The whole published version as JSON-ready data (schema in docs/open-data.md)."""
    budget, frozen = version.budget, version.data or {}
    return {
        "department": department_json(version),
        "year": budget.year,
        "title": version.title,
        "version": version.number,
        "published_at": version.published_at.isoformat(),
        "correction_reason": version.reason,
        "figures": version.figures,
        "tables": [table_json(layout, version.tables[str(layout.number)]) for layout in tables.SPECS.values()],
        **{key: frozen.get(key) for key in ("statements", "texts", "projects", "lines")},
    }


def json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


# Fiscal Data Package of the line items

LINE_FIELDS = [
    # name, Table Schema type, title
    ("fiscal_year", "year", "预算年度"),
    ("function_code", "string", "功能分类科目编码"),
    ("function_name", "string", "功能分类科目名称"),
    ("economic_code", "string", "经济分类科目编码"),
    ("economic_name", "string", "经济分类科目名称"),
    ("kind", "string", "支出类型"),
    ("kind_name", "string", "支出类型名称"),
    ("source", "string", "资金来源"),
    ("source_name", "string", "资金来源名称"),
    ("carryover", "boolean", "上年结转"),
    ("project_code", "string", "项目编码"),
    ("amount", "number", "金额（元）"),
]


def line_rows(version: PublishedVersion) -> list[list[CsvValue]]:
    """The version's frozen line items as lines.csv rows (amounts in 元, Decimal)."""
    if version.data is None:  # published before open data froze the lines: the portal answers 404 before asking
        raise ValueError(f"Version {version.pk} froze no line items.")
    year = version.budget.year
    return [
        [year, line["function_code"], line["function_name"], line["economic_code"], line["economic_name"],
         line["kind"], ExpenditureKind(line["kind"]).label, line["source"], FundingSource(line["source"]).label,
         line["carryover"], line["project_code"], Decimal(line["amount"])]
        for line in version.data["lines"]
    ]


def lines_csv(version: PublishedVersion) -> bytes:
    """lines.csv of a published version: one row per line item as frozen at publication."""
    return csv_bytes([name for name, _, _ in LINE_FIELDS], line_rows(version))


def _field(name: str, kind: str, title: str) -> dict[str, object]:
    """A Table Schema field of lines.csv."""
    field: dict[str, object] = {"name": name, "type": kind, "title": title}
    if kind == "number":
        field.update(decimalChar=".", bareNumber=True)
    if kind == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    return field


def _classification(kind: str, code_field: str, name_field: str) -> dict[str, object]:
    """A Fiscal Data Package classification dimension: a code and its label."""
    return {
        "dimensionType": "classification",
        "classificationType": kind,
        "attributes": {"code": {"source": code_field}, "label": {"source": name_field, "labelfor": "code"}},
        "primaryKey": "code",
    }


def datapackage(version: PublishedVersion) -> dict[str, object]:
    """datapackage.json (Frictionless Tabular Data Package with the Fiscal Data Package model) for lines.csv."""
    budget = version.budget
    return {
        "profile": "tabular-data-package",
        "profiles": {"fiscal": "*", "tabular": "*"},
        "name": f"budget-{budget.year}-{budget.department.code}",
        "title": version.title,
        "description": f"{version.title}（第{version.number}版，{version.published_at:%Y-%m-%d}公开）的预算明细，金额单位：元。",
        "countryCode": "CN",
        "granularity": "aggregated",
        "fiscalPeriod": {"start": f"{budget.year}-01-01", "end": f"{budget.year}-12-31"},
        "resources": [{
            "name": "lines",
            "path": "lines.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [_field(*field) for field in LINE_FIELDS]},
        }],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "CNY", "factor": 1,
                                    "direction": "expenditure", "phase": "approved"}},
            "dimensions": {
                "date": {"dimensionType": "datetime", "attributes": {"fiscalYear": {"source": "fiscal_year"}},
                         "primaryKey": "fiscalYear"},
                "administrative-classification": {
                    "dimensionType": "classification", "classificationType": "administrative",
                    "attributes": {"code": {"constant": budget.department.code},
                                   "label": {"constant": version.department_name, "labelfor": "code"}},
                    "primaryKey": "code",
                },
                "functional-classification": _classification("functional", "function_code", "function_name"),
                "economic-classification": _classification("economic", "economic_code", "economic_name"),
                "expenditure-kind": {"dimensionType": "other", "primaryKey": "code", "attributes": {
                    "code": {"source": "kind"}, "label": {"source": "kind_name", "labelfor": "code"}}},
                "funding-source": {"dimensionType": "other", "primaryKey": ["code", "carryover"], "attributes": {
                    "code": {"source": "source"}, "label": {"source": "source_name", "labelfor": "code"},
                    "carryover": {"source": "carryover"}}},
                "project": {"dimensionType": "activity", "primaryKey": "code",
                            "attributes": {"code": {"source": "project_code"}}},
            },
        },
    }


# A year's bundle


def year_bundle(versions: Sequence[PublishedVersion], published_at: dt.datetime,
                others: Mapping[str, bytes] | None = None) -> bytes:
    """A zip of published versions: <department code>/budget.json and <code>/tables/<n>.csv for each, and the other
    documents' files of the year by name (final accounts); dated published_at, the latest publication among them (so
    the same versions give the same bytes)."""
    out = io.BytesIO()
    with FixedTimeZip(out, published_at) as bundle:
        for name, content in sorted((others or {}).items()):
            bundle.writestr(name, content)
        for version in versions:
            code = version.budget.department.code
            bundle.writestr(f"{code}/budget.json", json_bytes(budget_json(version)))
            for layout in tables.SPECS.values():
                bundle.writestr(f"{code}/tables/{layout.number}.csv", table_csv(layout, version.tables[str(layout.number)]))
    return out.getvalue()
