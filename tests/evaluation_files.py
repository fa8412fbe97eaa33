"""Helpers of the 绩效自评 workbook's tests (performance/evaluation_workbook.py): a file as uploaded, the workbook as
an accountant types into it, and a budget's evaluations as plain values to compare before and after."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from performance import evaluation_workbook
from performance.models import IndicatorEvaluation, ProjectEvaluation
from tests.factories import edited_workbook

PROJECTS, TARGETS = evaluation_workbook.PROJECTS, evaluation_workbook.TARGETS
MONITORING = "13011024P00322810012A"  # the demo's 网络舆情监测直报项目: 4 产出 targets, 1 效益 (qualitative), 1 满意度
MISSED = (MONITORING, "提供省直报数量")  # the demo's one missed target: ≥8000条, 7600 reached
QUALITATIVE = (MONITORING, "网络安全稳定运行")  # 指标值 “网络安全”: 分值 30, 达成, 30 points


def upload(content, name="绩效自评.xlsx"):
    return SimpleUploadedFile(name, content)


def accountant(username="kuaiji"):
    """One of the demo's logins: kuaiji (the demo department's accountant), kuaiji2 (another's), shenhe (reviewer)."""
    return get_user_model().objects.get(username=username)


def evaluations(budget):
    """The budget's evaluations as plain values, without their ids (an import recreates the rows)."""
    return (
        list(ProjectEvaluation.objects.filter(project__budget=budget).order_by("project__code")
             .values("project__code", "full_year_budget", "executed", "achieved_goal")),
        list(IndicatorEvaluation.objects.filter(indicator__project__budget=budget).order_by("indicator_id")
             .values("indicator_id", "weight", "actual_number", "actual_text", "achievement", "judged_score",
                     "deviation")),
    )


def database_state(budget):
    """The evaluations and the size of their history: a refused import changes neither."""
    return evaluations(budget), ProjectEvaluation.history.count(), IndicatorEvaluation.history.count()


def row_number(content, sheet, key):
    """The row of a data sheet by its key: the 项目编码 on 项目, (项目编码, 三级指标) on 指标."""
    worksheet = load_workbook(io.BytesIO(content))[sheet]
    name = evaluation_workbook.COLUMNS[TARGETS].index(evaluation_workbook.NAME)
    for row in worksheet.iter_rows(min_row=2):
        if (row[0].value if sheet == PROJECTS else (row[0].value, row[name].value)) == key:
            return row[0].row
    raise LookupError(key)


def typed(content, changes):
    """The workbook after typing into cells {(sheet, key, column title): value} (rows found by row_number; a value
    "=…" is a formula), then saved again as a spreadsheet program does."""
    places = {(sheet, key, title): row_number(content, sheet, key) for sheet, key, title in changes}

    def edit(workbook):
        for (sheet, key, title), value in changes.items():
            header = [cell.value for cell in workbook[sheet][1]]
            workbook[sheet].cell(places[sheet, key, title], header.index(title) + 1).value = value

    return edited_workbook(content, edit)
