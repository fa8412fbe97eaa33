"""The department's self-evaluation summary: how many projects are evaluated, their 全年预算数 and 执行数, the mean
score and how many of each grade, as a sentence whose figures keep their units and as a table; and a chart of each
project's targets met."""

from bs4 import BeautifulSoup

from performance import report
from performance.models import ProjectEvaluation
from tests.pages import table_grid

SENTENCE = "2024年度6个项目完成绩效自评，全年预算数151.43万元，全年执行数146.63万元，平均99.60分；其中优6个、良0个、中0个、差0个。"


def summary_of(budget):
    return BeautifulSoup(report.html(budget), "html.parser").select_one("#self-evaluation-summary")


def test_the_demos_summary(demo_budget):
    summary = summary_of(demo_budget)

    sentence = summary.select_one("p.statement")
    assert sentence.get_text() == SENTENCE
    # 114,300 + 250,000 × 0.96 + 300,000 × 0.98 + 250,000 × 0.92 + 300,000 × 0.98 × 2 = 1,466,300 元 executed;
    # scores 100.00, 99.60, 99.80, 98.58, 99.80, 99.80: their mean 99.5966… rounds to 99.60.
    assert [span.get_text() for span in sentence.select("span.nowrap")] == [
        "2024年", "6个", "151.43万元", "146.63万元", "99.60分", "6个", "0个", "0个", "0个",
    ]
    table = summary.select_one("table.self-evaluation-summary-table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "项目个数", "全年预算数（万元）", "全年执行数（万元）", "平均分", "优", "良", "中", "差",
    ]
    assert table_grid(table) == [["6", "151.43", "146.63", "99.60", "6", "0", "0", "0"]]


def test_the_chart_counts_each_projects_targets_met(demo_budget):
    chart = summary_of(demo_budget).select_one("#chart-targets-met")

    assert chart.figcaption.get_text() == "各项目完成的绩效指标"
    assert [th.get_text() for th in chart.select("thead th")] == ["项目", "完成的绩效指标（个）"]
    assert table_grid(chart.select_one("table")) == [
        ["涉军岗位（共7个）", "7"], ["网络安全技术支持项目（共7个）", "7"], ["网络文明建设服务项目（共7个）", "7"],
        ["舆情监测直报项目（共6个）", "5"], ["网络重点平台宣传项目（共7个）", "7"], ["舆情中心运行费（共6个）", "6"],
    ]
    assert chart.svg.select_one("title").get_text() == "各项目完成的绩效指标" and "5个" in chart.svg.get_text()


def test_only_complete_evaluations_count(demo_budget):
    ProjectEvaluation.objects.filter(project__code="13011024P00322810012A").delete()  # 舆情监测直报项目: 25.00 of 23.00

    summary = summary_of(demo_budget)

    assert table_grid(summary.select_one("table")) == [["5", "126.43", "123.63", "99.80", "5", "0", "0", "0"]]


def test_a_budget_with_no_evaluated_project_says_so(draft_budget):
    summary = summary_of(draft_budget)

    assert summary.select_one("p.statement").get_text() == "2024年度尚无完成绩效自评的项目。"
    assert table_grid(summary.select_one("table")) == [["0", "0.00", "0.00", "—", "0", "0", "0", "0"]]
