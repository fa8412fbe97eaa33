"""Hostile files, through both entry points (the admin upload and `manage.py import_budget`): each is
refused with a Chinese message naming where, writing nothing, or imported exactly; none costs more than
bounded memory, whatever it declares (wall-clock figures: scripts/bench_hostile_imports.py)."""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse

from budget.exchange import imports, spreadsheet
from tests import hostile_files
from tests.factories import complete_budget, database_state
from tests.pages import logged_in

# On one xdist worker: the large files are built once a session (hostile_files keeps them for its process).
pytestmark = pytest.mark.xdist_group("hostile_files")

REFUSED = {
    "blank-row bomb": (hostile_files.blank_row_bomb, "「预算明细」第30014行：文件的空行超过30,000行"),
    "100,000 rows": (hostile_files.rows_bomb, "「预算明细」第30002行：文件的数据行超过30,000行"),
    "zip bomb": (hostile_files.zip_bomb, "工作簿解压后超过50MB"),
    "NaN": (lambda: hostile_files.with_amount(hostile_files.Number("NaN")),
            "「预算明细」第2行「金额（元）」：数字单元格的值“NaN”不是有效的数字"),
    "1e400": (lambda: hostile_files.with_amount(hostile_files.Number("1e400")),
              "「预算明细」第2行「金额（元）」：数字“1e400”超出范围"),
    "12abc": (lambda: hostile_files.with_amount(hostile_files.Number("12abc")),
              "「预算明细」第2行「金额（元）」：数字单元格的值“12abc”不是有效的数字"),
    "1,0,0 as text": (lambda: hostile_files.with_amount("1,0,0"), "「预算明细」第2行「金额（元）」：“1,0,0”不是数字。"),
    "broken XML": (hostile_files.broken_xml, "xl/worksheets/sheet1.xml 第1行第"),
    "entities": (hostile_files.entities, "含有 DTD（实体声明），出于安全原因不予读取"),
    "a cell at XFD": (lambda: hostile_files.entry_xlsx(after_rows=['<row r="3"><c r="XFD3"><v>1</v></c></row>']),
                      "「预算明细」第3行第XFD列：超出第20列"),
    "300-character project name": (
        lambda: hostile_files.entry_xlsx({imports.PROJECTS: [["P001", "名" * 300, *hostile_files.PROJECT[2:]]]}),
        "「项目」第2行「项目名称」：确保该变量包含不超过 200 字符"),
    "1e15 price": (
        lambda: hostile_files.entry_xlsx({imports.PROCUREMENT: [
            [*hostile_files.PURCHASE[:6], "1000000000000000", *hostile_files.PURCHASE[7:]]]}),
        "「政府采购」第2行「单价（元）」：确认总共不超过 15 个数字"),
    "CSV field over 128 KB": (lambda: hostile_files.csv_of([[*hostile_files.LINE[:7], "1" * 200_000]]),
                              "「预算明细」第2行：有单元格超过131,072个字符"),
    "NUL in a CSV": (lambda: hostile_files.csv_of([[*hostile_files.LINE[:6], "P\x00", "1.00"]]),
                     "「预算明细」第2行「项目编码」：含有不可见的控制字符"),
}
IMPORTED = {  # the dimension a sheet declares is ignored: every row is read, no more
    "dimension bomb A1:XFD1048576": hostile_files.dimension_bomb,
    "short dimension A1:H5": hostile_files.short_dimension,
}


def filename(content):
    return "hostile.xlsx" if content.startswith(b"PK") else "hostile.csv"


def through_admin(client, budget, content):
    """Upload, then confirm if the preview passed; the page's error list, or None when imported."""
    url = reverse("admin:budget_budget_import", args=[budget.pk])
    page = client.post(url, {"file": SimpleUploadedFile(filename(content), content)})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    if soup.find("input", attrs={"name": "token"}) is None:
        return soup.select_one("#import-errors").get_text("\n")
    token = soup.find("input", attrs={"name": "token"})["value"]
    assert client.post(url, {"token": token, "filename": filename(content)}).status_code == 302
    return None


def through_command(tmp_path, budget, content):
    """`manage.py import_budget`: its error, or None when imported."""
    path = tmp_path / filename(content)
    path.write_bytes(content)
    try:
        call_command("import_budget", budget.department.code, str(budget.year), str(path))
    except CommandError as error:
        return str(error)
    return None


