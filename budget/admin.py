import io
from urllib.parse import urlparse

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from budget import access, document, pdf, views
from budget.admin_exports import ExportViewsMixin
from budget.admin_imports import ImportViewsMixin
from budget.admin_workflow import WorkflowViewsMixin
from budget.models import (
    AssetHolding,
    Budget,
    BudgetLine,
    ControlFigure,
    EconomicSubject,
    FunctionSubject,
    GlossaryEntry,
    ProcurementItem,
    PublishedVersion,
    StatusChange,
)
from budget.money import table_cell
from budget.resources import BudgetLineResource
from departments.models import Department
from performance.models import Project

# Lines must use leaf codes: the code pickers on a line offer only 项 (function) and 款 (economic).
LEAF_LENGTH = {"function_subject": 7, "economic_subject": 5}


class SubjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "year", "parent"]
    list_select_related = ["parent"]  # nullable: Django's default select_related leaves it out
    list_filter = ["year"]
    search_fields = ["code", "name"]
    ordering = ["-year", "code"]
    raw_id_fields = ["parent"]

    def get_search_results(self, request, queryset, search_term):
        """For a line's code picker (autocomplete), offer only leaf codes, of the budget's year if known."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        leaf_length = LEAF_LENGTH.get(request.GET.get("field_name"))
        if request.GET.get("model_name") == "budgetline" and leaf_length:
            queryset = queryset.filter(code__regex=rf"^\d{{{leaf_length}}}$")
            # The picker's request does not say which budget it serves; the page it was opened from does.
            budget = budget_from_path(urlparse(request.headers.get("referer", "")).path)
            if budget:
                queryset = queryset.filter(year=budget.year)
        return queryset, may_have_duplicates


@admin.register(FunctionSubject)
class FunctionSubjectAdmin(SubjectAdmin):
    pass


@admin.register(EconomicSubject)
class EconomicSubjectAdmin(SubjectAdmin):
    list_display = [*SubjectAdmin.list_display, "cost_category"]
    list_filter = ["year", "cost_category"]


def budget_from_path(path):
    """The budget whose admin change page this path is, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    object_id = match.kwargs.get("object_id")
    if match.url_name != "budget_budget_change" or not object_id:
        return None
    return Budget.objects.filter(pk=object_id).first()


