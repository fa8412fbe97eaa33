"""Admin pages to import a budget from the entry workbook (or a CSV of line items), with a preview and a
confirmation step: into a budget from its page, or for a department and year from the budget list (starting
the year's draft when the department has none); and to download the workbook blank or filled."""

import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from budget import access
from budget.admin.base import BudgetPagesAdmin
from budget.builders import narrative, tables
from budget.downloads import XLSX, download
from budget.exchange import entry_workbook, imports, spreadsheet
from budget.models import classifications_for_year
from departments.models import Department

PENDING = "budget-imports/pending"
# A preview left unconfirmed (its page closed) keeps its file this long, then the next preview deletes it.
PENDING_KEPT = timedelta(days=1)
TEMPLATE = "admin/budget/budget/import.html"


def _unsaved_line_facts(lines):
    """A parsed file's (unsaved) BudgetLine objects as the plain values the builders take, as
    Budget.line_facts() gives the saved ones."""
    return [
        tables.Line(line.function_subject.code, line.economic_subject.code, line.kind, line.source, line.is_carryover,
                    line.amount)
        for line in lines
    ]


class StartImportForm(forms.Form):
    """Which department's budget of which year a file is for: the departments this user may start budgets for,
    the years whose classification lists are loaded."""

    department = forms.ModelChoiceField(
        Department.objects.none(), label="部门或单位",
        error_messages={"invalid_choice": "只能为本部门或所属单位导入预算。", "required": "请选择部门或单位。"},
    )
    year = forms.TypedChoiceField(
        label="预算年度", coerce=int,
        error_messages={"invalid_choice": "系统中还没有%(value)s年的科目表，请系统管理员先导入。", "required": "请选择预算年度。"},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department_choices = access.departments_for_new_budgets(user, Department.objects.order_by("code"))
        self.departments.queryset = self.department_choices
        years = self.fields["year"]
        assert isinstance(years, forms.TypedChoiceField)  # declared above
        years.choices = [(year, f"{year}年") for year in entry_workbook.years_with_lists()]

    @property
    def departments(self) -> forms.ModelChoiceField:
        """The department field, as the choice of models it is (a form's `fields` are typed as any field)."""
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)  # declared above
        return field


