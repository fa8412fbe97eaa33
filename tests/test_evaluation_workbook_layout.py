"""The 绩效自评表 as written: instructions first, the two data sheets pre-filled, what comes from the published budget
greyed and locked, each column's guidance, the 完成程度 dropdown, and 分值 pre-filled by the default split for a target
not yet evaluated."""

import io

import pytest
from openpyxl import load_workbook

from performance import evaluation_workbook, scoring
from performance.models import IndicatorEvaluation
from tests.evaluation_files import MONITORING, PROJECTS, QUALITATIVE, TARGETS, row_number

pytestmark = pytest.mark.usefixtures("demo_for_the_module")


@pytest.fixture
def written(demo_budget):
    content = evaluation_workbook.workbook(demo_budget)
    return content, load_workbook(io.BytesIO(content))


def test_the_sheets_and_their_columns(written):
    _, workbook = written

    assert workbook.sheetnames == ["说明", PROJECTS, TARGETS, "选项"]
    assert workbook.active.title == "说明" and workbook["选项"].sheet_state == "hidden"
    assert [cell.value for cell in workbook[PROJECTS][1]] == [
        "项目编码", "项目名称", "年初预算数（元）", "绩效目标", "全年预算数（元）", "全年执行数（元）", "年度总体目标实际完成情况",
        "备注（不导入）"]
    assert [cell.value for cell in workbook[TARGETS][1]] == [
        "项目编码", "一级指标", "二级指标", "三级指标", "指标值", "分值", "实际完成值", "完成程度", "评定得分",
        "偏差原因分析及改进措施", "备注（不导入）"]
    assert workbook[PROJECTS].max_row == 1 + 6 and workbook[TARGETS].max_row == 1 + 40


def test_what_comes_from_the_budget_is_greyed_and_locked(written):
    content, workbook = written
    projects, targets = workbook[PROJECTS], workbook[TARGETS]
    qualitative = row_number(content, TARGETS, QUALITATIVE)
    quantitative = row_number(content, TARGETS, (MONITORING, "涉稳舆情处置率"))

    assert projects.protection.sheet and targets.protection.sheet
    assert [cell.protection.locked for cell in projects[2]] == [True, True, True, True, False, False, False, False]
    assert [cell.protection.locked for cell in targets[qualitative]] == [
        True, True, True, True, True, False, False, False, False, False, False]
    # a quantitative target's score is computed: no 完成程度 nor 评定得分 to enter
    assert [cell.protection.locked for cell in targets[quantitative]][7:9] == [True, True]
    greyed = [cell.fill.fgColor.rgb.endswith("EDEDED") for cell in projects[1]]
    assert greyed == [True, True, True, True, False, False, False, False]
    assert [cell.fill.fgColor.rgb.endswith("EDEDED") for cell in projects[2]] == greyed


def test_every_column_says_how_to_fill_it_and_completion_is_a_dropdown(written):
    _, workbook = written
    targets = workbook[TARGETS]
    prompts = {str(validation.sqref).split(":")[0][:-1]: validation for validation in targets.data_validations.dataValidation}

    assert set(prompts) == set("ABCDEFGHIJK")
    assert prompts["A"].prompt == evaluation_workbook.HELP[TARGETS]["项目编码"]
    dropdown = prompts["H"]
    assert (dropdown.type, dropdown.formula1, str(dropdown.sqref)) == ("list", "完成程度", "H2:H41")
    assert (prompts["F"].type, prompts["F"].operator, prompts["F"].formula1) == ("decimal", "greaterThanOrEqual", "0")
    listed = workbook.defined_names["完成程度"].attr_text
    assert listed == "'选项'!$A$2:$A$4"
    assert [row[0].value for row in workbook["选项"]["A2:A4"]] == ["达成", "部分达成", "未达成"]
    help_rows = {(row[0], row[1]) for row in workbook["说明"].iter_rows(values_only=True)}
    assert (TARGETS, "完成程度") in help_rows and (PROJECTS, "全年执行数（元）") in help_rows


def test_a_target_not_yet_evaluated_has_the_default_weight(demo_budget):
    IndicatorEvaluation.objects.filter(indicator__project__code=MONITORING).delete()
    content = evaluation_workbook.workbook(demo_budget)
    targets = load_workbook(io.BytesIO(content))[TARGETS]

    rows = [row for row in targets.iter_rows(min_row=2, values_only=True) if row[0] == MONITORING]
    weights = [row[5] for row in rows]
    assert weights == ["12.5", "12.5", "12.5", "12.5", "30", "10"]  # 产出 50 shared by four, 效益 30, 满意度 10
    assert [row[6:10] for row in rows] == [(None, None, None, None)] * 6
    assert sum(map(scoring.Decimal, weights)) == scoring.INDICATOR_POINTS
