"""What every admin page of budget data shares: history pages read-only and scoped, budget parts changed only
while their budget is editable (budget/access.py decides) and never over another person's change."""

import datetime
import functools

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.forms.utils import pretty_name
from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

from budget import access
from budget.models import Budget, Project
from departments.models import Department


def yes_no_icon(value):
    """The admin's yes/no/unknown icon, its text in Chinese (Django's own says "True", "False", "None")."""
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"),
                       {True: "是", False: "否", None: "未知"}[value])


@functools.cache  # one column per field: the list's sortable columns are found by identity (get_sortable_by)
def yes_no_column(model, name):
    """A list column of a boolean field, drawn as Django draws it but with yes_no_icon."""
    field = model._meta.get_field(name)

    def column(obj):
        return yes_no_icon(getattr(obj, name))

    column.__name__ = name  # the cells' class stays field-<name>
    return admin.display(description=field.verbose_name, ordering=name)(column)


def is_boolean(model, name):
    try:
        return isinstance(name, str) and isinstance(model._meta.get_field(name), models.BooleanField)
    except FieldDoesNotExist:
        return False


class YesNoColumns(admin.ModelAdmin):
    """A list whose boolean columns' icons say 是/否/未知, through the public get_list_display (read-only pages keep
    Django's True/False: only a private function of the admin reaches them). A ModelAdmin, so that its `super()` is
    checked as an admin's; put before the admin it changes in a class's bases (BudgetScopedAdmin), whose own bases
    end with ModelAdmin: the order of lookup is as before."""

    def get_list_display(self, request):
        # A class is hashable (functools.cache's key); mypy reads a class's __hash__ as its instances' and says it is
        # not (python/mypy#11470).
        return [yes_no_column(self.model, name) if is_boolean(self.model, name) else name  # type: ignore[arg-type]
                for name in super().get_list_display(request)]


def budget_from_path(request, admin_site):
    """The budget whose admin change page this request is for, or None: as the budget's admin reads it, through
    the user's queryset and once per request (each choice field of each inline asks)."""
    match = request.resolver_match
    if match is None or match.url_name != "budget_budget_change":
        return None
    return admin_site.get_model_admin(Budget).get_object(request, unquote(match.kwargs["object_id"]))


class RowField(forms.BoundField):
    """A field of a table's row. Django points a field with a help text at an element "<id>_helptext", which a
    tabular inline never renders (its help shows once, in the column's header): a screen reader then finds nothing
    there (issue 23: 36 of 43 such references broken). Here a row's field is described by its errors only, which the
    row does render (Django's error list carries the id)."""

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        return f"{self.auto_id}_error" if self.auto_id and not self.is_hidden and self.errors else ""


NEW_ROW = "新行"  # the hidden template row's label; entry/rows.js numbers it once added


def label_row(form, index):
    """Name each visible field of row `index` (0-based; None: the template row) as "第3行 功能分类科目": in a table's
    row, the column's header is no <label>, and a screen reader tabbing from field to field would otherwise hear
    only "编辑文本" (axe's label and select-name rules)."""
    form.bound_field_class = RowField
    row = NEW_ROW if index is None else f"第{index + 1}行"
    for name, field in form.fields.items():
        if not field.widget.is_hidden:
            # The admin's wrapper of a related field (its links to add and change) renders the widget it wraps with
            # that widget's own attrs; its copy in this form shares the wrapper's `attrs` with the original's.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = f"{row} {field.label or pretty_name(name)}"


class LabelledRows(forms.BaseFormSet):
    """A formset whose rows' fields are labelled (label_row), as its forms are made; put before the formset class it
    labels (a subclass of BaseFormSet, as this is)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        label_row(form, index)


class LabelledRowsInline(admin.TabularInline):
    """A tabular inline whose rows' fields have names (LabelledRows) that follow rows added and removed in the
    browser, and whose "添加另一个" moves the focus to the new row (entry/rows.js)."""

    class Media:
        js = ["entry/rows.js"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (LabelledRows, formset), {})


class BudgetPartInline(LabelledRowsInline):
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


EMPTY = "（空）"


def readable_value(field, value):
    """A field's value as a person reads it in a history page: choice labels, 是/否, local time to the second,
    （空） for nothing; never a raw code, "None" or an ISO timestamp."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list):  # a many-to-many field's related objects
        return "、".join(str(item) for item in value)
    if isinstance(value, DeletedObject):
        return f"已删除的{value.model._meta.verbose_name}（编号{value.pk}）"
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    return value


class ShortenedInChinese(ObjDiffDisplay):
    def shortened_str(self, prefix, num_skipped_chars, suffix):
        return f"{prefix}……（略{num_skipped_chars}字）……{suffix}"