class ImportViewsMixin(BudgetPagesAdmin):
    """Adds the import and entry-workbook pages to BudgetAdmin."""

    def import_urls(self):
        view = self.admin_site.admin_view
        return [
            path("entry-template/", view(self.entry_template_view), name="budget_budget_entry_template"),
            path("import/", view(self.start_import_view), name="budget_budget_start_import"),
            path("<path:object_id>/entry-workbook/", view(self.entry_workbook_view), name="budget_budget_entry_workbook"),
            path("<path:object_id>/import/", view(self.import_view), name="budget_budget_import"),
        ]

    def entry_template_view(self, request):
        """The blank entry workbook (预算填报模板) with the codes of ?year= (by default the newest loaded year)."""
        years = entry_workbook.years_with_lists()
        year = request.GET.get("year")
        if year is not None and spreadsheet.whole_number(year) not in years:
            raise Http404
        year = int(year) if year else next(iter(years), None)
        name = f"预算填报模板（{year}年）.xlsx" if year else "预算填报模板.xlsx"
        return download(entry_workbook.workbook(None, year), name, XLSX)

    def entry_workbook_view(self, request, object_id):
        """The budget's data in the entry workbook's layout: export it, edit it, import it back."""
        budget = self.viewable_budget(request, object_id)
        return download(entry_workbook.workbook(budget), f"{budget.title}（填报数据）.xlsx", XLSX)

    def import_view(self, request, object_id):
        """Upload → check every row and preview → confirm → replace the draft's data in one transaction."""
        budget = self.viewable_budget(request, object_id)
        if not budget.is_editable_by(request.user):
            raise PermissionDenied
        return self.import_steps(request, budget, {"title": f"导入：{budget}"})

    def start_import_view(self, request):
        """The same for a department and year chosen here: into its budget, or a new draft that confirming starts."""
        form = StartImportForm(request.user, request.POST or None)
        if not form.department_choices.exists():
            raise PermissionDenied  # a reviewer starts no budget
        context = {"title": "从文件导入预算", "form": form}
        if request.method != "POST" or not form.is_valid():
            return self.import_page(request, None, context)
        budget = imports.budget_for(form.cleaned_data["department"], form.cleaned_data["year"])
        if budget.pk and not budget.is_editable_by(request.user):
            context["errors"] = [f"{budget}的状态为“{budget.get_status_display()}”，只能导入草稿或已退回的预算。"]
            return self.import_page(request, None, context)
        return self.import_steps(request, budget, context)

    def import_steps(self, request, budget, context):
        """An upload is checked and previewed (nothing written); a confirmation imports the file it left pending."""
        if request.method == "POST" and request.POST.get("token"):
            if "cancel" in request.POST:
                return self.cancel_import(request, budget, request.POST["token"])
            return self.confirm_import(request, budget, request.POST["token"], request.POST.get("filename", ""))
        upload = request.FILES.get("file")
        if request.method == "POST" and upload is None:
            context["errors"] = ["请选择要导入的文件。"]
        elif request.method == "POST":
            try:
                spreadsheet.check_size(upload.size)  # before reading the upload into memory
                content = upload.read()
                parsed = imports.parse(budget, upload.name, content)
            except ValidationError as error:
                context["errors"] = error.messages
            else:
                if parsed.errors:
                    context["errors"] = parsed.errors[: imports.MAX_ERRORS_SHOWN]
                    context["more_errors"] = max(0, len(parsed.errors) - imports.MAX_ERRORS_SHOWN)
                else:
                    token = secrets.token_hex(16)
                    delete_abandoned_previews()
                    default_storage.save(self.pending_name(request, budget, token), ContentFile(content))
                    classifications = classifications_for_year(budget.year)
                    before = budget.line_facts() if budget.pk else []
                    context.update(
                        token=token, filename=upload.name, parsed=parsed,
                        before=narrative.summarize(before, classifications),
                        after=narrative.summarize(_unsaved_line_facts(parsed.lines), classifications),
                    )
        return self.import_page(request, budget, context)

    def import_page(self, request, budget, context):
        """The import page: for a budget (saved, or new and about to be started), or the choice of one."""
        return TemplateResponse(request, TEMPLATE, {
            **self.admin_site.each_context(request), "opts": self.model._meta, "budget": budget,
            "original": budget if budget is not None and budget.pk else None,
            "template_years": entry_workbook.years_with_lists(), **context,
        })

    def pending_name(self, request, budget, token):
        """Where an uploaded file waits for confirmation: only its uploader can confirm it, for this department
        and year (the budget may not exist yet)."""
        return f"{PENDING}/{request.user.pk}-{budget.department_id}-{budget.year}-{token}.upload"

    def pending_file(self, request, budget, token):
        """The pending file a posted token names (its letters and digits only: never a path)."""
        return self.pending_name(request, budget, "".join(c for c in token if c.isalnum()))

    def cancel_import(self, request, budget, token):
        """The preview abandoned: its file is deleted, and the import page shown again."""
        default_storage.delete(self.pending_file(request, budget, token))
        messages.info(request, "已取消导入，上传的文件已删除。")
        return redirect(import_again_url(budget))

    def confirm_import(self, request, budget, token, filename):
        is_new = budget.pk is None
        again = import_again_url(budget)
        name = self.pending_file(request, budget, token)
        if not default_storage.exists(name):
            messages.error(request, "导入已过期或已完成，请重新上传文件。")
            return redirect(again)
        if request.POST.get("starts") and not is_new:  # the preview promised a new draft: replace no one's
            default_storage.delete(name)
            messages.error(request, f"{budget}刚刚已由他人建立，未导入。请先查看该预算，再决定是否重新导入。")
            return redirect(reverse("admin:budget_budget_change", args=[budget.pk]))
        with default_storage.open(name, "rb") as pending:
            content = pending.read()
        default_storage.delete(name)
        try:
            parsed = imports.import_budget(budget, filename or "upload.xlsx", content, request.user)
        except ValidationError as error:
            for message in error.messages[:20]:
                messages.error(request, message)
            return redirect(again)
        started = f"已建立{budget}（草稿）并导入" if is_new else "已导入"
        messages.success(request, f"{started}：{parsed.summary()}。")
        return redirect(reverse("admin:budget_budget_change", args=[budget.pk]))


def import_again_url(budget):
    """Where a finished or abandoned import sends back to: the budget's import page, or the start of one."""
    if budget.pk is None:
        return reverse("admin:budget_budget_start_import")
    return reverse("admin:budget_budget_import", args=[budget.pk])


def delete_abandoned_previews():
    """Delete the pending files of previews older than PENDING_KEPT: a preview whose page was closed, neither
    confirmed nor cancelled, would leave its file, a department's data, in the storage for good."""
    try:
        _, names = default_storage.listdir(PENDING)
    except FileNotFoundError:  # no preview yet on this storage
        return
    cutoff = timezone.now() - PENDING_KEPT
    for name in names:
        path = f"{PENDING}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
