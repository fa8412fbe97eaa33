"""What the 绩效自评表's import refuses, each problem with its sheet, row and column, all of a file's problems at once,
and nothing written: not the evaluations, not their history."""

import pytest
from django.core.exceptions import ValidationError

from performance import evaluation_workbook
from performance.models import IndicatorEvaluation, ProjectEvaluation
from tests.evaluation_files import (
    MISSED,
    MONITORING,
    PROJECTS,
    QUALITATIVE,
    TARGETS,
    accountant,
    database_state,
    row_number,
    typed,
    upload,
)
from tests.factories import edited_workbook

pytestmark = pytest.mark.usefixtures("demo_for_the_module")

COMPUTED = (MONITORING, "涉稳舆情处置率")  # a quantitative target: its score is computed
OTHER = "13011024P003228100103"  # the demo's first project, 涉军岗位工资
REFUSED = {  # what is typed, where: the message after the cell's place
    "a target not of the project": ((TARGETS, MISSED, "三级指标"), "不存在的指标",
                                    f"“不存在的指标”不是项目“{MONITORING}”的绩效指标（三级指标须与已公开的预算一致）。"),
    "a project not of the budget": ((PROJECTS, MONITORING, "项目编码"), "13011024P000000000000",
                                    "“13011024P000000000000”不是本预算的项目编码。"),
    "a target's project not of the budget": ((TARGETS, MISSED, "项目编码"), "X1", "“X1”不是本预算的项目编码。"),
    "a formula": ((PROJECTS, MONITORING, "全年执行数（元）"), "=E5*0.9", "公式单元格：请粘贴为数值。"),
    "a score outside its band": ((TARGETS, QUALITATIVE, "评定得分"), "20",
                                 "达成的得分应在24.00至30.00分之间（分值30.00的80%–100%）。"),
    "a score for a computed target": ((TARGETS, COMPUTED, "评定得分"), "12",
                                      "定量指标的得分按规则计算，不填写完成程度和评定得分。"),
    "an achievement not in the list": ((TARGETS, QUALITATIVE, "完成程度"), "完成",
                                       "“完成”不是可选值（可选：达成、部分达成、未达成）。"),
    "three decimals": ((PROJECTS, MONITORING, "全年预算数（元）"), "250000.005", "“250000.005”超过2位小数。"),
    "a negative amount": ((PROJECTS, MONITORING, "全年执行数（元）"), "-1", "不能为负数，文件中为-1。"),
    "text in a number cell": ((TARGETS, MISSED, "分值"), "十分", "“十分”不是数字。"),
    "a unit not the target's": ((TARGETS, MISSED, "实际完成值"), "7600次", "“7600次”不是数字。"),
    "an amount left out": ((PROJECTS, MONITORING, "全年预算数（元）"), None, "不能为空。"),
}


def refusal(budget, content):
    """The import's messages; the database is checked unchanged."""
    before = database_state(budget)
    with pytest.raises(ValidationError) as refused:
        evaluation_workbook.import_evaluation(budget, upload(content), accountant())
    assert database_state(budget) == before
    return refused.value.messages


@pytest.mark.parametrize("place, value, message", REFUSED.values(), ids=REFUSED.keys())
def test_a_wrong_cell_is_refused_with_where_and_why(demo_budget, place, value, message):
    content = evaluation_workbook.workbook(demo_budget)
    sheet, key, column = place

    messages = refusal(demo_budget, typed(content, {place: value}))

    assert f"「{sheet}」第{row_number(content, sheet, key)}行「{column}」：{message}" in messages, messages


def test_every_problem_of_a_file_is_listed_at_once(demo_budget):
    content = evaluation_workbook.workbook(demo_budget)
    changes = {
        (PROJECTS, MONITORING, "全年预算数（元）"): "250000.005",
        (PROJECTS, MONITORING, "全年执行数（元）"): "-1",
        (PROJECTS, OTHER, "全年执行数（元）"): "=E2*0.9",  # no value stored: refused as a formula only
        (TARGETS, MISSED, "分值"): "十分",
        (TARGETS, QUALITATIVE, "评定得分"): "20",
        (TARGETS, COMPUTED, "评定得分"): "12",
        (TARGETS, (OTHER, "涉军公益岗人数"), "三级指标"): "不存在的指标",
    }

    messages = refusal(demo_budget, typed(content, changes))

    places = [message.partition("：")[0] for message in messages]
    assert sorted(places) == sorted(
        f"「{sheet}」第{row_number(content, sheet, key)}行「{column}」" for sheet, key, column in changes), messages


def test_two_rows_of_one_target_are_refused(demo_budget):
    content = evaluation_workbook.workbook(demo_budget)
    other = (MONITORING, "涉稳舆情处置率")

    messages = refusal(demo_budget, typed(content, {(TARGETS, other, "三级指标"): MISSED[1]}))

    first, second = sorted((row_number(content, TARGETS, MISSED), row_number(content, TARGETS, other)))
    assert messages == [f"「指标」第{second}行「三级指标」：与第{first}行是同一个指标。"]


def test_a_workbook_with_nothing_entered_is_refused_rather_than_erasing_the_evaluation(demo_budget):
    IndicatorEvaluation.objects.filter(indicator__project__budget=demo_budget).delete()
    ProjectEvaluation.objects.filter(project__budget=demo_budget).delete()

    assert refusal(demo_budget, evaluation_workbook.workbook(demo_budget)) == [
        "文件中没有填写任何自评内容（全年预算数、实际完成值等）。"]


def test_another_file_is_refused(demo_budget):
    without_targets = edited_workbook(evaluation_workbook.workbook(demo_budget),
                                      lambda workbook: workbook.remove(workbook[TARGETS]))

    assert refusal(demo_budget, without_targets) == ["工作簿缺少工作表：指标（应有：项目、指标；表名须与绩效自评表一致）。"]
    with pytest.raises(ValidationError, match="请上传从系统下载的绩效自评表"):
        evaluation_workbook.import_evaluation(demo_budget, upload(b"a,b\n", "自评.csv"), accountant())
