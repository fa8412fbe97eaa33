"""The lists every budget draws on: classification codes, the glossary, control figures, published versions."""

from django.contrib import admin

from budget import access
from budget.admin.base import ScopedHistoryAdmin
from budget.models import Budget, ControlFigure, EconomicSubject, FunctionSubject, GlossaryEntry, PublishedVersion


class SubjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "year", "parent"]
    list_select_related = ["parent"]  # nullable: Django's default select_related leaves it out
    list_filter = ["year"]
    search_fields = ["code", "name"]
    ordering = ["-year", "code"]
    raw_id_fields = ["parent"]


@admin.register(FunctionSubject)
class FunctionSubjectAdmin(SubjectAdmin):
    pass


@admin.register(EconomicSubject)
class EconomicSubjectAdmin(SubjectAdmin):
    list_display = [*SubjectAdmin.list_display, "cost_category"]
    list_filter = ["year", "cost_category"]


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
    fields = readonly_fields = ("budget", "department_name", "number", "published_at", "published_by", "reason", "pdf",
                                "pdf_sha256")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(budget__in=Budget.objects.for_user(request.user))

    def has_add_permission(self, request):
        return False  # versions are made by publishing

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
