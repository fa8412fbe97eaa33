"""A project's 绩效指标 table: 一级 cells span all their rows, 二级 cells each run of equal rows."""

import pytest

from budget.models import Project
from budget.samples.synthetic import make_line, publish
from performance.builders import indicator_rows
from performance.models import PerformanceIndicator
from tests.pages import page_soup, table_grid


def indicator(level1, level2, name):
    return (level1, level2, name, f"{name}描述", "≥1次", "工作计划")


def shape(rows):
    """Each row as (text, rowspan) for its first cells, so spans are easy to read."""
    return [[(cell.text, cell.rowspan) for cell in row[:-4]] for row in rows]


def test_a_single_indicator_spans_nothing():
    assert shape(indicator_rows([indicator("产出指标", "数量指标", "a")])) == [[("产出指标", 1), ("数量指标", 1)]]


@pytest.mark.parametrize("count", [2, 5, 12])
def test_level1_spans_all_its_indicators(count):
    rows = indicator_rows([indicator("产出指标", "数量指标", f"n{i}") for i in range(count)])

    assert shape(rows)[0] == [("产出指标", count), ("数量指标", count)]
    assert all(shape(rows)[i] == [] for i in range(1, count))
    assert [row[-4].text for row in rows] == [f"n{i}" for i in range(count)]


def test_level2_spans_only_consecutive_equal_rows_within_its_level1():
    rows = indicator_rows([
        indicator("产出指标", "数量指标", "a"),
        indicator("产出指标", "成本指标", "b"),
        indicator("产出指标", "成本指标", "c"),
        indicator("产出指标", "数量指标", "d"),
        indicator("效益指标", "社会效益指标", "e"),
        indicator("满意度指标", "服务对象满意度指标", "f"),
    ])

    assert shape(rows) == [
        [("产出指标", 4), ("数量指标", 1)],
        [("成本指标", 2)],
        [],
        [("数量指标", 1)],
        [("效益指标", 1), ("社会效益指标", 1)],
        [("满意度指标", 1), ("服务对象满意度指标", 1)],
    ]


def test_rendered_table_spans_cells_and_orders_level1_in_the_standard_order(client, draft_budget):
    project = Project.objects.create(budget=draft_budget, code="P1", name="测试项目", position=1)
    make_line(draft_budget, kind="project", project=project)
    for position, (level1, level2) in enumerate(
        [("satisfaction", "beneficiary_satisfaction"), ("output", "cost"), ("output", "cost"), ("effect", "social")]
    ):
        PerformanceIndicator.objects.create(
            project=project, level1=level1, level2=level2, name=f"指标{position}", target_text="好",
            target_basis="工作计划", position=position,
        )
    publish(draft_budget)

    table = page_soup(client.get("/budgets/2024/301/")).select_one("#project-1 table.indicators")

    first_row = table.select("tbody tr")[0].find_all("td")
    assert (first_row[0]["rowspan"], first_row[1]["rowspan"]) == ("2", "2")
    assert [row[:3] for row in table_grid(table)] == [
        ["产出指标", "成本指标", "指标1"],
        ["产出指标", "成本指标", "指标2"],
        ["效益指标", "社会效益指标", "指标3"],
        ["满意度指标", "服务对象满意度指标", "指标0"],
    ]
