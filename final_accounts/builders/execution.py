"""预算执行: the year's budget set against its final accounts, per 功能分类 类 and 项, with the execution rate.

Pure: 一般公共预算财政拨款 支出决算 and 年初预算 by 项 in (the explanation's figures, final_accounts/builders/narrative.py,
and the baseline), rows out: the same figures as its 完成年初预算 sentences (docs/final-accounts.md).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budget.builders import codes
from budget.builders.money import ZERO

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class ExecutionRow:
    """A 类 or 项: its 年初预算 and 决算 in 元."""

    code: str
    name: str
    budget: Decimal
    actual: Decimal

    @property
    def level(self) -> str:
        return codes.level(self.code) if self.code else "total"

    @property
    def difference(self) -> Decimal:
        """决算 less 年初预算: negative where less was spent than budgeted."""
        return self.actual - self.budget

    @property
    def rate(self) -> Decimal | None:
        """决算 as a percentage of 年初预算, two decimals; None where there was no budget (no rate to state)."""
        if not self.budget:
            return None
        return (self.actual * 100 / self.budget).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def rows(actual_by_item: dict[str, Decimal], item_budgets: dict[str, Decimal], names: dict[str, str]) -> list[ExecutionRow]:
    """Each 类 then its 项, in code order, wherever a budget or an actual is not zero; the 合计 row first."""
    budget: defaultdict[str, Decimal] = defaultdict(lambda: ZERO, item_budgets)
    actual: defaultdict[str, Decimal] = defaultdict(lambda: ZERO, actual_by_item)
    items = sorted(code for code in {*budget, *actual} if budget[code] or actual[code])
    classes = sorted({codes.class_code(code) for code in items})
    result = [ExecutionRow("", "合计", sum(budget.values(), ZERO), sum(actual.values(), ZERO))]
    for class_code in classes:
        members = [code for code in items if code.startswith(class_code)]
        result.append(ExecutionRow(
            class_code, names.get(class_code, class_code),
            sum((budget[code] for code in members), ZERO), sum((actual[code] for code in members), ZERO),
        ))
        result += [ExecutionRow(code, names.get(code, code), budget[code], actual[code]) for code in members]
    return result