class ReadableChanges(HistoricalRecordContextHelper):
    """A history record's changes with field labels (simple-history's own) and readable values."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), value)

    def get_obj_diff_display(self):
        return ShortenedInChinese(max_length=self.max_displayed_delta_change_chars)


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """History pages, read-only for everyone (access.may_revert_history), of the objects this user may see.

    simple-history shows the history of any id it is given, falling back to deleted objects' records, and its
    record page saves the historical record when posted to; here a user sees the history only of objects in
    their own queryset (the bureau: of any), and a post is refused. The pages speak Chinese: field labels,
    choice labels and local times (ReadableChanges and the templates under templates/admin/history/).
    """

    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

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
        request.showing_history_record = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        """On a history record's page, every field: it shows the record's values, not a form whose choices would
        list other objects (a department's member field would name every user of the site)."""
        if getattr(request, "showing_history_record", False):
            return [field.name for field in self.model._meta.get_fields()
                    if field.concrete and field.editable and not field.auto_created]
        return super().get_readonly_fields(request, obj)

    def revert_disabled(self, request, obj=None):
        return not access.may_revert_history(request.user)

    def has_change_history_permission(self, request, obj=None):
        return access.may_revert_history(request.user)


STALE_FORM = "此预算已被他人修改，请刷新后再改。"


class RevisionCheckedForm(forms.ModelForm):
    """A form of a budget or of one of its parts that carries the budget's revision as the page was opened,
    and refuses to save over a change made since (by another person, another tab or an import)."""

    seen_revision = forms.IntegerField(label="打开时的修订号", widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.budget is not None:
            self.fields["seen_revision"].initial = self.budget.revision

    @functools.cached_property
    def budget(self):
        """The saved budget this form changes, or None on an add page (read once, for the page and the check)."""
        if self.instance.pk is None:
            return None
        if isinstance(self.instance, Budget):
            return self.instance
        return Budget.objects.filter(pk=self.instance.budget_id).first()  # gone, for a deleted line's history

    def clean(self):
        budget = self.budget
        if budget is not None:
            # Locked until the save commits: two posts of the same page cannot both pass.
            current = Budget.objects.select_for_update().values_list("revision", flat=True).get(pk=budget.pk)
            if self.cleaned_data.get("seen_revision") != current:
                raise ValidationError(STALE_FORM, code="stale")
        return super().clean()


ENTRY_STYLE = "entry/entry.css"  # compact tables of the budget's and the project's pages
PROJECT_SCRIPT = "entry/projects.js"  # 二级指标 following 一级指标, the spending plan checked as it is typed


class SpendingPlanForm(forms.ModelForm):
    """A project's form: its spending plan is cumulative, a period planned below an earlier one is refused."""

    class Meta:
        labels = {field: f"{month}（%）" for field, month in Project.PLAN_MONTHS.items()}  # under 资金支出计划

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what ModelForm.clean returns (typed as maybe None, for a form's own clean)
        plan = Project(**{field: cleaned.get(field) for field in Project.PLAN_MONTHS if field in self.fields})
        for field, message in plan.spending_plan_drops().items():
            self.add_error(field, message)
        return cleaned


class BudgetScopedAdmin(YesNoColumns, ScopedHistoryAdmin):
    """For a model that belongs to a budget: only the user's budgets, changed only while editable, and never
    over another person's change (RevisionCheckedForm)."""

    budget_field = "budget"
    form = RevisionCheckedForm

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        fields = [field for field in options["fields"] if field != "seen_revision"]
        # A page that saves carries the revision; a read-only one would show it as a field.
        may_save = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if may_save and not getattr(request, "showing_history_record", False):
            fields.append("seen_revision")
        return [(name, {**options, "fields": fields}), *rest]

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


class BudgetPagesAdmin(admin.ModelAdmin):
    """The budget admin's own pages (the workflow's, the imports', the downloads', the grid's: budget/admin/workflow.py,
    imports.py, exports.py, grid.py), each a part of BudgetAdmin before its BudgetScopedAdmin in its bases: a budget
    is fetched through the admin's scoped queryset (an accountant never reaches another department's)."""

    def viewable_budget(self, request, object_id):
        """The budget if this user may view it in the admin, else 404."""
        budget = self.get_object(request, object_id)
        if budget is None or not self.has_view_permission(request, budget):
            raise Http404
        return budget


class BudgetChoicesMixin(InlineModelAdmin):
    """For inlines of a budget: offer only this budget's projects and its department's units (before the inline's
    class in its bases, as BudgetLineInline's)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in ("project", "unit"):
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        budget = budget_from_path(request, self.admin_site)
        if budget is None and db_field.name == "project":
            kwargs["queryset"] = Project.objects.none()  # a new budget has no saved project yet
        elif budget is None:
            # A new budget: the departments this user enters budgets for, and their units (the line or the
            # purchase is checked against the budget's department when saved).
            kwargs["queryset"] = access.unit_choices(request.user, None, Department.objects.all())
        elif db_field.name == "project":
            kwargs["queryset"] = access.project_choices(request.user, budget, Project.objects.all())
        else:
            kwargs["queryset"] = access.unit_choices(request.user, budget, Department.objects.all())
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        assert field is not None  # a foreign key's form field (the stubs allow a field none)
        # Read once for the whole formset: a model choice field queries again each time a row renders it.
        # Validation still goes through the queryset. (The stubs type what `choices` reads as what it may be set to,
        # a callable among them; a model choice field's reads its iterator of the queryset.)
        field.choices = list(field.choices)  # type: ignore[arg-type]
        return field
