"""Builders of hostile import files, written as raw XML and bytes so that they can hold what Excel never
writes (a lying <dimension>, a DTD, NaN in a number cell). Shared by the tests and
scripts/bench_hostile_imports.py; the large ones are built once per process.

GOOD_ROWS is an entry workbook's data that imports cleanly into a budget of 2024 (department 301's test
budget from tests/conftest.py, or any department: unit codes are empty).
"""

import functools
import io
import zipfile
from xml.sax.saxutils import escape

from budget.exchange import imports

LINE = ["", "2013301", "30101", "基本支出", "一般公共预算拨款", "否", "", "100000.00"]
PROJECT_LINE = ["", "2013301", "30227", "项目支出", "一般公共预算拨款", "否", "P001", "50000.00"]
PROJECT = ["P001", "测试项目", "测试用途", "完成测试。", "否", "25", "50", "75", "100"]
PURCHASE = ["", "P001", "台式电脑", "A02010104", "台", "2", "5000.00", "一般公共预算拨款", "否", "10000.00", "0.00"]
GOOD_ROWS = {
    imports.LINES: [LINE, PROJECT_LINE],
    imports.PROJECTS: [PROJECT],
    imports.INDICATORS: [["P001", "产出指标", "数量指标", "测试次数", "", "≥5次", "工作计划"],
                         ["P001", "效益指标", "社会效益指标", "群众满意", "", "群众满意", "工作计划"],
                         ["P001", "满意度指标", "服务对象满意度指标", "满意度", "", "≥90%", "工作计划"]],
    imports.PROCUREMENT: [PURCHASE],
    imports.ASSETS: [["车辆（台、辆）", "1", "200000.00"]],
}
XLSX_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
                  + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)) + "]>")


class Number(str):
    """A cell written as a number cell, <c><v>…</v></c>, whatever its text: "NaN", "1e400", "12abc"."""


def cell(value):
    if isinstance(value, Number):
        return f"<c><v>{escape(value)}</v></c>"
    return f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def row_xml(number, values):
    return f'<row r="{number}">{"".join(map(cell, values))}</row>'


def sheet_xml(rows, dimension="", doctype="", after_rows=()):
    """A worksheet of the rows (the first being the header; numbered 1, 2, … as Excel does), then the XML
    texts of after_rows, as chunks of bytes: a bomb is written to the zip without being held in memory."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    yield f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="{XLSX_MAIN}">{declared}<sheetData>'.encode()
    for start in range(0, len(rows), 10_000):
        yield "".join(row_xml(number, row) for number, row in enumerate(rows[start:start + 10_000], start=start + 1)).encode()
    for text in after_rows:
        yield text.encode()
    yield b"</sheetData></worksheet>"


def xlsx(sheets):
    """A workbook of {name: worksheet XML as chunks of bytes}, deflated, with the parts a reader needs."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
                         f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        entries = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(sheets, 1))
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{XLSX_MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>{entries}'
                         f"</sheets></workbook>")
        links = "".join(f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                        for n in range(1, len(sheets) + 1))
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{links}</Relationships>')
        for n, chunks in enumerate(sheets.values(), start=1):
            with archive.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk)
    return output.getvalue()


def entry_xlsx(changes=None, **sheet_options):
    """The entry workbook of GOOD_ROWS with some sheets' data rows replaced ({sheet name: rows}); the options
    (dimension, doctype, after_rows) apply to the 预算明细 sheet."""
    data = {**GOOD_ROWS, **(changes or {})}
    return xlsx({name: sheet_xml([imports.SHEETS[name], *data[name]], **(sheet_options if name == imports.LINES else {}))
                 for name in imports.SHEETS})


def lines(count):
    """count distinct basic lines (amounts 1.00, 2.00, …), so that none is a duplicate of another."""
    return [[*LINE[:7], f"{number}.00"] for number in range(1, count + 1)]


def csv_of(rows):
    """A CSV of line items in UTF-8."""
    return "\r\n".join(",".join(row) for row in [imports.SHEETS[imports.LINES], *rows]).encode()


@functools.cache
def dimension_bomb():
    """12 lines in a sheet declaring the whole grid, A1:XFD1048576 (openpyxl padded every row to it)."""
    return entry_xlsx({imports.LINES: lines(12)}, dimension="A1:XFD1048576")


@functools.cache
def short_dimension():
    """12 lines in a sheet declaring A1:H5 (openpyxl read the first 4 and silently dropped the rest)."""
    return entry_xlsx({imports.LINES: lines(12)}, dimension="A1:H5")


@functools.cache
def blank_row_bomb(blank_rows=2_000_000):
    """12 lines, then two million empty <row> elements, then a 13th line."""
    last = 14 + blank_rows
    blank = ("".join(f'<row r="{number}"/>' for number in range(start, min(start + 10_000, last)))
             for start in range(14, last, 10_000))
    return entry_xlsx({imports.LINES: lines(12)}, after_rows=[*blank, row_xml(last, [*LINE[:7], "13.00"])])


@functools.cache
def rows_bomb(count=100_000):
    """100,000 budget lines."""
    return entry_xlsx({imports.LINES: lines(count)})


@functools.cache
def zip_bomb(megabytes=200):
    """A worksheet of 200 MB of whitespace, which deflates to about 200 KB."""
    return entry_xlsx(after_rows=(" " * 1024 * 1024 for _ in range(megabytes)))


def with_amount(cell_value):
    """The entry workbook with the first line's amount cell replaced."""
    return entry_xlsx({imports.LINES: [[*LINE[:7], cell_value], PROJECT_LINE]})


def broken_xml():
    """The 预算明细 sheet cut off in the middle of a row."""
    sheets = {name: sheet_xml([imports.SHEETS[name], *GOOD_ROWS[name]]) for name in imports.SHEETS}
    sheets[imports.LINES] = [b"".join(sheets[imports.LINES])[:300]]
    return xlsx(sheets)


def entities():
    """A billion-laughs DTD before the worksheet (a billion "lol"s if the entities were expanded)."""
    return entry_xlsx(doctype=BILLION_LAUGHS, after_rows=['<row r="9"><c t="inlineStr"><is><t>&lol9;</t></is></c></row>'])
