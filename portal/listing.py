"""The portal's listing tables (django-tables2: flat, sortable and paginated, which it fits)."""

import re
from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.http import QueryDict
from django.urls import reverse

from budget.builders.money import table_cell
from budget.models import PublishedVersion


class MoneyColumn(tables.Column):
    """元 shown as 万元, right-aligned."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # django-tables2's Column's arguments
        super().__init__(*args, attrs={"td": {"class": "num"}, "th": {"class": "num"}}, **kwargs)

    def render(self, value: Decimal | None) -> str:
        return table_cell(value) or "0.00"


class YearTable(tables.Table):
    """A year's published budgets with their main figures and the change from last year."""

    # First, so that it stays in view (sticky) while a phone scrolls the figures sideways.
    department = tables.Column(verbose_name="部门", accessor="department_name",
                               order_by=("budget__department__code",),
                               linkify=lambda record: reverse("budget-detail", args=[record.budget.year,
                                                                                     record.budget.department.code]))
    code = tables.Column(verbose_name="部门编码", accessor="budget__department__code")
    expenditure_total = MoneyColumn(verbose_name="支出总额（万元）")
    basic_total = MoneyColumn(verbose_name="基本支出（万元）")
    project_total = MoneyColumn(verbose_name="项目支出（万元）")
    three_public_total = MoneyColumn(verbose_name="“三公”经费（万元）")
    change = tables.Column(verbose_name="比上年增减（万元）", attrs={"td": {"class": "num"}, "th": {"class": "num"}},
                           default="无上年数据")
    published_at = tables.DateTimeColumn(verbose_name="公开时间", format="Y-m-d")

    class Meta:
        model = PublishedVersion
        fields: list[str] = []
        sequence = ["department", "code", "expenditure_total", "basic_total", "project_total", "three_public_total",
                    "change", "published_at"]
        empty_text = "本年度暂无已公开的部门预算。"
        attrs = {"class": "listing"}
        order_by = ("code",)

    def render_change(self, value: Decimal) -> str:
        return f"{'+' if value > 0 else ''}{table_cell(value) or '0.00'}"


# A page number as a link writes it: no sign, no leading zero, at most six digits.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def year_query(params: QueryDict) -> str:
    """The year listing's query string, from the parameters its links write (a column to sort by, a page number)
    when valid, in a fixed order."""
    canonical = QueryDict(mutable=True)
    sort = params.get("sort", "")
    if sort.removeprefix("-") in YearTable.base_columns:
        canonical["sort"] = sort
    page = params.get("page", "")
    if PAGE_NUMBER.fullmatch(page):
        canonical["page"] = page
    return canonical.urlencode()


def sitemap_query(params: QueryDict) -> str:
    """The sitemap's query string: its page number when valid."""
    page = params.get("p", "")
    return f"p={page}" if PAGE_NUMBER.fullmatch(page) else ""
