"""What a department's final accounts (部门决算) are made of, as plain values: the builders' input.

Every table and every figure of the explanation derives from these (docs/final-accounts.md); the database's
models (final_accounts/models.py) hand them over in a constant number of queries.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from budget.builders import tables
from budget.builders.tables import FISCAL_SOURCES

# Funds a carry-over (结转和结余) belongs to: the three fiscal ones, and the department's own money.
GENERAL_BUDGET, GOVERNMENT_FUND, STATE_CAPITAL = FISCAL_SOURCES
NON_FISCAL = "non_fiscal"  # 非财政拨款
FUNDS = (*FISCAL_SOURCES, NON_FISCAL)

START = "start"  # 年初结转和结余
END = "end"  # 年末结转和结余

# "三公"经费 items, in the order the tables print them
OVERSEAS_TRAVEL = "overseas_travel"  # 因公出国（境）费
VEHICLE_PURCHASE = "vehicle_purchase"  # 公务用车购置费
VEHICLE_UPKEEP = "vehicle_upkeep"  # 公务用车运行维护费
RECEPTION = "reception"  # 公务接待费
THREE_PUBLIC_ITEMS = (OVERSEAS_TRAVEL, VEHICLE_PURCHASE, VEHICLE_UPKEEP, RECEPTION)
# The items by the economic 款 that spend them: the budget's own definition (budget.builders.tables).
THREE_PUBLIC_CODES = {
    OVERSEAS_TRAVEL: tables.OVERSEAS_TRAVEL,
    VEHICLE_PURCHASE: tables.VEHICLE_PURCHASE,
    VEHICLE_UPKEEP: tables.VEHICLE_UPKEEP,
    RECEPTION: tables.RECEPTION,
}


@dataclass(frozen=True)
class ActualLine:
    """One line of actual expenditure (决算明细): 功能分类 项, 经济分类 款, kind (budget.builders.tables' BASIC,
    PROJECT, …) and source (one of the budget's funding sources), in 元."""

    function_code: str
    economic_code: str
    kind: str
    source: str
    amount: Decimal


@dataclass(frozen=True)
class IncomeLine:
    """Income of the year (本年收入) by 功能分类 项 and source, in 元."""

    function_code: str
    source: str
    amount: Decimal


@dataclass(frozen=True)
class CarryOver:
    """结转和结余 of one fund at the start or the end of the year, by 功能分类 项 where the fund tables need it
    ("" where not), in 元."""

    fund: str
    moment: str
    amount: Decimal
    function_code: str = ""


@dataclass(frozen=True)
class ItemBudget:
    """A 功能分类 项's 年初预算 of 一般公共预算财政拨款 (from the published budget, or entered), what it was used for
    and why the actual differs."""

    function_code: str
    initial_budget: Decimal
    purpose: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Accounts:
    """Everything the nine tables need."""

    lines: tuple[ActualLine, ...]
    income: tuple[IncomeLine, ...]
    carryovers: tuple[CarryOver, ...]
    non_fiscal_balance_used: Decimal = Decimal(0)  # 使用非财政拨款结余（含专用结余）
    balance_distribution: Decimal = Decimal(0)  # 结余分配
    three_public_budget: dict[str, Decimal] = field(default_factory=dict)  # 预算数 by THREE_PUBLIC_ITEMS
