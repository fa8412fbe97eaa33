"""Money: amounts are Decimal 元; people read 万元 with two decimals, rounded half-up per figure."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
YUAN_PER_WAN = Decimal(10000)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def to_wan(yuan: Decimal | int | str) -> Decimal:
    """Convert an exact 元 amount to 万元, rounded half-up to two decimals."""
    return (Decimal(yuan) / YUAN_PER_WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def table_cell(yuan: Decimal | None) -> str:
    """A figure as a table cell: 万元 with two decimals, empty when zero or absent."""
    if not yuan:
        return ""
    return f"{to_wan(yuan):.2f}"


def grouped_yuan(yuan: Decimal) -> str:
    """An exact 元 amount with its thousands grouped, as staff pages show it: "1,234,567.80"."""
    return f"{yuan:,.2f}"


def in_words(yuan: Decimal | None) -> str:
    """A figure as a sentence shows it: "0.00" for zero or absent, as the reference does."""
    return f"{to_wan(yuan or 0):.2f}"


TAIL_DIFFERENCE_NOTE = "注：部分合计数与各分项之和因四舍五入存在尾差。"


def has_tail_difference(total: Decimal | None, parts: Iterable[Decimal | None]) -> bool:
    """True when a total, printed in 万元, differs from the sum of its parts printed one by one (尾差): each figure
    is rounded on its own, so 2,716,250.00 元 prints 271.63 while its parts print 233.32 and 38.30. A part may be
    negative (a decrease); it rounds away from zero as its magnitude does."""
    return to_wan(total or ZERO) != sum((to_wan(part or ZERO) for part in parts), ZERO)


def percent(part: Decimal, whole: Decimal | None, places: Decimal = TENTH) -> str:
    """part as a percentage of whole, rounded half-up to places (one decimal unless told: "64.2%"; the final
    accounts print two, places=CENT: "98.20%"); "—" when the whole is zero or absent."""
    if not whole:
        return "—"
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(places, rounding=ROUND_HALF_UP)}%"
