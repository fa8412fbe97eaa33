"""Property-based: random cells and random bytes never crash an import. Whatever the file, the reader returns
sheets or raises a ValidationError, and a parse gives objects or per-row errors; where the preview passes,
the import does too (a preview cannot promise what confirm then refuses)."""

import io
import zipfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from budget import access
from budget.exchange import imports, spreadsheet
from tests import hostile_files

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WITH_DATABASE = settings(FUZZ, max_examples=25)
texts = st.text(st.characters(codec="utf-8"), max_size=40)
numbers = st.one_of(st.decimals(allow_nan=True, allow_infinity=True).map(str), st.from_regex(r"-?[0-9,.eE+]{1,12}", fullmatch=True))
cells = st.one_of(texts, numbers, numbers.map(hostile_files.Number))


def read_or_refuse(filename, content):
    """The sheets, or None when the file is refused with a message."""
    try:
        return spreadsheet.read(filename, content)
    except ValidationError as error:
        assert error.messages and all(error.messages)
        return None


@FUZZ
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_random_bytes_are_read_or_refused(content, suffix):
    read_or_refuse(f"random{suffix}", content)


@FUZZ
@given(position=st.integers(min_value=0), garbage=st.binary(min_size=1, max_size=20), member=st.integers(0, 2))
@example(position=31, garbage=b"-", member=0)  # declares encoding "U-TF-8", which no codec knows
def test_a_damaged_workbook_part_is_read_or_refused(position, garbage, member):
    """Garbage written into the worksheet, the workbook's sheet list or its relationships, then zipped again."""
    original = zipfile.ZipFile(io.BytesIO(hostile_files.entry_xlsx()))
    name = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"][member]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as damaged:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == name:
                at = position % (len(data) + 1)
                data = data[:at] + garbage + data[at:]
            damaged.writestr(info, data)
    read_or_refuse("damaged.xlsx", output.getvalue())


@FUZZ
@given(rows=st.lists(st.lists(cells, max_size=10), max_size=5))
def test_random_cells_are_read_or_refused(rows):
    read_or_refuse("cells.xlsx", hostile_files.xlsx({"预算明细": hostile_files.sheet_xml(rows)}))
    read_or_refuse("cells.csv", "\r\n".join(",".join(map(str, row)) for row in rows).encode())


@FUZZ
@given(text=st.one_of(texts, numbers))
def test_an_amount_is_a_number_as_a_person_writes_it_or_nothing(text):
    value = spreadsheet.decimal_or_none(text)
    if value is not None:
        assert value.is_finite() and value == Decimal(text.replace(",", ""))
        assert "e" not in text.lower() and ",," not in text


@WITH_DATABASE
@given(line=st.lists(cells, min_size=8, max_size=8), project=st.lists(cells, min_size=9, max_size=9),
       purchase=st.lists(cells, min_size=11, max_size=11))
def test_a_file_the_preview_passes_imports(draft_budget, line, project, purchase):
    """Random cells in every column of a line, a project and a procurement item."""
    content = hostile_files.entry_xlsx({imports.LINES: [line], imports.PROJECTS: [project],
                                        imports.PROCUREMENT: [purchase]})
    try:
        parsed = imports.parse(draft_budget, "random.xlsx", content)
    except ValidationError:
        return
    assert all(parsed.errors)
    if not parsed.errors:
        imports.import_budget(draft_budget, "random.xlsx", content, access.COMMAND_LINE)


@WITH_DATABASE
@given(amount=numbers, name=texts, price=numbers)
def test_near_misses_of_good_values_are_refused_or_imported_exactly(draft_budget, amount, name, price):
    """Plausible values in the good file: a refusal names a row, an import keeps exactly what the file said."""
    content = hostile_files.entry_xlsx({
        imports.LINES: [[*hostile_files.LINE[:7], amount]],
        imports.PROJECTS: [["P001", name or "项目", *hostile_files.PROJECT[2:]]],
        imports.PROCUREMENT: [[*hostile_files.PURCHASE[:6], price, *hostile_files.PURCHASE[7:]]],
    })
    try:
        imports.import_budget(draft_budget, "near.xlsx", content, access.COMMAND_LINE)
    except ValidationError as error:
        assert all("第" in message and "行" in message for message in error.messages), error.messages
        return
    assert draft_budget.lines.get().amount == Decimal(amount.replace(",", ""))
    assert draft_budget.projects.get().name == (name.strip() or "项目")

