"""A project's 项目支出绩效自评表 prints in the standard layout of 财预〔2020〕10号's annex: money in 万元 rounded per
figure, 执行率 with one decimal, scores with two, 一级 and 二级 cells spanning their targets, 总分 and 自评等级."""

from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup

from budget.builders.money import TAIL_DIFFERENCE_NOTE
from budget.samples import demo
from performance import report
from performance.report_tables import DASH, Funds, ProjectFacts, TargetFacts, sheet
from tests.pages import table_grid

DEPARTMENT = "中共石家庄市鹿泉区委网络安全和信息化委员会"
UNIT = "中共石家庄市鹿泉区委网络安全和信息化委员会办公室本级"
NAME = "2024年网络舆情监测直报项目"
GOAL = next(project["goal"] for project in demo.PROJECTS if project["name"] == NAME)
ACHIEVED = f"{demo.SAMPLE_MARK}{GOAL.removeprefix('1.目标内容：').removesuffix('。')}，已按计划完成。"
REASON = demo.MISSED["提供省直报数量"][1]


def test_the_demos_sheet_reads_back_cell_for_cell(demo_budget):
    page = BeautifulSoup(report.html(demo_budget), "html.parser")
    section = page.select_one("#self-evaluation-4")

    assert section.h4.get_text(strip=True) == f"4、{NAME}绩效自评表"
    assert [span.get_text(strip=True) for span in section.select("p.table-meta span")] == ["（2024年度）", "单位：万元"]
    assert table_grid(section.table) == [
        ["项目名称", *[NAME] * 8],
        ["主管部门", *[DEPARTMENT] * 3, "实施单位", "实施单位", *[UNIT] * 3],
        ["项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["项目资金（万元）", "年度资金总额", "年度资金总额", "25.00", "25.00", "23.00", "10.00", "92.0%", "9.20"],
        ["项目资金（万元）", "其中：当年财政拨款", "其中：当年财政拨款", "25.00", *[DASH] * 5],
        ["项目资金（万元）", "上年结转资金", "上年结转资金", "", *[DASH] * 5],  # nothing carried over: blank, as zeros are
        ["项目资金（万元）", "其他资金", "其他资金", "", *[DASH] * 5],
        ["年度总体目标", *["预期目标"] * 4, *["实际完成情况"] * 4],
        ["年度总体目标", *[GOAL] * 4, *[ACHIEVED] * 4],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["绩效指标", "产出指标", "数量指标", "提供省直报数量", "≥8000条", "7600条", "12.50", "11.88", REASON],
        ["绩效指标", "产出指标", "质量指标", "涉稳舆情处置率", "≥80%", "80%", "12.50", "12.50", ""],
        ["绩效指标", "产出指标", "时效指标", "报送舆情时间按时完成率", "100%", "100%", "12.50", "12.50", ""],
        ["绩效指标", "产出指标", "成本指标", "舆情监测直报成本", "≤25万元", "25万元", "12.50", "12.50", ""],
        ["绩效指标", "效益指标", "可持续影响指标", "网络安全稳定运行", "网络安全", "已完成", "30.00", "30.00", ""],
        ["绩效指标", "满意度指标", "服务对象满意度指标", "使用单位成员满意度", "≥80%", "80%", "10.00", "10.00", ""],
        [*["总分"] * 6, "100.00", "98.58", ""],  # 9.20 + 11.88 (7600 ÷ 8000 of 12.50) + 3 × 12.50 + 30 + 10
        [*["自评等级"] * 6, "优", "优", "优"],
    ]
    first_target = section.select("tbody tr")[10].find_all("td")
    assert (first_target[0]["rowspan"], first_target[1].get("rowspan")) == ("4", None)  # 产出 spans its four
    assert not section.select(".tail-note, .self-evaluation-problems")


def test_every_project_of_the_demo_has_its_sheet_in_the_documents_order(demo_budget):
    page = BeautifulSoup(report.html(demo_budget), "html.parser")

    titles = [h4.get_text(strip=True) for h4 in page.select(".self-evaluation-sheet h4")]
    assert titles == [f"{number}、{project['name']}绩效自评表" for number, project in enumerate(demo.PROJECTS, start=1)]
    assert page.title.get_text().startswith(f"{DEPARTMENT}2024年度项目支出绩效自评")


def facts(initial, targets=(), full_year_budget=None, executed=None, total=None, grade=None, units=(None,)):
    return ProjectFacts(
        number=1, code="P1", name="测试项目", label="测试", department="测试局", units=units, initial=initial,
        full_year_budget=full_year_budget, executed=executed, goal="目标", achieved_goal="", targets=targets,
        total=total, grade=grade, problems=[],
    )


def test_the_initial_budget_is_split_by_source_each_figure_rounded_on_its_own_with_the_tail_note():
    funds = Funds().plus("general_budget", False, D("5050.00")).plus("general_budget", True, D("5050.00"))
    funds = funds.plus("service_revenue", False, D("10000.00"))  # carried over whatever its source; the rest is other

    built = sheet(facts(funds, full_year_budget=D("20100.00"), executed=D("20100.00")))

    assert [(row.label, row.cells[0]) for row in built.fund_rows] == [
        ("年度资金总额", "2.01"), ("其中：当年财政拨款", "0.51"), ("上年结转资金", "0.51"), ("其他资金", "1.00"),
    ]
    assert built.fund_rows[0].cells[1:] == ("2.01", "2.01", "10.00", "100.0%", "10.00")
    assert built.tail_note == TAIL_DIFFERENCE_NOTE  # 2.01 printed against 0.51 + 0.51 + 1.00
    assert sheet(facts(Funds(fiscal=D("250000.00")))).tail_note == ""


@pytest.mark.parametrize(("number", "places", "unit", "printed"), [
    (D("7600.00"), 0, "条", "7600条"), (D("95.50"), 0, "%", "95.5%"), (D("8.50"), 2, "万元", "8.50万元"),
])
def test_an_actual_value_prints_as_entered_in_its_targets_unit(number, places, unit, printed):
    assert report.report_tables.measured(number, places, unit) == printed


def test_a_project_not_yet_evaluated_prints_its_budget_and_leaves_the_rest_blank():
    target = TargetFacts("产出指标", "数量指标", "宣传次数", "≥5次", "", None, None, None, "")

    built = sheet(facts(Funds(fiscal=D("250000.00")), targets=[target], units=(None, "某单位")))

    assert built.fund_rows[0].cells == ("25.00", "", "", "10.00", "", "")
    assert [cell.text for cell in built.indicator_rows[0]] == ["产出指标", "数量指标", "宣传次数", "≥5次", "", "", "", ""]
    assert (built.total, built.grade, built.units) == ("", "", "测试局、某单位")
