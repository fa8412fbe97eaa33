"""An evaluation typed into the 绩效自评表 is entered: amounts as numbers or text, a quantitative target's value with
its unit, a qualitative target's 完成程度 and judged score; a row left blank is a target not yet evaluated, and the
budget's other evaluations are kept as the file holds them."""

from decimal import Decimal as D

import pytest

from performance import evaluation, evaluation_workbook
from performance.models import IndicatorEvaluation, ProjectEvaluation
from tests.evaluation_files import (
    MISSED,
    MONITORING,
    PROJECTS,
    QUALITATIVE,
    TARGETS,
    accountant,
    evaluations,
    typed,
    upload,
)

pytestmark = pytest.mark.usefixtures("demo_for_the_module")


def test_an_evaluation_typed_into_the_workbook_is_entered(demo_budget):
    ProjectEvaluation.objects.filter(project__code=MONITORING).delete()
    IndicatorEvaluation.objects.filter(indicator__project__code=MONITORING).delete()
    others = evaluations(demo_budget)
    content = typed(evaluation_workbook.workbook(demo_budget), {
        (PROJECTS, MONITORING, "全年预算数（元）"): 250000,  # a number cell, as Excel stores what is typed
        (PROJECTS, MONITORING, "全年执行数（元）"): "230,000.00",
        (PROJECTS, MONITORING, "年度总体目标实际完成情况"): "完成省直报7600条，舆情处置及时。",
        (TARGETS, MISSED, "实际完成值"): "7600条",  # with the 指标值's unit
        (TARGETS, MISSED, "偏差原因分析及改进措施"): "平台升级，报送暂停一个月。",
        (TARGETS, (MONITORING, "涉稳舆情处置率"), "实际完成值"): "85%",
        (TARGETS, (MONITORING, "报送舆情时间按时完成率"), "实际完成值"): 100,
        (TARGETS, (MONITORING, "舆情监测直报成本"), "实际完成值"): "24.5",
        (TARGETS, QUALITATIVE, "实际完成值"): "全年未发生重大网络安全事件",
        (TARGETS, QUALITATIVE, "完成程度"): "部分达成",
        (TARGETS, QUALITATIVE, "评定得分"): "20",
        (TARGETS, QUALITATIVE, "偏差原因分析及改进措施"): "一次短时中断，已加装备用线路。",  # 部分达成 is not met
        # 使用单位成员满意度 left blank: not evaluated yet, though its 分值 is pre-filled
    })

    parsed = evaluation_workbook.import_evaluation(demo_budget, upload(content), accountant())

    assert parsed.summary() == "项目自评6个，指标自评39个"
    [monitoring] = [each for each in evaluation.for_budget(demo_budget) if each.project.code == MONITORING]
    assert (monitoring.evaluation.full_year_budget, monitoring.evaluation.executed) == (D("250000.00"), D("230000.00"))
    assert monitoring.evaluation.achieved_goal == "完成省直报7600条，舆情处置及时。"
    entered = {target.indicator.name: target.evaluation for target in monitoring.targets}
    assert [entered[name].actual_number for name in ("提供省直报数量", "涉稳舆情处置率", "报送舆情时间按时完成率", "舆情监测直报成本")] \
        == [D("7600.00"), D("85.00"), D("100.00"), D("24.50")]
    assert entered["提供省直报数量"].score == D("11.88")  # 12.5 × 7600 ÷ 8000
    qualitative = entered["网络安全稳定运行"]
    assert (qualitative.actual_text, qualitative.achievement, qualitative.score) == (
        "全年未发生重大网络安全事件", "partly", D("20.00"))
    assert entered["使用单位成员满意度"] is None
    assert monitoring.problems() == ["绩效指标“使用单位成员满意度”尚未自评。"]
    monitoring_targets = {target.indicator.pk for target in monitoring.targets}
    projects, targets = evaluations(demo_budget)
    assert ([each for each in projects if each["project__code"] != MONITORING],
            [each for each in targets if each["indicator_id"] not in monitoring_targets]) == others  # as they were