class BudgetPartInline(admin.TabularInline):
    """An inline of a budget's data: changeable only while the budget is editable by this user."""

    def budget_of(self, parent):
        return parent  # the parent object is the budget; inlines of a project override this

    def editable(self, request, parent):
        return parent is None or self.budget_of(parent).is_editable_by(request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.editable(request, obj)


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """History pages, read-only for everyone (access.may_revert_history), of the objects this user may see.

    simple-history shows the history of any id it is given, falling back to deleted objects' records, and its
    record page saves the historical record when posted to; here a user sees the history only of objects in
    their own queryset (the bureau: of any), and a post is refused.
    """

    def valid_id(self, model, value):
        """The id as the model's primary key, or 404 for a malformed or out-of-range one ("abc")."""
        try:
            return model._meta.pk.clean(unquote(value), None)
        except ValidationError:
            raise Http404 from None

    def may_see_history(self, request, object_id):
        visible = self.get_queryset(request).filter(pk=self.valid_id(self.model, object_id)).exists()
        return visible or access.is_reviewer(request.user)

    def history_view(self, request, object_id, extra_context=None):
        if not self.may_see_history(request, object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.valid_id(self.model.history.model, version_id)
        if not self.may_see_history(request, object_id):
            raise Http404
        if request.method == "POST" and not access.may_revert_history(request.user):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return not access.may_revert_history(request.user)

    def has_change_history_permission(self, request, obj=None):
        return access.may_revert_history(request.user)


STALE_FORM = "此预算已被他人修改，请刷新后再改。"


class RevisionCheckedForm(forms.ModelForm):
    """A form of a budget or of one of its parts that carries the budget's revision as the page was opened,
    and refuses to save over a change made since (by another person, another tab or an import)."""

    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        budget = self.budget()
        if budget is not None:
            self.fields["seen_revision"].initial = budget.revision

    def budget(self):
        """The saved budget this form changes, or None on an add page."""
        if self.instance.pk is None:
            return None
        if isinstance(self.instance, Budget):
            return self.instance
        return Budget.objects.filter(pk=self.instance.budget_id).first()  # gone, for a deleted line's history

    def clean(self):
        budget = self.budget()
        if budget is not None:
            # Locked until the save commits: two posts of the same page cannot both pass.
            current = Budget.objects.select_for_update().values_list("revision", flat=True).get(pk=budget.pk)
            if self.cleaned_data.get("seen_revision") != current:
                raise ValidationError(STALE_FORM, code="stale")
        return super().clean()


class BudgetScopedAdmin(ScopedHistoryAdmin):
    """For a model that belongs to a budget: only the user's budgets, changed only while editable, and never
    over another person's change (RevisionCheckedForm)."""

    budget_field = "budget"
    form = RevisionCheckedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        (name, options), *rest = fieldsets
        if "seen_revision" in options["fields"]:
            return fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen_revision"]}), *rest]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.budget_of(form.instance).record_change()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.budget_of(obj).record_change()

    def delete_queryset(self, request, queryset):
        budgets = {self.budget_of(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        for budget in budgets:
            budget.record_change()

    def budget_of(self, obj):
        return getattr(obj, self.budget_field)

    def get_queryset(self, request):
        own = Budget.objects.for_user(request.user)
        return super().get_queryset(request).filter(**{f"{self.budget_field}__in": own})

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.budget_of(obj).is_editable_by(request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.budget_of(obj).is_editable_by(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The budget, project and unit choices of this user (a line's own page has no budget to go by)."""
        if db_field.name == "budget":
            kwargs["queryset"] = Budget.objects.editable_by(request.user)
        elif db_field.name == "project":
            kwargs["queryset"] = access.project_choices(request.user, None, Project.objects.all())
        elif db_field.name == "unit":
            kwargs["queryset"] = access.unit_choices(request.user, None, Department.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class BudgetChoicesMixin:
    """For inlines of a budget: offer only this budget's projects and its department's units."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in ("project", "unit"):
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        budget = budget_from_path(request.path_info)
        if budget is None:
            # A new budget: its lines belong to the department itself and have no project yet.
            kwargs["queryset"] = db_field.related_model.objects.none()
        elif db_field.name == "project":
            kwargs["queryset"] = access.project_choices(request.user, budget, Project.objects.all())
        else:
            kwargs["queryset"] = access.unit_choices(request.user, budget, Department.objects.all())
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Read once for the whole formset: a model choice field queries again each time a row renders it.
        # Validation still goes through the queryset.
        field.choices = list(field.choices)
        return field


class BudgetLineInline(BudgetChoicesMixin, BudgetPartInline):
    model = BudgetLine
    fields = ["unit", "function_subject", "economic_subject", "kind", "source", "is_carryover", "project", "amount"]
    autocomplete_fields = ["function_subject", "economic_subject"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("function_subject", "economic_subject", "unit", "project")


class ProjectInline(BudgetPartInline):
    model = Project
    fields = ["position", "code", "name", "is_special_fund", "plan_march", "plan_june", "plan_october", "plan_december"]
    extra = 0
    show_change_link = True


class ProcurementItemInline(BudgetChoicesMixin, BudgetPartInline):
    model = ProcurementItem
    fields = ["unit", "project", "item_name", "catalog_code", "measure_unit", "quantity", "unit_price", "source",
              "is_carryover", "amount", "sme_reserved"]
    extra = 0


class AssetHoldingInline(BudgetPartInline):
    model = AssetHolding
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["at", "from_status", "to_status", "user", "comment"]
    readonly_fields = fields
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
class BudgetAdmin(ImportViewsMixin, ExportViewsMixin, WorkflowViewsMixin, BudgetScopedAdmin):
    list_display = ["department", "year", "status", "total"]
    change_form_template = "admin/budget/budget/change_form.html"
    list_filter = ["year", "status"]
    search_fields = ["department__code", "department__name"]
    autocomplete_fields = ["department"]
    readonly_fields = ["status"]
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
        ("国有资产", {"fields": ["assets_as_of", "planned_asset_purchase"]}),
    ]

    def get_queryset(self, request):
        budgets = Budget.objects.for_user(request.user).select_related("department")
        return budgets.annotate(line_total=Sum("lines__amount")).order_by(*self.get_ordering(request) or ["-year"])

    def budget_of(self, obj):
        return obj

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
        return preview + self.workflow_urls() + self.export_urls() + self.import_urls() + super().get_urls()

    def preview_view(self, request, object_id):
        """The document as it would be published, whatever the budget's status."""
        budget = self.viewable_budget(request, object_id)
        return TemplateResponse(request, "budget/preview.html", {"document": document.build(budget)})

    def preview_pdf_view(self, request, object_id):
        """The PDF as it would be published, rendered anew (a draft changes)."""
        budget = self.viewable_budget(request, object_id)
        try:
            rendered = pdf.render(document.build(budget))
        except pdf.MissingFontError as error:
            return views.pdf_unavailable(error)
        return views.pdf_response(io.BytesIO(rendered), budget.pdf_filename)


@admin.register(BudgetLine)
class BudgetLineAdmin(ExportMixin, BudgetScopedAdmin):
    resource_classes = [BudgetLineResource]
    list_display = ["budget", "function_subject", "economic_subject", "kind", "source", "is_carryover", "project", "amount"]
    list_filter = ["budget__year", "kind", "source", "is_carryover"]
    search_fields = ["budget__department__name", "function_subject__code", "economic_subject__code", "project__name"]
    autocomplete_fields = ["budget", "function_subject", "economic_subject", "project"]
    list_select_related = ["budget__department", "function_subject", "economic_subject", "project"]


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(ScopedHistoryAdmin):
    list_display = ["position", "term"]
    list_display_links = ["term"]
    ordering = ["position"]


@admin.register(ControlFigure)
class ControlFigureAdmin(ScopedHistoryAdmin):
    list_display = ["department", "year", "kind", "source", "amount"]
    list_filter = ["year", "kind", "source"]
    search_fields = ["department__code", "department__name"]
    autocomplete_fields = ["department"]

    def get_queryset(self, request):
        return access.visible_control_figures(request.user, super().get_queryset(request).select_related("department"))


@admin.register(PublishedVersion)
class PublishedVersionAdmin(admin.ModelAdmin):
    list_display = ["budget", "number", "published_at", "published_by", "pdf_sha256"]
    list_select_related = ["budget__department", "published_by"]
    list_filter = ["budget__year"]
    search_fields = ["budget__department__code", "budget__department__name"]
    fields = ["budget", "department_name", "number", "published_at", "published_by", "reason", "pdf", "pdf_sha256"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(budget__in=Budget.objects.for_user(request.user))

    def has_add_permission(self, request):
        return False  # versions are made by publishing

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
