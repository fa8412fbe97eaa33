"""Departments and their 所属单位, with their members (the users who enter their budgets)."""

from django.contrib import admin

from budget import access
from budget.admin.base import LabelledRowsInline, ScopedHistoryAdmin
from departments.models import Department


class UnitInline(LabelledRowsInline):
    model = Department
    fk_name = "parent"
    fields = ["code", "name", "short_name", "nature", "rank", "funding_form"]
    extra = 0
    verbose_name = "所属单位"
    verbose_name_plural = "所属单位"


@admin.register(Department)
class DepartmentAdmin(ScopedHistoryAdmin):
    list_display = ["code", "name", "short_name", "parent", "nature", "rank", "funding_form"]
    list_select_related = ["parent"]  # nullable: Django's default select_related leaves it out
    list_filter = ["nature", "funding_form"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["members"]
    inlines = [UnitInline]

    def get_queryset(self, request):
        """The bureau sees every department; an accountant their own and its units."""
        return access.visible_departments(request.user, super().get_queryset(request))
