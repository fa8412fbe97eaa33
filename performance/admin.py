"""A project's own page in the staff site: its 绩效目标 and indicators (绩效指标), with its other details; the
budget's page (budget/admin/budgets.py) lists the projects and links each here. The project is the budget's
(budget.models.Project), so its page keeps the budget's address (admin:budget_project_change)."""

from django import forms
from django.contrib import admin
from django.db.models import Sum
from django.http import HttpResponseRedirect
from django.urls import reverse

from budget import access
from budget.admin.base import (
    ENTRY_STYLE, PROJECT_SCRIPT, BudgetPartInline, BudgetScopedAdmin, RevisionCheckedForm, SpendingPlanForm,
)
from budget.builders.money import table_cell
from budget.models import Budget, Project
from performance.models import PerformanceIndicator

LEVEL1_OF = {level2: level1 for level1, level2s in PerformanceIndicator.LEVEL2_UNDER_LEVEL1.items() for level2 in level2s}


class ProjectForm(SpendingPlanForm, RevisionCheckedForm):
    pass


class Level2Select(forms.Select):
    """The 二级指标 options, each marked with its 一级指标 (the script offers only those of the row's 一级指标)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in LEVEL1_OF:
            option["attrs"]["data-level1"] = str(LEVEL1_OF[value])
        return option


class PerformanceIndicatorInline(BudgetPartInline):
    model = PerformanceIndicator
    fields = ["position", "level1", "level2", "name", "description", "comparator", "target_number", "target_unit",
              "target_text", "target_basis"]

    class Media:
        js = [PROJECT_SCRIPT]

    def budget_of(self, project):
        return project.budget

    def get_extra(self, request, obj=None, **kwargs):
        """A new project gets a row for each 一级指标 (产出, 效益, 满意度), which every project needs."""
        return 1 if obj is not None and obj.indicators.exists() else len(PerformanceIndicator.Level1)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "level2":
            kwargs["widget"] = Level2Select
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Project)
class ProjectAdmin(BudgetScopedAdmin):
    form = ProjectForm
    list_display = ["code", "name", "budget", "amount", "is_special_fund"]
    list_filter = ["budget__year", "is_special_fund"]
    search_fields = ["code", "name", "budget__department__name"]
    autocomplete_fields = ["budget"]
    list_select_related = ["budget__department"]
    inlines = [PerformanceIndicatorInline]

    class Media:
        css = {"all": [ENTRY_STYLE]}
    fieldsets = [
        (None, {"fields": ["budget", "position", "code", "name", "is_special_fund"]}),
        ("预算规模及资金用途", {"fields": ["purpose"]}),
        ("资金支出计划（累计%）", {"fields": [("plan_march", "plan_june", "plan_october", "plan_december")]}),
        ("绩效目标", {"fields": ["goal"]}),
        ("支出说明中的列举", {"fields": ["short_name", "summary_position"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """In the 项目 picker of a line's own page (an autocomplete), only the projects of the budget chosen above
        it, whose id static/entry/line.js sends: never those of the user's other budgets, another department's
        among them; none before a budget is chosen."""
        projects, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (request.GET.get("model_name"), request.GET.get("field_name")) == ("budgetline", "project"):
            chosen = request.GET.get("budget", "")
            budget = Budget.objects.editable_by(request.user).filter(pk=chosen).first() if chosen.isdigit() else None
            projects = access.project_choices(request.user, budget, projects) if budget else projects.none()
        return projects, may_have_duplicates

    def get_queryset(self, request):
        # An aggregate drops the model's default ordering: kept explicitly, for stable pages of the autocomplete.
        return super().get_queryset(request).annotate(line_total=Sum("lines__amount")).order_by(*Project._meta.ordering)

    @admin.display(description="预算数（万元）", ordering="line_total")
    def amount(self, project):
        return table_cell(project.line_total)

    def back_to_budget(self, project):
        """After 保存, back to the budget the project belongs to, where it was opened from."""
        return HttpResponseRedirect(reverse("admin:budget_budget_change", args=[project.budget_id]) + "#projects-group")

    def response_post_save_add(self, request, obj):
        return self.back_to_budget(obj)

    def response_post_save_change(self, request, obj):
        return self.back_to_budget(obj)
