"""Reading uploaded spreadsheets (XLSX workbooks and CSV files) into rows of text, with their row numbers.

Shared by every import (budgets, departments, classification lists). An uploaded file is untrusted: the
reader streams its rows and believes nothing the file declares about itself (a sheet's <dimension>, a zip
member's size), so that any file costs bounded time and memory. It refuses, with a ValidationError naming
the sheet, row and column where it can: what is not a workbook or CSV; a file over MAX_FILE_BYTES, or whose
XML unpacks to more than MAX_UNPACKED_BYTES (a zip bomb); any DTD (entity declarations: billion laughs,
external files); more than MAX_ROWS data rows or MAX_BLANK_ROWS blank ones; a cell beyond MAX_COLUMNS, longer than MAX_CELL_CHARS or
holding control characters; a number cell that is not a finite number. Blank rows are skipped; each row
keeps its number in the file so that messages can point to it. Formula cells are read as the value the file
stores for them, and counted (the first MAX_FORMULAS_LISTED placed) for an import that must refuse them.

The XLSX part is a small streaming parser over expat (the sheet XML, shared strings, the workbook's list of
sheets), not openpyxl: openpyxl's read-only mode pads every row to the declared dimension, which is how a
1 MB file declaring A1:XFD1048576 exhausted a worker's memory.
"""

import csv
import functools
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NoReturn, Self
from xml.parsers import expat

from django.core.exceptions import ValidationError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a 30,000-row entry workbook unpacks to about 13 MB
MAX_ROWS = 30_000  # data rows in all the file's sheets together: 20,000 budget lines and their projects
MAX_BLANK_ROWS = 30_000  # empty rows (skipped, but each costs time to read): two million took 5 s
MAX_COLUMNS = 20  # the widest sheet has 13 columns; each column of 30,000 rows costs reading time
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
MAX_NUMBER_DIGITS = 20  # digits before the point of a number cell; a budget's largest amount has 13
FLOAT_NOISE = Decimal("0.000001")  # Excel stores numbers as binary floats: 0.1 + 0.2 is 0.30000000000000004
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
COLUMN_LETTERS = re.compile(r"[A-Z]{1,3}")
AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.ASCII)
CHUNK_BYTES = 64 * 1024
MAX_FORMULAS_LISTED = 200  # formula cells placed a sheet; beyond, only counted: 600,000 of them must cost nothing


def _unreadable(reason: str = "文件已损坏或不是 Excel 工作簿") -> ValidationError:
    return ValidationError(f"无法读取 XLSX 文件（{reason}），请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")


class Record(dict[str, str]):
    """A row's non-empty cells by column title; a column the row leaves empty (or lacks) reads as ""."""

    def __missing__(self, column: str) -> str:
        return ""


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, Record]]  # (row number in the file, Record)
    formulas: list[tuple[int, int]] = field(default_factory=list)  # (row, column number): the first formula cells
    formula_count: int = 0  # all of them

    def title(self, column: int) -> str:
        """The title of a column by its number; "" for one without."""
        return self.header[column - 1] if column <= len(self.header) else ""


