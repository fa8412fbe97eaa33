"""The staff site's pages of final accounts (部门决算): the list, a final accounts' page (its facts in groups, its
actual lines, income, carry-overs and 年初预算 as tables), its history, the 决算填报模板 and the import, and its
review as the budget's (the workflow's buttons, the checks page, the bureau's review page, the bulk publication).

Every decision is asked of budget/access.py: an accountant sees and changes only their departments' final accounts,
and only while a draft or returned; the bureau sees all and changes none; a page of what one may not see is a 404.
A row's 功能分类 and 经济分类 are typed codes, offered (a datalist the browser completes from) and looked up only in
the final accounts' year and at the row's level (项, 款), as the budget's grid does; its 单位 are the department
and its units. The history pages and the pending imports are the budget's admin's (budget/admin/), a layer below.
"""

import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from budget import access
from budget.admin import budgets, imports
from budget.admin.base import LabelledRowsInline, ScopedHistoryAdmin
from budget.admin.imports import PENDING, delete_abandoned_previews
from budget.builders import codes
from budget.downloads import XLSX, download
from budget.exchange import entry_workbook, spreadsheet
from budget.models import EconomicSubject, FunctionSubject
from budget.workflow import WorkflowError
from departments.models import Department
from final_accounts import document, exchange, workflow
from final_accounts.models import ActualLine, CarryOver, FinalAccounts, IncomeLine, ItemBudget, StatusChange

if TYPE_CHECKING:
    from budget.access import Actor

STALE_FORM = "此决算已被他人修改，请刷新后再改。"
CODE_LISTS = {"function_subject": (FunctionSubject, codes.ITEM_LENGTH, "fa-function-codes", "项"),
              "economic_subject": (EconomicSubject, codes.SECTION_LENGTH, "fa-economic-codes", "款")}


def accounts_from_path(request, admin_site):
    """The final accounts whose change page this request is for (read through the user's queryset, once per
    request), or None."""
    match = request.resolver_match
    if match is None or match.url_name != "final_accounts_finalaccounts_change":
        return None
    if not hasattr(request, "final_accounts_of_page"):
        model_admin = admin_site.get_model_admin(FinalAccounts)
        request.final_accounts_of_page = model_admin.get_object(request, unquote(match.kwargs["object_id"]))
    return request.final_accounts_of_page


def year_codes(year):
    """The year's leaf subjects of each list, code → subject (two queries), for the datalists and the rows."""
    return {field: {code: subject for code, subject in model.of_year(year).items() if len(code) == length}
            for field, (model, length, _, _) in CODE_LISTS.items()}


# ------------------------------------------------------------------------------------------------ rows


class CodesFormSet(BaseInlineFormSet):
    """Hands every row of an inline the final accounts' year's codes, read once for the formset."""

    def get_form_kwargs(self, index):
        if not hasattr(self, "codes"):
            self.codes = year_codes(self.instance.year)
        return {**super().get_form_kwargs(index), "codes": self.codes, "year": self.instance.year}


class CodeInput(forms.TextInput):
    def __init__(self, datalist):
        super().__init__(attrs={"list": datalist, "size": 9, "autocomplete": "off", "spellcheck": "false",
                                "inputmode": "numeric", "class": "final-accounts-code"})


