"""The entry workbook's 绩效指标 sheet: its columns, closed lists, guidance and example row, a budget's indicators as
its rows, and its rows read back as indicators. The workbook around it is the budget's
(budget/exchange/entry_workbook.py), and so is its import, all sheets in one transaction (budget/exchange/imports.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from budget.exchange.data_sheets import (
    Problems,
    choice,
    duplicates,
    labels,
    model_errors,
    one_of,
    project_in_file,
    read_cells,
)
from performance.models import PerformanceIndicator

if TYPE_CHECKING:
    from budget.exchange.spreadsheet import Sheet
    from budget.models import Project

INDICATORS = "绩效指标"
COLUMNS = ["项目编码", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]

LEVEL1 = labels(PerformanceIndicator.Level1.choices)
LEVEL2 = labels(PerformanceIndicator.Level2.choices)
BASES = labels(PerformanceIndicator.Basis.choices)
# Keyed by choices, enums of str, which the checker, without Django's stubs, reads as the (value, label) tuples declared.
_LEVEL2_UNDER_LEVEL1: dict[Any, set[Any]] = PerformanceIndicator.LEVEL2_UNDER_LEVEL1
# 二级指标 by 一级指标, in the choices' order; each list is named after its 一级指标, which INDIRECT looks up.
LEVEL2_BY_LEVEL1 = {
    level1_label: [label for label, value in LEVEL2.items() if value in _LEVEL2_UNDER_LEVEL1[LEVEL1[level1_label]]]
    for level1_label in LEVEL1
}
BY_LEVEL1 = "INDIRECT"  # 二级指标: the list named by the row's 一级指标
LISTS = {"一级指标": list(LEVEL1), **LEVEL2_BY_LEVEL1, "指标值确定依据": list(BASES)}  # the workbook's named lists
VALIDATED = {"一级指标": "一级指标", "二级指标": BY_LEVEL1, "指标值确定依据": "指标值确定依据"}  # column → its list

HELP = {  # column → how to fill it
    "项目编码": "必填，「项目」表中的项目编码。每个项目须有产出、效益、满意度三类指标。",
    "一级指标": f"必填，从下拉列表选择：{one_of(LEVEL1)}。",
    "二级指标": "必填，从下拉列表选择，列表随一级指标变化：" + "；".join(
        f"{level1}：{one_of(level2)}" for level1, level2 in LEVEL2_BY_LEVEL1.items()) + "。",
    "三级指标": "必填，指标名称，如“宣传活动次数”。",
    "绩效指标描述": "可不填，对指标的说明。",
    "指标值": "必填。数值指标写比较符、数值和单位，如 ≥90%、2名、≤25万元（比较符可为≥≤=><，省略即为=）；定性指标直接写文字，如“明显提升”。",
    "指标值确定依据": f"必填，从下拉列表选择：{one_of(BASES)}。",
}
EXAMPLE = {"项目编码": "SL-001", "一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "宣传活动次数",  # the 项目 sheet's example
           "绩效指标描述": "全年开展网络安全宣传活动的次数", "指标值": "≥4次", "指标值确定依据": "工作计划"}

FIELD_COLUMNS = {  # the model's fields → the columns their errors are placed on
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "description": "绩效指标描述",
    "comparator": "指标值", "target_number": "指标值", "target_unit": "指标值", "target_text": "指标值",
    "target_basis": "指标值确定依据",
}
TARGET = re.compile(r"^(?P<comparator>[≥≤=><]?)\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>\S{0,20})$")


def rows(projects: Iterable[Project]) -> list[list[str]]:
    """The sheet's rows: each project's indicators, prefetched, in the model's order (position, pk)."""
    return [
        [project.code, indicator.get_level1_display(), indicator.get_level2_display(), indicator.name,
         indicator.description, indicator.target, indicator.get_target_basis_display()]
        for project in projects for indicator in project.indicators.all()
    ]


def parse(errors: list[str], sheet: Sheet, projects: Mapping[str, Project]) -> list[PerformanceIndicator]:
    """The sheet's rows as unsaved indicators of the file's projects (by code), every problem added to errors."""
    problems = Problems(errors, INDICATORS)
    duplicates(problems, sheet, ["项目编码", "一级指标", "二级指标", "三级指标"])
    indicators = []
    for position, (number, record) in enumerate(sheet.rows, start=1):
        project = project_in_file(problems, number, record["项目编码"] or "—", projects)
        indicator = PerformanceIndicator(
            project=project, name=record["三级指标"], description=record["绩效指标描述"], position=position,
            **read_cells(
                level1=choice(problems, number, "一级指标", record["一级指标"], LEVEL1),
                level2=choice(problems, number, "二级指标", record["二级指标"], LEVEL2),
                target_basis=choice(problems, number, "指标值确定依据", record["指标值确定依据"], BASES),
            ),
            **_target(record["指标值"]),
        )
        if not indicator.name:
            problems.add(number, "三级指标", "不能为空。")
        model_errors(problems, number, indicator, FIELD_COLUMNS, exclude=["project"])
        indicators.append(indicator)
    return indicators


def _target(text: str) -> dict[str, str | Decimal]:
    """"≥90%" → comparator, number and unit; anything not starting with a number is a qualitative target."""
    match = TARGET.match(text)
    if not match:
        return {"target_text": text}
    return {"comparator": match["comparator"] or "=", "target_number": Decimal(match["number"]), "target_unit": match["unit"]}
