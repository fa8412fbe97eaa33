"""The review rules about projects' performance indicators (绩效指标), among the budget's rules (budget/checks.py):
registered there as the app loads (performance/apps.py), they run with the others, in id order."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from budget.builders.money import YUAN_PER_WAN, in_words
from budget.checks import ERROR, Facts, FindingFields, about_project, rule
from performance.models import PerformanceIndicator

COST_UNITS = {"元": Decimal(1), "万元": YUAN_PER_WAN, "万": YUAN_PER_WAN}  # other units are not money
# Choices are enums of str, which the checker, without Django's stubs, reads as the (value, label) tuples declared.
Level1: Any = PerformanceIndicator.Level1


@rule("C06", ERROR, "项目须有产出、效益、满意度三类一级指标")
def indicators_cover_level1(facts: Facts) -> Iterable[FindingFields]:
    """Each project has indicators under all three 一级指标."""
    for sheet in facts.doc.project_sheets:
        present = {indicator.level1 for indicator in sheet.project.indicators.all()}
        missing = [level.label for level in Level1 if level not in present]
        if missing:
            yield about_project(sheet.project, f"缺少{'、'.join(missing)}。", "绩效指标", "一级指标")


@rule("C07", ERROR, "项目须有成本指标，且指标值不超过项目金额")
def cost_indicators_within_amount(facts: Facts) -> Iterable[FindingFields]:
    """Each project has a 成本指标; none whose 元 target (元/万元/万) is above the project's amount."""
    for sheet in facts.doc.project_sheets:
        project = sheet.project
        costs = [i for i in project.indicators.all() if i.level2 == PerformanceIndicator.Level2.COST]
        if not costs:
            yield about_project(project, "没有成本指标。", "绩效指标", "成本指标")
        for indicator in costs:
            factor = COST_UNITS.get(indicator.target_unit.strip())
            if indicator.target_number is None or factor is None:
                continue
            target = indicator.target_number * factor
            if target > sheet.amount:
                yield about_project(
                    project,
                    f"的成本指标“{indicator.name}”指标值{in_words(target)}万元，超过项目金额{in_words(sheet.amount)}万元。",
                    "绩效指标", "指标值", row=f"{project.code}/{indicator.name}",
                )