class RowForm(forms.ModelForm):
    """A row whose subjects are typed codes of the final accounts' year, at the row's level (项, 款)."""

    def __init__(self, *args, codes, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes, self.year = codes, year
        for name in CODE_LISTS.keys() & self.fields.keys():
            _, length, datalist, level = CODE_LISTS[name]
            old = self.fields[name]
            self.fields[name] = forms.CharField(label=old.label, required=old.required, max_length=codes_max(length),
                                                widget=CodeInput(datalist), help_text=f"填到{level}（{length}位编码）")
            subject = getattr(self.instance, f"{name}_id", None) and getattr(self.instance, name)
            if subject:
                self.initial[name] = subject.code

    def subject(self, name):
        code = self.cleaned_data.get(name, "").strip()
        if not code:
            return None
        model, length, _, level = CODE_LISTS[name]
        subject = self.codes[name].get(code)
        if subject is None:
            exists = model._default_manager.filter(year=self.year, code=code).exists()  # either list: Subject's manager
            label = model._meta.verbose_name
            raise ValidationError(f"{label}{code}不是{level}，须填到{level}（{length}位编码）。" if exists
                                  else f"{label}{code}在{self.year}年度不存在。")
        return subject

    def clean_function_subject(self):
        return self.subject("function_subject")

    def clean_economic_subject(self):
        return self.subject("economic_subject")


def codes_max(length):
    return length + 3  # room for a stray space; longer is no code


class AccountsPartInline(LabelledRowsInline):
    """Rows of final accounts: seen with them, changed only while they are editable by this user."""

    form = RowForm
    formset = CodesFormSet
    extra = 1

    def get_extra(self, request, obj=None, **kwargs):
        return self.extra if obj is not None and access.may_edit_final_accounts(request.user, obj) else 0

    def has_view_permission(self, request, obj=None):
        return obj is None or access.may_see_final_accounts(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return obj is not None and access.may_edit_final_accounts(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and access.may_edit_final_accounts(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and access.may_edit_final_accounts(request.user, obj)

    def get_queryset(self, request):
        related = [name for name in ("unit", *CODE_LISTS) if name in (self.fields or ())]
        return super().get_queryset(request).select_related(*related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The 单位 of the final accounts' department only, "（本部门）" for the department itself."""
        if db_field.name == "unit":
            accounts = accounts_from_path(request, self.admin_site)
            departments = Department.objects.order_by("code")
            kwargs["queryset"] = (access.final_accounts_unit_choices(accounts, departments) if accounts is not None
                                  else departments.none())
            kwargs["empty_label"] = "（本部门）"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "unit" and field is not None:
            field.widget = field.widget.widget  # a plain select, without the admin's add and change links
        return field


class ActualLineInline(AccountsPartInline):
    model = ActualLine
    fields = ["unit", "function_subject", "economic_subject", "kind", "source", "amount"]


class IncomeLineInline(AccountsPartInline):
    model = IncomeLine
    fields = ["unit", "function_subject", "source", "amount"]


class CarryOverInline(AccountsPartInline):
    model = CarryOver
    fields = ["unit", "fund", "moment", "function_subject", "amount"]


class ItemBudgetInline(AccountsPartInline):
    model = ItemBudget
    fields = ["function_subject", "initial_budget", "purpose", "reason"]
    readonly_fields = ["published_initial_budget"]

    def get_fields(self, request, obj=None):
        """Where the year's budget is published here, its 年初预算 is the platform's, shown and not entered."""
        if obj is not None and self.published(obj) is not None:
            return ["function_subject", "published_initial_budget", "purpose", "reason"]
        return self.fields

    def published(self, accounts):
        """The year's published 年初预算 by code (None where not published), read once per page: an inline's
        instance serves one request."""
        if not hasattr(self, "published_budgets"):
            self.published_budgets = accounts.published_initial_budgets()
        return self.published_budgets

    @admin.display(description="年初预算数（元，取自公开的预算）")
    def published_initial_budget(self, item):
        budgets = getattr(self, "published_budgets", None) or {}
        amount = budgets.get(item.function_subject.code) if item.function_subject_id else None
        return "—" if amount is None else f"{amount:,.2f}"


class StatusChangeInline(budgets.StatusChangeInline):
    """The budget's log of the review, of the final accounts' steps."""

    model = StatusChange

    def has_view_permission(self, request, obj=None):
        return obj is None or access.may_see_final_accounts(request.user, obj)  # whoever sees them sees their steps


class FinalAccountsForm(forms.ModelForm):
    """The facts' form, carrying the revision as the page was opened: a save over a change made since (by another
    person, another tab or an import) is refused."""

    seen_revision = forms.IntegerField(label="打开时的修订号", widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_revision"].initial = self.instance.revision

    def clean(self):
        if self.instance.pk:
            # Locked until the save commits: two posts of the same page cannot both pass.
            current = FinalAccounts.objects.select_for_update().values_list("revision", flat=True).get(pk=self.instance.pk)
            if self.cleaned_data.get("seen_revision") != current:
                raise ValidationError(STALE_FORM, code="stale")
        return super().clean()


THREE_PUBLIC_BUDGET = ["overseas_travel_budget", "vehicle_purchase_budget", "vehicle_upkeep_budget", "reception_budget"]
PRIOR_YEAR = ["prior_total", "prior_fiscal_total", "prior_general_budget_expenditure", "prior_running_cost",
              "prior_three_public"]
class FieldsetOptions(TypedDict, total=False):
    """A fieldset's options, as the admin takes them."""

    fields: list[str]
    classes: list[str]
    description: str


FIELDSETS: list[tuple[str | None, FieldsetOptions]] = [
    (None, {"fields": ["department", "year", "status"]}),
    ("主要职能", {"fields": ["duties"]}),
    ("原因说明", {"fields": ["total_change_reason", "fiscal_change_reason", "general_budget_change_reason",
                         "budget_difference_reason", "three_public_difference_reason", "running_cost_change_reason"]}),
    ("收支中明细不能提供的数", {"fields": ["non_fiscal_balance_used", "balance_distribution"]}),
    ("“三公”经费预算与数量", {
        "fields": [*THREE_PUBLIC_BUDGET, "overseas_groups", "overseas_people", "vehicles_purchased", "vehicles_held",
                   "reception_batches", "reception_people"],
        "description": "预算数只在本年度部门预算未在本平台公开时填写；已公开时取自公开的预算。",
    }),
    ("上年数", {"fields": PRIOR_YEAR, "classes": ["collapse"],
             "description": "只在上年度部门决算未在本平台公开时填写；留空表示不详，说明中不会当作零。"}),
    ("政府采购", {"fields": ["procurement_goods", "procurement_works", "procurement_services", "sme_reserved",
                         "small_micro_reserved", "sme_awarded_reserved", "small_micro_awarded_reserved",
                         "sme_awarded_other"]}),
    ("国有资产", {"fields": ["vehicles_ministerial", "vehicles_principal", "vehicles_confidential", "vehicles_emergency",
                         "vehicles_enforcement", "vehicles_special", "vehicles_retired_cadres", "vehicles_other",
                         "equipment_over_million"]}),
    ("预算绩效管理", {"fields": ["performance_management", "targets_projects", "targets_amount", "tracked_projects",
                           "tracked_amount", "evaluated_projects", "evaluated_amount", "average_score",
                           "grade_excellent", "grade_good", "grade_pass", "grade_fail", "problems_found",
                           "problems_fixed", "problems_fixing"]}),
]


# ------------------------------------------------------------------------------------------------ the workflow


if TYPE_CHECKING:
    Service: TypeAlias = Callable[[FinalAccounts, Actor, str], object]  # a transition: (accounts, who, text)

ACTIONS: "dict[str, tuple[Service, str, str, bool]]" = {
    # name: (service, button label, what the text box is for, whether it must be filled), as the budget's pages have
    "submit": (lambda accounts, user, text: workflow.submit(accounts, user), "提交审核", "", False),  # takes no text
    "return": (workflow.return_for_changes, "退回修改", "审核意见", True),
    "approve": (workflow.approve, "审核通过", "审核意见（可选）", False),
    "publish": (workflow.publish, "公开", "更正原因（更正已公开的决算时必填）", False),
    "reopen": (workflow.reopen, "发起更正", "更正原因", True),
    "retry": (workflow.retry_publication, "重新生成PDF", "", False),
}
DONE_MESSAGES = {"publish": "已提交公开：{}。PDF生成后即公开。", "retry": "已重新排队生成PDF：{}。"}


class WorkflowViewsMixin(ScopedHistoryAdmin):
    """The final accounts' review on their pages, as the budget's (budget/admin/workflow.py): the buttons this user
    may use now, each to a confirmation page; the checks page; the bureau's review page with the 预算执行 rows; the
    bulk publication. Each view fetches the final accounts through visible_object (the admin's scoped queryset).
    The admin it is part of (FinalAccountsAdmin) is its subclass, so that its views are checked as an admin's."""

    actions = ["publish_selected"]

    def workflow_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/checks/", view(self.checks_view), name="final_accounts_finalaccounts_checks"),
            path("<path:object_id>/review/", view(self.review_view), name="final_accounts_finalaccounts_review"),
            path("<path:object_id>/workflow/<str:action>/", view(self.action_view),
                 name="final_accounts_finalaccounts_action"),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The page, with the workflow buttons this user may use now and why the final accounts are open again."""
        accounts = self.get_object(request, unquote(object_id))
        extra = {}
        if accounts is not None:
            extra = {"workflow_actions": [(name, ACTIONS[name][1])
                                          for name in workflow.available_actions(accounts, request.user)],
                     "can_review": access.may_see_dashboard(request.user),
                     "last_change": accounts.status_changes.first()}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def view_on_site(self, accounts):
        """The admin's "在站点上查看": the public page once a version is public, else none (a draft's would be 404)."""
        return accounts.get_absolute_url() if accounts.versions.exists() else None

    def page(self, request, template, accounts, **context):
        return TemplateResponse(request, f"admin/final_accounts/finalaccounts/{template}", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": accounts,
            "accounts": accounts, "title": context.pop("title", str(accounts)), **context,
        })

    def checks_view(self, request, object_id):
        """What keeps the final accounts from being submitted; submitted from here once nothing does."""
        accounts = self.visible_object(request, object_id)
        problems = document.problems(document.build(accounts))
        return self.page(request, "checks.html", accounts, title=f"审核：{accounts}", problems=problems,
                         may_submit="submit" in workflow.available_actions(accounts, request.user))

    def action_view(self, request, object_id, action):
        """Confirm and carry out one transition (posted from its confirmation page, the checks page or the review
        page, where it returns to). Refused, it changes nothing and shows the page it came from again with the
        reason and what was typed."""
        accounts = self.visible_object(request, object_id)
        if action not in ACTIONS:
            raise Http404
        service, label, text_label, required = ACTIONS[action]
        text = request.POST.get("text", "") if request.method == "POST" else ""
        from_review = request.POST.get("next") == "review" and access.may_see_dashboard(request.user)
        if action not in workflow.available_actions(accounts, request.user):
            messages.error(request, f"当前状态（{accounts.get_status_display()}）下您不能{label}。")
            return self.review_page(request, accounts, text) if from_review else redirect(change_url(accounts))
        if request.method == "POST":
            try:
                service(accounts, request.user, text)
            except WorkflowError as error:
                messages.error(request, str(error))
                if from_review:
                    return self.review_page(request, accounts, text)
            else:
                messages.success(request, DONE_MESSAGES.get(action, f"已{label}：{{}}。").format(accounts))
                return redirect(review_url(accounts) if from_review else change_url(accounts))
        correction = action == "publish" and accounts.current_version() is not None
        return self.page(request, "action.html", accounts, title=f"{label}：{accounts}", action=action, label=label,
                         text_label=text_label, required=required or correction, text=text)

    def review_view(self, request, object_id):
        """For the bureau, everything to decide on from one page: the problems, the year's budget against the
        final accounts (预算执行), the decision and the log."""
        accounts = self.visible_object(request, object_id)  # first: another department's are a 404, never a 403
        if not access.may_see_dashboard(request.user):
            raise PermissionDenied
        return self.review_page(request, accounts)

    def review_page(self, request, accounts, text=""):
        """The review page of final accounts this reviewer may see; text: the decision's comment as typed."""
        doc = document.build(accounts)
        return self.page(
            request, "review.html", accounts, title=f"审核：{accounts}", problems=document.problems(doc),
            execution=document.execution_rows(doc), from_platform=doc.baseline.from_platform,
            actions=[(name, ACTIONS[name][1]) for name in workflow.available_actions(accounts, request.user)],
            log=accounts.status_changes.select_related("user"), text=text,
        )

    @admin.action(description="公开所选的已审核决算")
    def publish_selected(self, request, queryset):
        """Publish the chosen approved final accounts; a worker renders each PDF (the refused are listed)."""
        published = 0
        for accounts in queryset.select_related("department").order_by("year", "department__code"):
            try:
                workflow.publish(accounts, request.user)
            except WorkflowError as error:
                messages.error(request, f"未公开 {accounts}：{error}")
            else:
                published += 1
        if published:
            messages.success(request, f"已提交公开{published}个决算，PDF生成后逐个公开。")

    def get_actions(self, request):
        """No bulk deletion (it would ask the model's right only, not each one's status); publication for those who
        may publish."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        if not access.may_publish(request.user):
            actions.pop("publish_selected", None)
        return actions


def change_url(accounts):
    return reverse("admin:final_accounts_finalaccounts_change", args=[accounts.pk])


def review_url(accounts):
    return reverse("admin:final_accounts_finalaccounts_review", args=[accounts.pk])


@admin.register(FinalAccounts)
class FinalAccountsAdmin(WorkflowViewsMixin):
    form = FinalAccountsForm
    list_display = ["department", "year", "status"]
    list_filter = ["year", "status"]
    search_fields = ["department__code", "department__name"]
    list_select_related = ["department"]
    change_form_template = "admin/final_accounts/finalaccounts/change_form.html"
    change_list_template = "admin/final_accounts/finalaccounts/change_list.html"
    inlines = [ActualLineInline, IncomeLineInline, CarryOverInline, ItemBudgetInline, StatusChangeInline]

    # -------------------------------------------------------------------------------------------- who may

    def get_queryset(self, request):
        return FinalAccounts.objects.for_user(request.user).select_related("department")

    def has_module_permission(self, request):
        return access.may_list_final_accounts(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return access.may_list_final_accounts(request.user)
        return access.may_see_final_accounts(request.user, obj)

    def has_add_permission(self, request):
        return access.departments_for_new_final_accounts(request.user, Department.objects.all()).exists()

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return access.may_enter_final_accounts(request.user)
        return access.may_edit_final_accounts(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return access.may_enter_final_accounts(request.user)
        return access.may_delete_final_accounts(request.user, obj)

    def get_object(self, request, object_id, from_field=None):
        """Through the user's queryset, read once per request (the page, its inlines' choices and Django's view ask)."""
        read = request.__dict__.setdefault("final_accounts_read", {})
        if (object_id, from_field) not in read:
            read[object_id, from_field] = super().get_object(request, object_id, from_field)
        return read[object_id, from_field]

    # -------------------------------------------------------------------------------------------- the page

    def get_fieldsets(self, request, obj=None):
        """The facts in groups; the 三公 budget only where the year's budget is not published here, last year's
        figures only where last year's final accounts are not; the revision where the page saves."""
        fieldsets: list[tuple[str | None, FieldsetOptions]] = []
        for name, options in FIELDSETS:
            fields = list(options["fields"])
            if obj is not None and name == "“三公”经费预算与数量" and obj.budget_of_year() is not None:
                fields = [field for field in fields if field not in THREE_PUBLIC_BUDGET]
            if obj is not None and name == "上年数" and obj.prior_year_published():
                continue
            fieldsets.append((name, {**options, "fields": fields}))
        may_save = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if may_save and not getattr(request, "showing_history_record", False):
            fieldsets[0][1]["fields"] = [*fieldsets[0][1]["fields"], "seen_revision"]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if getattr(request, "showing_history_record", False):
            return super().get_readonly_fields(request, obj)  # every field: the record's values
        return ["department", "year", "status"] if obj is not None else ["status"]

    def get_inline_instances(self, request, obj=None):
        """None on the add page: the rows' codes are looked up in the year, known once the final accounts are saved."""
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_changeform_initial_data(self, request):
        """New final accounts are for the user's department when they enter them for one only."""
        initial = super().get_changeform_initial_data(request)
        own = list(access.departments_for_new_final_accounts(request.user, Department.objects.filter(parent=None))[:2])
        if "department" not in initial and len(own) == 1:
            initial["department"] = own[0].pk
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Final accounts are started only for one's own departments (a superuser's: any)."""
        if db_field.name == "department":
            kwargs["queryset"] = access.departments_for_new_final_accounts(request.user, Department.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The page, with the year's codes as the lists the code cells complete from (only where they may change)."""
        extra = dict(extra_context or {})
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None and access.may_edit_final_accounts(request.user, obj):
            extra["code_lists"] = [(CODE_LISTS[field][2], sorted(subjects.values(), key=lambda subject: subject.code))
                                   for field, subjects in year_codes(obj.year).items()]
        return super().changeform_view(request, object_id, form_url, extra)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.record_change()

    # -------------------------------------------------------------------------------------------- files

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("entry-template/", view(self.blank_template_view), name="final_accounts_finalaccounts_blank_template"),
            path("import/", view(self.start_import_view), name="final_accounts_finalaccounts_start_import"),
            path("<path:object_id>/entry-template/", view(self.template_view),
                 name="final_accounts_finalaccounts_template"),
            path("<path:object_id>/import/", view(self.import_view), name="final_accounts_finalaccounts_import"),
            *self.workflow_urls(),
            *super().get_urls(),
        ]

    def start_import_view(self, request):
        """An import for a department and year chosen here: into its final accounts, or new ones (a draft) that
        confirming starts."""
        form = StartImportForm(request.user, request.POST or None)
        if not form.department_choices.exists():
            raise PermissionDenied  # the bureau starts none
        context = {"title": "从文件导入部门决算", "form": form}
        if request.method != "POST" or not form.is_valid():
            return self.import_page(request, None, context)
        accounts = exchange.accounts_for(form.cleaned_data["department"], form.cleaned_data["year"])
        if accounts.pk and not access.may_edit_final_accounts(request.user, accounts):
            context["errors"] = [f"{accounts}的状态为“{accounts.get_status_display()}”，只能导入草稿或已退回的决算。"]
            return self.import_page(request, None, context)
        return self.import_steps(request, accounts, context)

    def visible_object(self, request, object_id):
        """The final accounts if this user may see them (through the scoped queryset, then access.py), else 404."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def blank_template_view(self, request):
        """The blank 决算填报模板 with the codes of ?year= (by default the newest loaded year)."""
        if not access.may_list_final_accounts(request.user):
            raise PermissionDenied
        years = entry_workbook.years_with_lists()
        year = request.GET.get("year")
        if year is not None and spreadsheet.whole_number(year) not in years:
            raise Http404
        year = int(year) if year else next(iter(years), None)
        name = f"决算填报模板（{year}年）.xlsx" if year else "决算填报模板.xlsx"
        return download(exchange.workbook(None, year), name, XLSX)

    def template_view(self, request, object_id):
        """The final accounts' data in the template's layout, 年初预算 prefilled from the year's published budget."""
        accounts = self.visible_object(request, object_id)
        return download(exchange.workbook(accounts), f"{accounts.title}（决算填报模板）.xlsx", XLSX)

    def import_view(self, request, object_id):
        """Upload → every row checked and a preview (nothing written) → confirm → the data replaced in one
        transaction; or the errors, with nothing changed."""
        accounts = self.visible_object(request, object_id)
        if not access.may_edit_final_accounts(request.user, accounts):
            raise PermissionDenied
        return self.import_steps(request, accounts, {"title": f"导入：{accounts}"})

    def import_steps(self, request, accounts, context):
        """An upload is checked and previewed; a confirmation imports the file it left pending."""
        if request.method == "POST" and request.POST.get("token"):
            return self.confirm_import(request, accounts, request.POST["token"], request.POST.get("filename", ""))
        upload = request.FILES.get("file")
        if request.method == "POST" and upload is None:
            context["errors"] = ["请选择要导入的文件。"]
        elif request.method == "POST":
            try:
                spreadsheet.check_size(upload.size)  # before reading the upload into memory
                content = upload.read()
                parsed = exchange.parse(accounts, upload.name, content)
            except ValidationError as error:
                context["errors"] = error.messages
            else:
                if parsed.errors:
                    context["errors"] = exchange.refusal(parsed.errors).messages
                else:
                    token = secrets.token_hex(16)
                    delete_abandoned_previews()
                    default_storage.save(pending_name(request, accounts, token), ContentFile(content))
                    context.update(token=token, filename=upload.name, parsed=parsed)
        return self.import_page(request, accounts, context)

    def import_page(self, request, accounts, context):
        """The import page: for final accounts (saved, or new and about to be started), or the choice of them."""
        return TemplateResponse(request, "admin/final_accounts/finalaccounts/import.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "accounts": accounts,
            "original": accounts if accounts is not None and accounts.pk else None,
            "template_years": entry_workbook.years_with_lists(), **context,
        })

    def confirm_import(self, request, accounts, token, filename):
        is_new = accounts.pk is None
        again = import_again_url(accounts)
        name = pending_name(request, accounts, token)
        if "cancel" in request.POST:
            default_storage.delete(name)
            messages.info(request, "已取消导入，上传的文件已删除。")
            return redirect(again)
        if not default_storage.exists(name):
            messages.error(request, "导入已过期或已完成，请重新上传文件。")
            return redirect(again)
        if request.POST.get("starts") and not is_new:  # the preview promised new final accounts: replace no one's
            default_storage.delete(name)
            messages.error(request, f"{accounts}刚刚已由他人建立，未导入。请先查看，再决定是否重新导入。")
            return redirect(reverse("admin:final_accounts_finalaccounts_change", args=[accounts.pk]))
        with default_storage.open(name, "rb") as pending:
            content = pending.read()
        default_storage.delete(name)
        try:
            parsed = exchange.import_final_accounts(accounts, filename or "upload.xlsx", content, request.user)
        except ValidationError as error:
            for message in error.messages[:20]:
                messages.error(request, message)
            return redirect(again)
        started = f"已建立{accounts}（草稿）并导入" if is_new else "已导入"
        messages.success(request, f"{started}：{parsed.summary()}。")
        return redirect(reverse("admin:final_accounts_finalaccounts_change", args=[accounts.pk]))


class StartImportForm(imports.StartImportForm):
    """The budget's choice of department and year for an import, for final accounts: the departments this user may
    start final accounts for."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.department_choices = access.departments_for_new_final_accounts(user, Department.objects.order_by("code"))
        department = self.departments
        department.queryset = self.department_choices
        department.error_messages["invalid_choice"] = "只能为本部门或所属单位导入决算。"
        self.fields["year"].label = "决算年度"

    @property
    def departments(self) -> forms.ModelChoiceField:
        """The department field, as the choice of models it is (a form's `fields` are typed as any field)."""
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)  # declared so by the budget's form
        return field


def import_again_url(accounts):
    """Where a finished or abandoned import sends back to: the final accounts' import page, or the start of one."""
    if accounts.pk is None:
        return reverse("admin:final_accounts_finalaccounts_start_import")
    return reverse("admin:final_accounts_finalaccounts_import", args=[accounts.pk])


def pending_name(request, accounts, token):
    """Where an uploaded file waits for confirmation, beside the budget's (whose previews' clean-up deletes it once
    abandoned): only its uploader can confirm it, for this department and year (the final accounts may not exist
    yet); the token's letters and digits only, never a path."""
    token = "".join(character for character in token if character.isalnum())
    return f"{PENDING}/final-accounts-{request.user.pk}-{accounts.department_id}-{accounts.year}-{token}.upload"
