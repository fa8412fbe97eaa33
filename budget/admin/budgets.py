"""A budget's page (its texts and every inline of its data, with the workflow, import and export pages) and the
list of all lines, with a line's own page."""

import io
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from budget import access, checks, document, publication
from budget.admin.base import (
    ENTRY_STYLE,
    PROJECT_SCRIPT,
    BudgetChoicesMixin,
    BudgetPartInline,
    BudgetScopedAdmin,
    LabelledRowsInline,
    RevisionCheckedForm,
    SpendingPlanForm,
)
from budget.admin.exports import ExportViewsMixin, LineExportMixin
from budget.admin.grid import (
    SUBJECT_FIELDS,
    GridViewsMixin,
    LineGridForm,
    LineGridFormSet,
    ProjectRows,
    PurchaseForm,
    PurchaseFormSet,
    TypedCodesForm,
    YearCodes,
)
from budget.admin.imports import ImportViewsMixin
from budget.admin.workflow import WorkflowViewsMixin
from budget.builders.money import grouped_yuan, table_cell
from budget.downloads import pdf_response, pdf_unavailable
from budget.models import AssetHolding, Budget, BudgetLine, ProcurementItem, Project, StatusChange, WorkflowStep
from departments.models import Department


class TextForSubmission(forms.CharField):
    """A text the checks require (C09, budget/checks.py REQUIRED_TEXTS): marked required on the page (the label's class
    "required"), yet a draft saves without it, as the rest of the page: the checks refuse it at submission."""

    def validate(self, value):
        pass  # blank is a draft's right; C09 says what is missing before submission


class DraftTextarea(AdminTextareaWidget):
    def use_required_attribute(self, initial):
        return False  # the browser would refuse to save a draft with the text still blank


class BudgetLineInline(BudgetChoicesMixin, BudgetPartInline):
    """The lines as a grid (budget/admin/grid.py): codes typed, projects by code, totals beside the control figures."""

    model = BudgetLine
    form = LineGridForm
    formset = LineGridFormSet
    template = "admin/budget/budget/lines_grid.html"
    fields = list(LineGridForm.Meta.fields)
    readonly_fields = ["amount_in_yuan"]
    extra = 1
    entry_first = True  # shown right under the budget's department and year (change_form.html)

    class Media:
        js = ["entry/codes.js", "entry/grid.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(
            "function_subject__parent__parent", "economic_subject__parent", "unit", "project")

    def get_fields(self, request, obj=None):
        """The grid's columns; read-only, the amount with its thousands grouped, as the running totals show it."""
        if self.has_change_permission(request, obj):
            return self.fields
        return ["amount_in_yuan" if name == "amount" else name for name in self.fields or ()]

    @admin.display(description=BudgetLine._meta.get_field("amount").verbose_name)
    def amount_in_yuan(self, line):
        return grouped_yuan(line.amount)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in LineGridForm.declared_fields:
            return None  # typed as codes: LineGridForm's own fields
        if db_field.name == "unit":
            kwargs["empty_label"] = "（本部门）"
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "unit" and field is not None:
            field.widget = field.widget.widget  # a plain select, without the admin's links beside it
        return field


class ProjectInline(BudgetPartInline):
    model = Project
    form = SpendingPlanForm
    formset = ProjectRows
    fields = ["position", "code", "name", "is_special_fund", "plan_march", "plan_june", "plan_october", "plan_december",
              "indicator_link"]
    readonly_fields = ["indicator_link"]
    extra = 0
    entry_first = True

    class Media:
        js = [PROJECT_SCRIPT]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(indicator_count=Count("indicators"))

    @admin.display(description="绩效指标")
    def indicator_link(self, project):
        """One click from the budget to the project's own page, where its indicators are entered."""
        if project.pk is None:
            return "保存后填写"
        url = reverse("admin:budget_project_change", args=[project.pk])
        return format_html('<a href="{}" class="project-indicators">{}条 ›</a>', url, project.indicator_count)


class ProcurementItemInline(BudgetChoicesMixin, BudgetPartInline):
    """The purchases; a purchase names its project by code, as a line does (grid.PurchaseForm)."""

    model = ProcurementItem
    form = PurchaseForm
    formset = PurchaseFormSet
    fields = ["unit", "project", "item_name", "catalog_code", "measure_unit", "quantity", "unit_price", "source",
              "is_carryover", "amount", "sme_reserved"]
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "project":
            return None  # chosen by code: PurchaseForm's own field
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project")  # each row shows its project's code


class AssetHoldingInline(BudgetPartInline):
    model = AssetHolding
    extra = 0


class StatusChangeInline(LabelledRowsInline):
    model: type[WorkflowStep] = StatusChange  # any document's log of its review: final accounts' share this inline
    fields = readonly_fields = ("at", "from_status", "to_status", "user", "comment")
    extra = 0
    can_delete = False
    verbose_name_plural = "审核流程记录"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True  # whoever sees the budget sees its history


