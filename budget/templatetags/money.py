import re
from decimal import Decimal

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from budget.builders import money, narrative

register = template.Library()


@register.filter
def cell(value: Decimal | str | None) -> str:
    """Render a table cell: Decimal 元 as 万元 (empty when zero), anything else as it is."""
    if isinstance(value, Decimal):
        return money.table_cell(value)
    return "" if value is None else value


@register.filter
def yuan(value: Decimal) -> str:
    """Render 元 as staff pages show it, its thousands grouped."""
    return money.grouped_yuan(value)


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
    """The non-blank lines of a text field, one paragraph each, each closed by its mark (narrative.closed)."""
    return [narrative.closed(line) for line in (text or "").splitlines() if line.strip()]


@register.filter
def is_list_heading(paragraph: str) -> bool:
    """True for a heading of a list in an accountant's text (narrative.is_list_heading)."""
    return narrative.is_list_heading(paragraph)


# A figure and its unit, kept on one line: "0.00" at a line's end and "万元" at the next one's start read as two things.
FIGURE_WITH_UNIT = re.compile(r"[≥≤><]?\d[\d,]*(?:\.\d+)?(?:万元|元|%|年|个|分)")
KEPT = '<span class="nowrap">{}</span>'  # white-space: nowrap (static/css/pdf.css, site.css)


@register.filter
def typeset(text: str) -> SafeString:
    """A paragraph as printed: book titles without a 顿号 between them, each figure kept on one line with its unit."""
    escaped = conditional_escape(narrative.adjacent_book_titles(text))
    return mark_safe(FIGURE_WITH_UNIT.sub(lambda match: KEPT.format(match.group()), escaped))


@register.filter
def balanced(title: str) -> SafeString:
    """A title whose last four characters stay together: a title that wraps never leaves one alone on its last line."""
    return format_html("{}" + KEPT, title[:-4], title[-4:])


@register.filter
def two_decimals(value: Decimal) -> str:
    """A Decimal already in 万元, with two decimals."""
    return f"{value:.2f}"
