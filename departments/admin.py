from django.contrib import admin

from .models import Department


class UnitInline(admin.TabularInline):
    model = Department
    fk_name = "parent"
    fields = ["code", "name", "nature", "rank", "funding_form"]
    extra = 0
    verbose_name = "所属单位"
    verbose_name_plural = "所属单位"


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent", "nature", "rank", "funding_form"]
    list_filter = ["nature", "funding_form"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["members"]
    inlines = [UnitInline]
