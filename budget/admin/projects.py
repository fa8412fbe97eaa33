"""Projects and their performance indicators (绩效指标), parts of a budget."""

from django.contrib import admin
from django.db.models import Sum

from budget.admin.base import BudgetPartInline, BudgetScopedAdmin
from budget.builders.money import table_cell
from budget.models import PerformanceIndicator, Project


class PerformanceIndicatorInline(BudgetPartInline):
    model = PerformanceIndicator
    fields = ["position", "level1", "level2", "name", "description", "comparator", "target_number", "target_unit",
              "target_text", "target_basis"]
    extra = 1

    def budget_of(self, project):
        return project.budget


@admin.register(Project)
class ProjectAdmin(BudgetScopedAdmin):
    list_display = ["code", "name", "budget", "amount", "is_special_fund"]
    list_filter = ["budget__year", "is_special_fund"]
    search_fields = ["code", "name", "budget__department__name"]
    autocomplete_fields = ["budget"]
    list_select_related = ["budget__department"]
    inlines = [PerformanceIndicatorInline]
    fieldsets = [
        (None, {"fields": ["budget", "position", "code", "name", "is_special_fund"]}),
        ("预算规模及资金用途", {"fields": ["purpose"]}),
        ("资金支出计划（累计%）", {"fields": [("plan_march", "plan_june", "plan_october", "plan_december")]}),
        ("绩效目标", {"fields": ["goal"]}),
        ("支出说明中的列举", {"fields": ["short_name", "summary_position"]}),
    ]

    def get_queryset(self, request):
        # An aggregate drops the model's default ordering: kept explicitly, for stable pages of the autocomplete.
        return super().get_queryset(request).annotate(line_total=Sum("lines__amount")).order_by(*Project._meta.ordering)

    @admin.display(description="预算数（万元）", ordering="line_total")
    def amount(self, project):
        return table_cell(project.line_total)