def column_letter(number: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _place(sheet_name: str, row: int, column: int | None = None, header: Sequence[str] = ()) -> str:
    """「预算明细」第5行「金额（元）」, or 第H列 where the column has no title."""
    place = f"「{sheet_name}」第{row}行"
    if column is None:
        return place
    title = header[column - 1] if column <= len(header) else ""
    return place + (f"「{title}」" if title else f"第{column_letter(column)}列")


class _Rows:
    """Turns a sheet's cells, row by row, into its header and its non-blank rows, enforcing the limits."""

    def __init__(self, name: str, quota: "_Quota") -> None:
        self.name, self.quota = name, quota
        self.header: list[str] = []
        self.rows: list[tuple[int, Record]] = []
        self.formulas: list[tuple[int, int]] = []
        self.formula_count = 0

    def add(self, number: int, cells: Iterable[tuple[int, str]]) -> None:
        """cells: (column number, text) of one row, in any order; empty texts are allowed."""
        values: dict[int, str] = {}
        for column, text in cells:
            if column > MAX_COLUMNS:
                self._refuse(number, column, f"超出第{MAX_COLUMNS}列，工作表最多{MAX_COLUMNS}列，请删除多余的列。")
            if len(text) > MAX_CELL_CHARS:
                self._refuse(number, column, f"内容超过{MAX_CELL_CHARS}个字符。")
            if CONTROL_CHARACTERS.search(text):
                self._refuse(number, column, "含有不可见的控制字符（如 NUL），请删除后再导入。")
            if text.strip():
                values[column] = text.strip()
        if number == 1:
            self.header = [values.get(column, "") for column in range(1, max(values, default=0) + 1)]
        elif not values:  # Excel leaves blank and ",,," rows behind; they are not errors
            self.quota.take_blank_row(self.name, number)
        else:
            self.quota.take_row(self.name, number)
            self.rows.append((number, Record(
                (self.header[column - 1], text) for column, text in values.items()
                if column <= len(self.header) and self.header[column - 1]
            )))

    def formula(self, number: int, column: int) -> None:
        self.formula_count += 1
        if len(self.formulas) < MAX_FORMULAS_LISTED:
            self.formulas.append((number, column))

    def sheet(self) -> Sheet:
        return Sheet(self.name, self.header, self.rows, self.formulas, self.formula_count)

    def _refuse(self, number: int, column: int, reason: str) -> NoReturn:
        raise ValidationError(f"{_place(self.name, number, column, self.header)}：{reason}")


class _Quota:
    """What the whole file has used of its limits: data rows, blank rows and unpacked bytes."""

    def __init__(self) -> None:
        self.rows = self.blank_rows = self.unpacked = 0

    def take_row(self, sheet_name: str, number: int) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise ValidationError(f"{_place(sheet_name, number)}：文件的数据行超过{MAX_ROWS:,}行（各工作表合计），请拆分后再导入。")

    def take_blank_row(self, sheet_name: str, number: int) -> None:
        self.blank_rows += 1
        if self.blank_rows > MAX_BLANK_ROWS:
            raise ValidationError(f"{_place(sheet_name, number)}：文件的空行超过{MAX_BLANK_ROWS:,}行（各工作表合计），"
                                  f"请删除多余的空行后再导入。")

    def take_bytes(self, count: int) -> None:
        self.unpacked += count
        if self.unpacked > MAX_UNPACKED_BYTES:
            raise ValidationError(f"工作簿解压后超过{MAX_UNPACKED_BYTES // 1024 // 1024}MB，请删除多余的内容或拆分后再导入。")


# ------------------------------------------------------------------------------------------------ CSV


def _decode(content: bytes) -> str:
    """CSV text from UTF-8 (with or without BOM) or GBK, which Excel in Chinese writes."""
    for encoding in ("utf-8-sig", "gbk"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。")


def _read_csv(name: str, content: bytes, quota: _Quota) -> dict[str, Sheet]:
    rows = _Rows(name, quota)
    number = 0
    try:
        for number, fields in enumerate(csv.reader(io.StringIO(_decode(content))), start=1):
            rows.add(number, enumerate(fields, start=1))
    except csv.Error as error:  # a field over the csv module's limit
        raise ValidationError(f"{_place(name, number + 1)}：有单元格超过{csv.field_size_limit():,}个字符，无法读取。") from error
    return {name: rows.sheet()}


# ------------------------------------------------------------------------------------------------ XLSX


@functools.lru_cache(maxsize=256)  # called for every element: a cache halves the time of a large sheet
def _local(tag: str) -> str:
    """An element's name without its namespace (expat gives "namespace name")."""
    return tag.rpartition(" ")[2]


class _XmlPart:
    """Feeds one zip member to expat in chunks, counting unpacked bytes; subclasses handle the elements.

    Any DTD is refused: a workbook never has one, and it is where entity bombs and external entities live.
    """

    def __init__(self, archive: zipfile.ZipFile, member: str, quota: _Quota) -> None:
        self.archive, self.member, self.quota = archive, member, quota

    def parse(self) -> Self:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = self._refuse_dtd
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        try:
            with self.archive.open(self.member) as stream:
                while chunk := stream.read(CHUNK_BYTES):
                    self.quota.take_bytes(len(chunk))
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise _unreadable(f"{self.member} 第{error.lineno}行第{error.offset + 1}个字符处不是正确的 XML") from error
        except LookupError as error:  # an encoding declared that no codec knows
            raise _unreadable(f"{self.member} 声明的字符编码无法识别") from error
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, KeyError) as error:
            # a damaged, encrypted or missing member
            raise _unreadable(f"{self.member} 已损坏或缺失") from error
        return self

    def _refuse_dtd(self, *declaration: object) -> NoReturn:
        raise _unreadable(f"{self.member} 含有 DTD（实体声明），出于安全原因不予读取")

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class _Relationships(_XmlPart):
    """A .rels part: target path by relationship id, and by type (its last path segment)."""

    def __init__(self, archive: zipfile.ZipFile, member: str, quota: _Quota) -> None:
        super().__init__(archive, member, quota)
        self.by_id: dict[str | None, tuple[str, str]] = {}  # id → (type, path)
        self.by_type: dict[str, str] = {}

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attributes.get("TargetMode") != "External":
            folder = posixpath.dirname(posixpath.dirname(self.member))  # xl/_rels/workbook.xml.rels → xl
            target = attributes.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            kind = attributes.get("Type", "").rpartition("/")[2]
            self.by_id[attributes.get("Id")] = (kind, path)
            self.by_type.setdefault(kind, path)


class _SheetList(_XmlPart):
    """workbook.xml: each sheet's name and relationship id, in the workbook's order."""

    def __init__(self, archive: zipfile.ZipFile, member: str, quota: _Quota) -> None:
        super().__init__(archive, member, quota)
        self.sheets: list[tuple[str, str | None]] = []  # (name, relationship id)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if _local(tag) == "sheet":
            relation = next((value for key, value in attributes.items() if _local(key) == "id"), None)
            self.sheets.append((attributes.get("name", ""), relation))


class _Texts(_XmlPart):
    """Collects the text of the <t> elements of each `item` element (not of phonetic <rPh> runs)."""

    item = "si"

    def __init__(self, archive: zipfile.ZipFile, member: str, quota: _Quota) -> None:
        super().__init__(archive, member, quota)
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.in_text = self.in_phonetic = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = _local(tag)
        if name == self.item:
            self.parts = []
        elif name == "rPh":
            self.in_phonetic = True
        elif name == "t" and not self.in_phonetic:
            self.in_text = True

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "t":
            self.in_text = False
        elif name == "rPh":
            self.in_phonetic = False
        elif name == self.item:
            self.item_done("".join(self.parts))

    def text(self, data: str) -> None:
        if self.in_text:
            self.parts.append(data)

    def item_done(self, text: str) -> None:
        self.strings.append(text)


class _Worksheet(_Texts):
    """A worksheet's cells, streamed row by row into _Rows; inline strings (<is>) are read like shared ones."""

    item = "is"

    def __init__(
        self, archive: zipfile.ZipFile, member: str, quota: _Quota, rows: _Rows, shared_strings: list[str]
    ) -> None:
        super().__init__(archive, member, quota)
        self.rows, self.shared_strings = rows, shared_strings
        self.cells: list[tuple[int, str]] = []  # (column number, text) of the row being read
        self.row_number, self.column, self.kind, self.value, self.in_value = 0, 0, "n", "", False
        self.is_formula = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = _local(tag)
        if name == "row":
            self.row_number = whole_number(attributes.get("r")) or self.row_number + 1
            self.cells, self.column = [], 0
        elif name == "c":
            self.column = self.column + 1
            letters = attributes.get("r", "").rstrip("0123456789")
            if letters:
                self.column = _column_number(letters) or self._refuse(f"单元格位置“{letters[:10]}”无效", damaged=True)
            self.kind, self.value, self.is_formula = attributes.get("t", "n"), "", False
            self.parts = []
        elif name == "f":
            self.is_formula = True
        elif name == "v":
            self.in_value, self.value = True, ""
        else:
            super().start(tag, attributes)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "v":
            self.in_value = False
        elif name == "c":
            self.cells.append((self.column, self._cell_text()))
            if self.is_formula:
                self.rows.formula(self.row_number, self.column)
            if len(self.cells) > MAX_COLUMNS:  # long before a row of 16,384 cells is held in memory
                self._refuse(f"一行超过{MAX_COLUMNS}个单元格，工作表最多{MAX_COLUMNS}列，请删除多余的列")
        elif name == "row":
            self.rows.add(self.row_number, self.cells)
        else:
            super().end(tag)

    def text(self, data: str) -> None:
        if self.in_value:
            self.value += data
            if len(self.value) > MAX_CELL_CHARS:
                self._refuse(f"内容超过{MAX_CELL_CHARS}个字符")
        else:
            super().text(data)

    def item_done(self, text: str) -> None:
        self.value = text

    def _cell_text(self) -> str:
        """The cell's value as text, by its type: a shared or inline string, a number, a boolean, …"""
        if self.kind == "s":
            index = whole_number(self.value.strip())
            if index is None or index >= len(self.shared_strings):
                self._refuse(f"引用了不存在的共享字符串“{self.value[:20]}”", damaged=True)
            return self.shared_strings[index]
        if self.kind == "b":
            return "TRUE" if self.value.strip() == "1" else "FALSE"
        if self.kind == "n":
            return self._number_text()
        return self.value  # inlineStr, a formula's text (str), an error (#N/A), an ISO date (d)

    def _number_text(self) -> str:
        text = self.value.strip()
        if not text:
            return ""
        try:
            number = Decimal(text[:MAX_CELL_CHARS])
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self._refuse(f"数字单元格的值“{text[:20]}”不是有效的数字", damaged=True)
        if number.adjusted() >= MAX_NUMBER_DIGITS:
            self._refuse(f"数字“{text[:20]}”超出范围（最多{MAX_NUMBER_DIGITS}位整数）")
        return _plain(number)

    def _refuse(self, reason: str, damaged: bool = False) -> NoReturn:
        where = _place(self.rows.name, self.row_number, self.column, self.rows.header)
        advice = "，文件可能已损坏，请在 Excel 或 WPS 中重新保存后再导入" if damaged else ""
        raise ValidationError(f"{where}：{reason}{advice}。")


@functools.lru_cache(maxsize=256)
def _column_number(letters: str) -> int | None:
    """"A" → 1, "AA" → 27, "XFD" → 16384; None for what is not a column's letters."""
    if not COLUMN_LETTERS.fullmatch(letters):
        return None
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _plain(number: Decimal) -> str:
    """A number as plain text without float noise: 0.30000000000000004 → "0.30", 1234.5 → "1234.5", 3E+2 → "300"."""
    rounded = number.quantize(Decimal("0.01"))
    if abs(number - rounded) < FLOAT_NOISE:
        number = rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded
    return f"{number:f}"


def _read_xlsx(content: bytes, quota: _Quota, only: Collection[str] | None) -> dict[str, Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise _unreadable() from error
    with archive:
        package = _Relationships(archive, "_rels/.rels", quota).parse()
        workbook_part = package.by_type.get("officeDocument", "xl/workbook.xml")
        folder, name = posixpath.split(workbook_part)
        parts = _Relationships(archive, posixpath.join(folder, "_rels", f"{name}.rels"), quota).parse()
        sheet_list = _SheetList(archive, workbook_part, quota).parse().sheets
        shared_part = parts.by_type.get("sharedStrings")
        shared_strings = _Texts(archive, shared_part, quota).parse().strings if shared_part else []
        worksheets: list[tuple[str, str]] = []
        for sheet_name, relation in sheet_list:
            kind, member = parts.by_id.get(relation, ("", ""))
            if kind == "worksheet":  # chart sheets hold no cells
                worksheets.append((sheet_name, member))
        if not worksheets:
            raise _unreadable("工作簿中没有工作表")
        sheets: dict[str, Sheet] = {}
        for sheet_name, member in worksheets:
            if only is None or sheet_name in only:  # the others are not read at all: their rows cost nothing
                rows = _Rows(sheet_name, quota)
                _Worksheet(archive, member, quota, rows, shared_strings).parse()
                sheets[sheet_name] = rows.sheet()
    return sheets


# ------------------------------------------------------------------------------------------------ API


def check_size(size: int) -> None:
    """Refuse a file over MAX_FILE_BYTES: called with an upload's or a file's size before reading it."""
    if size > MAX_FILE_BYTES:
        raise ValidationError(f"文件过大（超过{MAX_FILE_BYTES // 1024 // 1024}MB），请拆分后再导入。")


def read(
    filename: str, content: bytes, csv_sheet_name: str = "Sheet1", only: Collection[str] | None = None
) -> dict[str, Sheet]:
    """The file's sheets by name (a CSV file is one sheet named csv_sheet_name); with `only`, a workbook's
    sheets of those names alone (the entry workbook's instructions and code lists are not data)."""
    check_size(len(content))
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return _read_csv(csv_sheet_name, content, _Quota())
    if suffix != ".xlsx":
        raise ValidationError(f"不支持的文件类型“{suffix or filename}”，请上传 XLSX 工作簿或 CSV 文件。")
    return _read_xlsx(content, _Quota(), only)


def require_columns(sheet: Sheet, columns: Sequence[str], where: str | None = None) -> None:
    """A ValidationError naming the missing columns of a sheet."""
    missing = [column for column in columns if column not in sheet.header]
    if missing:
        place = where or f"“{sheet.name}”"
        raise ValidationError(f"{place}缺少列：{'、'.join(missing)}（应有列：{'、'.join(columns)}；列名须与模板一致）。")


def decimal_or_none(text: str) -> Decimal | None:
    """The text as a Decimal if it is a number as a person writes one, else None.

    "1,000.50" and "-5" are numbers; "1,0,0", "1e400", "NaN", "12abc" and " " are not.
    """
    if not AMOUNT.fullmatch(text):
        return None
    return Decimal(text.replace(",", ""))


def whole_number(text: str | None) -> int | None:
    """The text as a whole number if it is ASCII digits (at most 9), else None: "²" and "١" are digits to
    str.isdigit(), and int() of a 5,000-digit text raises."""
    return int(text) if text and len(text) <= 9 and text.isascii() and text.isdigit() else None