@pytest.fixture(params=["admin", "command"])
def import_file(request, client, tmp_path, draft_budget, accountant):
    """Import a file into the test department's draft through one entry point; returns the refusal or None."""
    if request.param == "admin":
        logged_in(client, accountant)
        return lambda content: through_admin(client, draft_budget, content)
    return lambda content: through_command(tmp_path, draft_budget, content)


@pytest.mark.parametrize("build, message", REFUSED.values(), ids=REFUSED.keys())
def test_a_hostile_file_is_refused_with_where_and_why_and_nothing_is_written(draft_budget, import_file, build, message):
    complete_budget(draft_budget)
    before = database_state(draft_budget)

    refusal = import_file(build())

    assert refusal is not None and message in refusal, refusal
    assert database_state(draft_budget) == before


@pytest.mark.parametrize("build", IMPORTED.values(), ids=IMPORTED.keys())
def test_a_lying_dimension_is_ignored_and_every_row_imported(draft_budget, import_file, build):
    assert import_file(build()) is None

    assert sorted(draft_budget.lines.values_list("amount", flat=True)) == [Decimal(n) for n in range(1, 13)]
    assert draft_budget.projects.get().indicators.count() == 3
    assert draft_budget.procurement_items.count() == draft_budget.asset_holdings.count() == 1


def test_the_good_rows_import_exactly(draft_budget, import_file):
    assert import_file(hostile_files.entry_xlsx()) is None

    assert sorted(draft_budget.lines.values_list("amount", flat=True)) == [Decimal("50000.00"), Decimal("100000.00")]
    assert draft_budget.procurement_items.get().unit_price == Decimal("5000.00")


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(client, draft_budget, accountant, monkeypatch):
    logged_in(client, accountant)
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("big.csv", b"x" * 200)})
    monkeypatch.setattr(spreadsheet, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(InMemoryUploadedFile, "read", lambda *args: pytest.fail("the upload was read"))

    page = client.post(reverse("admin:budget_budget_import", args=[draft_budget.pk]), body,
                       content_type=f"multipart/form-data; boundary={BOUNDARY}")

    assert "文件过大（超过0MB）" in page.content.decode()


BOMBS = {"dimension bomb": hostile_files.dimension_bomb, "blank-row bomb": hostile_files.blank_row_bomb,
         "100,000 rows": hostile_files.rows_bomb, "zip bomb": hostile_files.zip_bomb}
PEAK_BYTES = 100 * 1024 * 1024
# Reads the file on its standard input and prints by how many bytes the process's peak resident memory rose
# above what it held before: all that the reading cost (Python's objects, zlib's and expat's buffers), as a
# worker would feel it. A fresh process has little freed memory that the reading could reuse unseen.
READ_AND_MEASURE = """
import sys
from budget.exchange import spreadsheet

def kilobytes(field):
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith(field + ":")).split()[1])

content = sys.stdin.buffer.read()
before = kilobytes("VmRSS")
try:
    spreadsheet.read("bomb.xlsx", content)
except spreadsheet.ValidationError:
    pass
print((kilobytes("VmHWM") - before) * 1024)
"""


def peak_bytes_of_reading(content):
    """The memory that reading the file costs, measured in a process of its own (tracemalloc, the other way,
    made reading 30,000 rows five times slower)."""
    run = subprocess.run([sys.executable, "-c", READ_AND_MEASURE], input=content, capture_output=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 0, run.stderr.decode()
    return int(run.stdout)


@pytest.mark.parametrize("build", BOMBS.values(), ids=BOMBS.keys())
def test_reading_a_bomb_takes_bounded_memory(build):
    peak = peak_bytes_of_reading(build())

    assert peak < PEAK_BYTES, f"{peak / 1e6:.0f} MB"


def test_the_reader_stops_at_the_first_row_over_the_ceiling(monkeypatch):
    """100,000 rows are not read: the reader stops at row MAX_ROWS + 2 (header, then MAX_ROWS data rows)."""
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 100)
    with pytest.raises(spreadsheet.ValidationError, match="「预算明细」第102行：文件的数据行超过100行"):
        spreadsheet.read("bomb.xlsx", hostile_files.rows_bomb())
