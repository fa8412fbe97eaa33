"""Hostile files given as a 绩效自评表 are refused quickly, with the entry workbook's limits and messages (the reader
is the same, budget/exchange/spreadsheet.py), and nothing written; a sheet of formula cells costs no memory a cell."""

import functools
import time

import pytest
from django.core.exceptions import ValidationError

from budget.exchange import spreadsheet
from performance import evaluation_workbook
from tests import hostile_files
from tests.evaluation_files import PROJECTS, TARGETS, accountant, database_state, upload

pytestmark = [pytest.mark.usefixtures("demo_for_the_module"), pytest.mark.xdist_group("hostile_files")]

HEADERS = {name: [*evaluation_workbook.COLUMNS[name], "备注（不导入）"] for name in evaluation_workbook.SHEETS}
TARGET = ["13011024P00322810012A", "产出指标", "数量指标", "提供省直报数量", "≥8000条", "12.5", "7600", "", "", "原因"]
# Seconds: each is refused in about 3 at most on a machine shared with other test runs (the 100,000 rows: the
# reader stops at the 30,000th); the bound leaves room for a busier one.
QUICK = 20
FORMULA_ROWS = 10_000


def workbook(targets=(TARGET,), **options):
    """A 绩效自评表 of one project row and these target rows; the options (dimension, doctype, after_rows) apply to
    the 指标 sheet."""
    project = ["13011024P00322810012A", "网络舆情监测直报项目", "250000.00", "", "250000.00", "230000.00", "完成"]
    return hostile_files.xlsx({
        PROJECTS: hostile_files.sheet_xml([HEADERS[PROJECTS], project]),
        TARGETS: hostile_files.sheet_xml([HEADERS[TARGETS], *targets], **options),
    })


@functools.cache
def formula_sheet(rows=FORMULA_ROWS):
    """Target rows of 20 formula cells each (the widest a row may be), with their stored values."""
    row = "".join('<c><f>1+1</f><v>2</v></c>' for _ in range(spreadsheet.MAX_COLUMNS))
    return workbook(targets=(), after_rows=(f'<row r="{number}">{row}</row>' for number in range(2, rows + 2)))


REFUSED = {
    "zip bomb": (lambda: workbook(after_rows=(" " * 1024 * 1024 for _ in range(200))), "工作簿解压后超过50MB"),
    "100,000 rows": (lambda: workbook([TARGET[:3] + [f"指标{n}"] + TARGET[4:] for n in range(100_000)]),
                     "「指标」第30001行：文件的数据行超过30,000行"),  # the 项目 sheet's row is counted too
    "entities": (lambda: workbook(doctype=hostile_files.BILLION_LAUGHS), "含有 DTD（实体声明），出于安全原因不予读取"),
    "NaN": (lambda: workbook([TARGET[:5] + [hostile_files.Number("NaN")] + TARGET[6:]]),
            "「指标」第2行「分值」：数字单元格的值“NaN”不是有效的数字"),
    "a cell at XFD": (lambda: workbook(after_rows=['<row r="3"><c r="XFD3"><v>1</v></c></row>']),
                      "「指标」第3行第XFD列：超出第20列"),
    "200,000 formula cells": (formula_sheet, "「指标」第2行「项目编码」：公式单元格：请粘贴为数值。"),
}


@pytest.mark.parametrize("build, message", REFUSED.values(), ids=REFUSED.keys())
def test_a_hostile_file_is_refused_quickly_and_nothing_is_written(demo_budget, build, message):
    content = build()
    before = database_state(demo_budget)
    started = time.monotonic()

    with pytest.raises(ValidationError) as refused:
        evaluation_workbook.import_evaluation(demo_budget, upload(content), accountant())

    assert time.monotonic() - started < QUICK
    assert any(message in each for each in refused.value.messages), refused.value.messages
    assert database_state(demo_budget) == before


def test_formula_cells_are_counted_not_kept():
    sheet = spreadsheet.read("formulas.xlsx", formula_sheet(), only=[TARGETS])[TARGETS]

    assert len(sheet.formulas) == spreadsheet.MAX_FORMULAS_LISTED
    assert sheet.formula_count == FORMULA_ROWS * spreadsheet.MAX_COLUMNS


def test_the_refusal_lists_the_first_problems_and_counts_the_rest(demo_budget):
    with pytest.raises(ValidationError) as refused:
        evaluation_workbook.import_evaluation(demo_budget, upload(formula_sheet()), accountant())

    messages = refused.value.messages
    assert len(messages) == 201 and messages[-1].startswith("……另有")
    assert messages[199] == "「指标」第11行第T列：公式单元格：请粘贴为数值。"
