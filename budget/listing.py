"""The public listing of published budgets (django-tables2: a plain flat table, which it fits)."""

from decimal import Decimal

import django_tables2 as tables

from budget.money import table_cell
from budget.models import Budget


class PublishedBudgetTable(tables.Table):
    year = tables.Column(verbose_name="预算年度")
    department__code = tables.Column(verbose_name="部门编码")
    department__name = tables.Column(verbose_name="部门", linkify=lambda record: record.get_absolute_url())
    total = tables.Column(verbose_name="收支总额（万元）", attrs={"td": {"class": "num"}})
    last_published_at = tables.DateTimeColumn(verbose_name="公开时间", format="Y-m-d")

    class Meta:
        model = Budget
        fields = ["year", "department__code", "department__name", "total", "last_published_at"]
        empty_text = "暂无已公开的部门预算。"
        attrs = {"class": "listing"}

    def render_total(self, value):
        return table_cell(Decimal(value))
