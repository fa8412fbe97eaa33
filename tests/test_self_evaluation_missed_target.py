"""A missed target prints what was reached, the points it kept in proportion and the reason with the improvement;
until the reason is written, the sheet says what is missing."""

from decimal import Decimal as D

from bs4 import BeautifulSoup

from budget.samples import demo
from performance import report
from performance.models import IndicatorEvaluation
from tests.pages import table_grid

MISSED = "提供省直报数量"
REASON = demo.MISSED[MISSED][1]


def sheet_of(budget):
    return BeautifulSoup(report.html(budget), "html.parser").select_one("#self-evaluation-4")


def test_the_demos_missed_target_with_its_reason(demo_budget):
    [row] = [row for row in table_grid(sheet_of(demo_budget).table) if row[3] == MISSED]

    assert row[4:] == ["≥8000条", "7600条", "12.50", "11.88", REASON]  # 7600 ÷ 8000 of 12.50 points

    missed = [row for row in report.open_data(demo_budget) if not row["met"]]
    assert missed == [{
        "project_code": "13011024P00322810012A", "project_name": "2024年网络舆情监测直报项目",
        "level1": "产出指标", "level2": "数量指标", "name": MISSED, "target": "≥8000条", "actual": "7600条",
        "weight": D("12.50"), "score": D("11.88"), "met": False, "deviation": REASON,
    }]


def test_a_missed_target_without_its_reason_is_named_under_its_sheet(demo_budget):
    IndicatorEvaluation.objects.filter(indicator__name=MISSED).update(deviation="")

    problems = sheet_of(demo_budget).select_one(".self-evaluation-problems")

    assert [li.get_text() for li in problems.select("li")] == [
        f"绩效指标“{MISSED}”未完成指标值，请填写偏差原因分析及改进措施。"
    ]
