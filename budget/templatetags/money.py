from decimal import Decimal

from django import template

from budget.builders import money

register = template.Library()


@register.filter
def cell(value: Decimal | str | None) -> str:
    """Render a table cell: Decimal 元 as 万元 (empty when zero), anything else as it is."""
    if isinstance(value, Decimal):
        return money.table_cell(value)
    return "" if value is None else value


@register.filter
def wan(value: Decimal | None) -> str:
    """Render 元 as 万元 for a sentence ("0.00" when zero)."""
    return money.in_words(value)


@register.filter
def is_figure(value: object) -> bool:
    """True for a money cell (right-aligned), false for labels and codes."""
    return isinstance(value, Decimal) or value is None


@register.filter
def paragraphs(text: str | None) -> list[str]:
    """The non-blank lines of a text field, one paragraph each."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def two_decimals(value: Decimal) -> str:
    """A Decimal already in 万元, with two decimals."""
    return f"{value:.2f}"