@admin.register(Budget)
class BudgetAdmin(ImportViewsMixin, ExportViewsMixin, WorkflowViewsMixin, GridViewsMixin, BudgetScopedAdmin):
    list_display = ["department", "year", "status", "total"]
    change_form_template = "admin/budget/budget/change_form.html"
    list_filter = ["year", "status"]
    search_fields = ["department__code", "department__name"]
    autocomplete_fields = ["department"]
    readonly_fields = ["status"]

    class Media:
        css = {"all": [ENTRY_STYLE]}

    # Projects before lines: a line may name a project added in the same save.
    inlines = [ProjectInline, BudgetLineInline, ProcurementItemInline, AssetHoldingInline, StatusChangeInline]
    fieldsets = [
        (None, {"fields": ["department", "year", "status"]}),
        ("上年数（系统中没有上年预算时填写）", {
            "fields": ["prior_year_total", "prior_year_basic", "prior_year_project", "prior_year_three_public"],
            "classes": ["collapse"],
        }),
        ("说明文字", {"fields": [
            "duties", "basic_change_reason", "project_change_reason", "running_cost_uses",
            "three_public_change_reason", "other_notes",
        ]}),
        ("部门整体绩效目标", {"fields": ["overall_goal", "item_goals", "safeguards"]}),
        ("国有资产", {"fields": ["assets_as_of"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in checks.REQUIRED_TEXTS:
            kwargs.update(form_class=TextForSubmission, widget=DraftTextarea, required=True)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        budgets = Budget.objects.for_user(request.user).select_related("department")
        return budgets.annotate(line_total=Sum("lines__amount")).order_by(*self.get_ordering(request) or ["-year"])

    def budget_of(self, obj):
        return obj

    def get_object(self, request, object_id, from_field=None):
        """Read once per request: the budget's page asks several times (its workflow buttons, its grid's control
        figures, its inlines' choices, Django's own view), and each time sums its lines."""
        read = request.__dict__.setdefault("budgets_read", {})
        if (object_id, from_field) not in read:
            read[object_id, from_field] = super().get_object(request, object_id, from_field)
        return read[object_id, from_field]

    def get_changeform_initial_data(self, request):
        """A new budget is for the user's department when they enter budgets for one only."""
        initial: dict[str, Any] = super().get_changeform_initial_data(request)  # a pk too, besides the query's texts
        own = list(access.departments_for_new_budgets(request.user, Department.objects.filter(parent=None))[:2])
        if "department" not in initial and len(own) == 1:
            initial["department"] = own[0].pk
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """An accountant creates budgets only for their own departments."""
        if db_field.name == "department":
            kwargs["queryset"] = access.departments_for_new_budgets(request.user, Department.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or access.may_delete_budget(request.user, obj))

    @admin.display(description="收支总额（万元）", ordering="line_total")
    def total(self, budget):
        return table_cell(budget.line_total)

    def get_urls(self):
        preview = [
            path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview_view), name="budget_budget_preview"),
            path("<path:object_id>/preview/pdf/", self.admin_site.admin_view(self.preview_pdf_view),
                 name="budget_budget_preview_pdf"),
        ]
        return (preview + self.grid_urls() + self.workflow_urls() + self.export_urls() + self.import_urls()
                + super().get_urls())

    def preview_view(self, request, object_id):
        """The document as it would be published, whatever the budget's status."""
        budget = self.viewable_budget(request, object_id)
        return TemplateResponse(request, "budget/preview.html", {"document": document.build(budget)})

    def preview_pdf_view(self, request, object_id):
        """The PDF as it would be published, rendered anew by a worker (a draft changes), downloaded. While it renders,
        a page waits (reloading itself as ?waiting=1); once it is ready that page says so and links the download: a
        download leaves the page on screen, so it never lands on the PDF itself."""
        budget = self.viewable_budget(request, object_id)
        rendered, error = publication.preview(budget)
        if error:
            return pdf_unavailable(RuntimeError(error))  # the worker's failure, kept as its message
        if rendered is None or "waiting" in request.GET:
            return TemplateResponse(request, "admin/budget/budget/preview_waiting.html", {
                **self.admin_site.each_context(request), "opts": self.model._meta, "original": budget,
                "title": f"PDF预览：{budget}", "ready": rendered is not None, "filename": budget.pdf_filename,
            })
        return pdf_response(io.BytesIO(rendered), budget.pdf_filename)


CODES_OF_BUDGET = "__budget__"  # in the code search's address on a line's page: the chosen budget's id (line.js)


class LineForm(TypedCodesForm, RevisionCheckedForm):
    """A line's own page: its codes typed and searched as in the grid, in the year of the budget chosen above
    them; before a budget is chosen there is no year to search (never a mix of years)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        search = reverse("admin:budget_budget_codes", args=[CODES_OF_BUDGET])
        for field in SUBJECT_FIELDS:
            self.fields[field].widget.attrs["data-codes-url"] = search

    def year_codes(self):
        budget = self.cleaned_data.get("budget")
        if budget is None:
            raise ValidationError("请先选择预算：科目编码按预算的年度查找。")
        return YearCodes(budget)


@admin.register(BudgetLine)
class BudgetLineAdmin(LineExportMixin, BudgetScopedAdmin):
    form = LineForm
    fields = ["budget", "unit", "function_subject", "economic_subject", "kind", "source", "is_carryover", "project",
              "amount"]
    list_display = ["budget", "function_subject", "economic_subject", "kind", "source", "is_carryover", "project", "amount"]
    list_filter = ["budget__year", "kind", "source", "is_carryover"]
    search_fields = ["budget__department__name", "function_subject__code", "economic_subject__code", "project__name"]
    autocomplete_fields = ["budget", "project"]
    list_select_related = ["budget__department", "function_subject", "economic_subject", "project"]

    class Media:
        css = {"all": [ENTRY_STYLE]}
        js = ["entry/codes.js", "entry/line.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in SUBJECT_FIELDS:
            return None  # typed as codes: LineForm's own fields
        return super().formfield_for_dbfield(db_field, request, **kwargs)
