from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter
from django.urls.converters import StringConverter
from django.views.decorators.cache import cache_page

from budget import caching
from portal import export_views, final_accounts_views, views
from portal.listing import sitemap_query
from portal.sitemaps import SITEMAPS


class DepartmentCodeConverter(StringConverter):
    """A department code in a URL: any text but a slash or a NUL character, which PostgreSQL refuses in a
    query (a 500 instead of a 404)."""

    regex = "[^/\x00]+"


register_converter(DepartmentCodeConverter, "department")


def each_version(route, view, name, kind="budgets"):
    """The route for the current published version, and for version <n> as …/v<n>/<route>; kind: "budgets" or
    "final-accounts"."""
    return [
        path(f"{kind}/<int:year>/<department:department_code>/{route}", view, name=name),
        path(f"{kind}/<int:year>/<department:department_code>/v<int:number>/{route}", view, name=f"{name}-version"),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    path("budgets/<int:year>/", views.year_overview, name="year-overview"),
    path("budgets/<department:department_code>/compare/", views.compare, name="compare"),
    path("departments/<department:department_code>/", views.department, name="department"),
    path("sitemap.xml", views.canonical_query(sitemap_query)(cache_page(caching.LISTING_SECONDS)(sitemap)),
         {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("budgets/<int:year>/<department:department_code>/", views.budget_detail, name="budget-detail"),
    path("budgets/<int:year>/<department:department_code>/pdf/", views.budget_pdf, name="budget-pdf"),
    path("budgets/<int:year>/<department:department_code>/v<int:number>/", views.budget_detail, name="budget-version"),
    path("budgets/<int:year>/<department:department_code>/v<int:number>/pdf/", views.budget_pdf, name="budget-version-pdf"),
    path("final-accounts/<int:year>/<department:department_code>/", final_accounts_views.detail,
         name="final-accounts-detail"),
    path("final-accounts/<int:year>/<department:department_code>/pdf/", final_accounts_views.pdf,
         name="final-accounts-pdf"),
    path("final-accounts/<int:year>/<department:department_code>/v<int:number>/", final_accounts_views.detail,
         name="final-accounts-version"),
    path("final-accounts/<int:year>/<department:department_code>/v<int:number>/pdf/", final_accounts_views.pdf,
         name="final-accounts-version-pdf"),
    path("final-accounts/<int:year>/<department:department_code>/execution/", final_accounts_views.execution,
         name="final-accounts-execution"),
    *each_version("tables.xlsx", final_accounts_views.tables_workbook, "final-accounts-workbook", "final-accounts"),
    *each_version("tables/<int:table>.csv", final_accounts_views.table_csv, "final-accounts-table-csv", "final-accounts"),
    *each_version("tables/<int:table>.json", final_accounts_views.table_json, "final-accounts-table-json",
                  "final-accounts"),
    *each_version("final-accounts.json", final_accounts_views.final_accounts_json, "final-accounts-json",
                  "final-accounts"),
    path("budgets/<int:year>/open-data.zip", export_views.year_bundle, name="open-data-zip"),
    *each_version("tables.xlsx", export_views.tables_workbook, "budget-workbook"),
    *each_version("tables/<int:table>.csv", export_views.table_csv, "budget-table-csv"),
    *each_version("tables/<int:table>.json", export_views.table_json, "budget-table-json"),
    *each_version("budget.json", export_views.budget_json, "budget-json"),
    *each_version("datapackage.json", export_views.datapackage, "budget-datapackage"),
    *each_version("lines.csv", export_views.lines_csv, "budget-lines-csv"),
]
