"""Admin download of a budget's nine tables as an Excel workbook, built live from its lines."""

from django.urls import path

from budget.exchange import exports
from budget.downloads import XLSX, download


class ExportViewsMixin:
    """Adds the workbook download to BudgetAdmin; the budget is fetched through the admin's scoped queryset."""

    def export_urls(self):
        view = self.admin_site.admin_view
        return [path("<path:object_id>/workbook/", view(self.workbook_view), name="budget_budget_workbook")]

    def workbook_view(self, request, object_id):
        """The nine tables as they stand now, whatever the status, for anyone who may view the budget."""
        budget = self.viewable_budget(request, object_id)  # 404 unless this user may view it
        content = exports.nine_tables_workbook(budget.build_tables(), budget.department, budget.year)
        return download(content, f"{budget.title}（{budget.get_status_display()}）.xlsx", XLSX)
