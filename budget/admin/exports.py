"""Admin downloads: a budget's nine tables as an Excel workbook, built live from its lines; the 预算明细 list's
export of line items (django-import-export)."""

from django.urls import path
from django.utils.http import content_disposition_header
from import_export.admin import ExportMixin
from import_export.formats import base_formats

from budget.admin.base import BudgetPagesAdmin
from budget.downloads import XLSX, download
from budget.exchange import exports, resources


class ExportViewsMixin(BudgetPagesAdmin):
    """Adds the workbook download to BudgetAdmin; the budget is fetched through the admin's scoped queryset."""

    def export_urls(self):
        view = self.admin_site.admin_view
        return [path("<path:object_id>/workbook/", view(self.workbook_view), name="budget_budget_workbook")]

    def workbook_view(self, request, object_id):
        """The nine tables as they stand now, whatever the status, for anyone who may view the budget."""
        budget = self.viewable_budget(request, object_id)  # 404 unless this user may view it
        content = exports.nine_tables_workbook(budget.build_tables(), budget.department, budget.year)
        return download(content, f"{budget.title}（{budget.get_status_display()}）.xlsx", XLSX)


class LineExportMixin(ExportMixin):
    """The lines the user may see (the admin's scoped queryset) as CSV or XLSX, formulas kept as inert text."""

    resource_classes = [resources.BudgetLineResource]
    # Declared: mypy infers resources.FORMATS, two subclasses of an untyped library's, as a list of classes of object.
    export_formats: list[type[base_formats.Format]] = resources.FORMATS

    def export_action(self, request):
        response = super().export_action(request)
        if response.has_header("Content-Disposition"):  # the file, not the form again
            # import-export puts the file's name in the header as it is, and Django MIME-encodes a header that is
            # not ASCII as a whole, which browsers do not read: a Chinese name is sent as RFC 6266 says instead.
            file_format = next(f() for f in self.export_formats if f.CONTENT_TYPE == response["Content-Type"])
            response["Content-Disposition"] = content_disposition_header(True, resources.filename(file_format))
        return response
