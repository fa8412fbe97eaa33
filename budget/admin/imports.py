"""Admin pages to import a budget from the entry workbook (or a CSV of line items), with a preview and a
confirmation step, and to download the workbook blank or filled."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import path, reverse

from budget.builders import narrative, tables
from budget.exchange import entry_workbook, imports, spreadsheet
from budget.downloads import XLSX, download
from budget.models import classifications_for_year

PENDING = "budget-imports/pending"


def _unsaved_line_facts(lines):
    """A parsed file's (unsaved) BudgetLine objects as the plain values the builders take, as
    Budget.line_facts() gives the saved ones."""
    return [
        tables.Line(line.function_subject.code, line.economic_subject.code, line.kind, line.source, line.is_carryover,
                    line.amount)
        for line in lines
    ]


class ImportViewsMixin:
    """Adds the import and entry-workbook pages to BudgetAdmin."""

    def import_urls(self):
        view = self.admin_site.admin_view
        return [
            path("entry-template/", view(self.entry_template_view), name="budget_budget_entry_template"),
            path("<path:object_id>/entry-workbook/", view(self.entry_workbook_view), name="budget_budget_entry_workbook"),
            path("<path:object_id>/import/", view(self.import_view), name="budget_budget_import"),
        ]

    def entry_template_view(self, request):
        """The blank entry workbook (预算填报模板)."""
        return download(entry_workbook.workbook(None), "预算填报模板.xlsx", XLSX)

    def entry_workbook_view(self, request, object_id):
        """The budget's data in the entry workbook's layout: export it, edit it, import it back."""
        budget = self.viewable_budget(request, object_id)
        return download(entry_workbook.workbook(budget), f"{budget.title}（填报数据）.xlsx", XLSX)

    def import_view(self, request, object_id):
        """Upload → check every row and preview → confirm → replace the draft's data in one transaction."""
        budget = self.viewable_budget(request, object_id)
        if not budget.is_editable_by(request.user):
            raise PermissionDenied
        context = {"title": f"导入：{budget}"}
        if request.method == "POST" and request.POST.get("token"):
            return self.confirm_import(request, budget, request.POST["token"], request.POST.get("filename", ""))
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                context["errors"] = ["请选择要导入的文件。"]
            else:
                try:
                    spreadsheet.check_size(upload.size)  # before reading the upload into memory
                    content = upload.read()
                    parsed, is_workbook = imports.parse(budget, upload.name, content)
                except ValidationError as error:
                    context["errors"] = error.messages
                else:
                    if parsed.errors:
                        context["errors"] = parsed.errors[: imports.MAX_ERRORS_SHOWN]
                        context["more_errors"] = max(0, len(parsed.errors) - imports.MAX_ERRORS_SHOWN)
                    else:
                        token = secrets.token_hex(16)
                        default_storage.save(self.pending_name(request, budget, token), ContentFile(content))
                        classifications = classifications_for_year(budget.year)
                        context.update(
                            token=token, filename=upload.name, parsed=parsed, is_workbook=is_workbook,
                            before=narrative.summarize(budget.line_facts(), classifications),
                            after=narrative.summarize(_unsaved_line_facts(parsed.lines), classifications),
                        )
        return self.page(request, "admin/budget/budget/import.html", budget, **context)

    def pending_name(self, request, budget, token):
        """Where an uploaded file waits for confirmation: only its uploader can confirm it, for this budget."""
        return f"{PENDING}/{request.user.pk}-{budget.pk}-{token}.upload"

    def confirm_import(self, request, budget, token, filename):
        name = self.pending_name(request, budget, "".join(c for c in token if c.isalnum()))
        if not default_storage.exists(name):
            messages.error(request, "导入已过期或已完成，请重新上传文件。")
            return redirect(reverse("admin:budget_budget_import", args=[budget.pk]))
        with default_storage.open(name, "rb") as pending:
            content = pending.read()
        default_storage.delete(name)
        try:
            parsed = imports.import_budget(budget, filename or "upload.xlsx", content, request.user)
        except ValidationError as error:
            for message in error.messages[:20]:
                messages.error(request, message)
            return redirect(reverse("admin:budget_budget_import", args=[budget.pk]))
        messages.success(request, f"已导入：预算明细{len(parsed.lines)}行，项目{len(parsed.projects)}个。")
        return redirect(reverse("admin:budget_budget_change", args=[budget.pk]))
