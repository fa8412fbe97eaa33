"""The public pages of final accounts (部门决算): the document as frozen at publication, its PDF, and 预算执行, the
year's budget set against what was spent. Published versions only: a draft never reaches the public."""

from decimal import Decimal

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string

from budget import caching
from budget.builders.charts import Chart
from budget.downloads import CSV, JSON, XLSX, download, pdf_response
from budget.exchange import exports
from budget.models import PublishedVersion as BudgetVersion
from budget.models import classifications_for_year
from final_accounts.builders import forms
from final_accounts.builders import tables as final_tables
from final_accounts.builders.execution import ExecutionRow
from final_accounts.models import PublishedVersion
from portal.views import digest_etag, entry_response, revalidate


def published_version(year, department_code, number=None):
    """A published version (the current one unless a number is given), or 404."""
    versions = PublishedVersion.objects.filter(
        final_accounts__year=year, final_accounts__department__code=department_code
    ).select_related("final_accounts__department")
    version = (versions.filter(is_current=True) if number is None else versions.filter(number=number)).first()
    if version is None:
        raise Http404("没有已公开的部门决算。")
    return version


def _budget_version(version):
    """The department's published budget of the same year, or None."""
    accounts = version.final_accounts
    return BudgetVersion.objects.current().filter(
        budget__department_id=accounts.department_id, budget__year=accounts.year
    ).first()


@revalidate
def detail(request, year, department_code, number=None):
    """A published final accounts document, as frozen at publication, with its list of corrections; cached with its
    ETag and date until the next publication, as a budget's page."""
    return _cached_page(request, ("final-accounts", year, department_code, number),
                        lambda version: ("final_accounts/detail.html", _detail_context(version)), year, department_code,
                        number)


@revalidate
def pdf(request, year, department_code, number=None):
    """A published version's PDF, exactly as stored at publication."""
    version = published_version(year, department_code, number)
    return pdf_response(version.pdf.open("rb"), version.pdf_filename)


@revalidate
def execution(request, year, department_code):
    """预算执行: 一般公共预算财政拨款 年初预算 against 决算 per 功能分类 类 and 项, with the execution rate and a chart;
    cached as the document's page."""
    return _cached_page(request, ("execution", year, department_code),
                        lambda version: ("final_accounts/execution.html", _execution_context(version)), year,
                        department_code)


def _cached_page(request, parts, page, year, department_code, number=None):
    """The response of a public page of a published version, built by page(version) → (template, context) and kept
    in the cache with its ETag until the next publication: a cached page costs no query."""
    def entry():
        try:
            version = published_version(year, department_code, number)
        except Http404:
            return None
        template, context = page(version)
        html = render_to_string(template, context).encode()
        return digest_etag(html), int(version.published_at.timestamp()), html

    found = caching.cached(parts, entry, caching.PAGE_SECONDS)
    if found is None:
        raise Http404("没有已公开的部门决算。")
    return entry_response(request, found)


def _detail_context(version):
    accounts = version.final_accounts
    return {"version": version, "accounts": accounts, "is_current": version.is_current,
            "versions": list(accounts.versions.order_by("number")), "budget_version": _budget_version(version)}


def execution_rows(version):
    """The 预算执行 rows the version froze."""
    return [
        ExecutionRow(row["code"], row["name"], Decimal(row["budget"]), Decimal(row["actual"]))
        for row in version.figures.get("execution", [])
    ]


def _execution_context(version):
    year = version.final_accounts.year
    rows = execution_rows(version)
    classes = [row for row in rows if row.level == "class"]
    charts = [
        Chart("chart-budget", f"{year}年年初预算（按功能分类 类）", [(row.name, row.budget) for row in classes]),
        Chart("chart-actual", f"{year}年支出决算（按功能分类 类）", [(row.name, row.actual) for row in classes]),
    ]
    return {"version": version, "accounts": version.final_accounts, "rows": rows, "charts": charts,
            "baseline_from_platform": version.figures.get("baseline_from_platform", False),
            "budget_version": _budget_version(version)}


# Open data: the tables as Excel, CSV and JSON, and the whole version as JSON, from what publication froze.


def layouts(version):
    """The version's tables' specs, in the form it was published in, by table number."""
    accounts = version.final_accounts
    form = forms.load(version.figures.get("form", settings.FINAL_ACCOUNTS_FORM))
    specs = final_tables.specs(form, classifications_for_year(accounts.year), version.department_name)
    return {spec.number: spec for spec in specs}


def _layout(version, table):
    found = layouts(version).get(table)
    if found is None:
        raise Http404("没有这张表。")
    return found


def _name(version, what):
    return f"{version.title}{what}"


@revalidate
def tables_workbook(request, year, department_code, number=None):
    """The nine tables of a published version as an Excel workbook."""
    version = published_version(year, department_code, number)
    content = exports.workbook(
        layouts(version).values(), version.tables, f"{department_code}{version.department_name}", year,
        version.published_at, year_label="决算年度",
    )
    return download(content, _name(version, ".xlsx"), XLSX)


@revalidate
def table_csv(request, year, department_code, table, number=None):
    """One table of a published version as CSV."""
    version = published_version(year, department_code, number)
    layout = _layout(version, table)
    return download(exports.table_csv(layout, version.tables[str(table)]), _name(version, f"表{table}.csv"), CSV)


def _table_json(version, layout):
    accounts = version.final_accounts
    return exports.table_json(layout, version.tables[str(layout.number)],
                              department={"code": accounts.department.code, "name": version.department_name},
                              year=accounts.year)


@revalidate
def table_json(request, year, department_code, table, number=None):
    """One table of a published version as JSON."""
    version = published_version(year, department_code, number)
    content = exports.json_bytes(_table_json(version, _layout(version, table)))
    return download(content, _name(version, f"表{table}.json"), JSON, as_attachment=False)


HEADLINE = ("total", "fiscal_total", "income_total", "expenditure_total", "general_budget_expenditure", "running_cost",
            "three_public")


@revalidate
def final_accounts_json(request, year, department_code, number=None):
    """A published version as one JSON document: its tables, headline figures (元) and 预算执行 rows (元)."""
    version = published_version(year, department_code, number)
    return download(exports.json_bytes(version_json(version)), _name(version, ".json"), JSON, as_attachment=False)


def version_json(version):
    """The whole version as JSON-ready data (docs/open-data.md)."""
    accounts = version.final_accounts
    return {
        "title": version.title,
        "department": {"code": accounts.department.code, "name": version.department_name},
        "year": accounts.year,
        "version": version.number,
        "published_at": version.published_at.isoformat(),
        "figures_unit": "元",
        "figures": {name: version.figures.get(name) for name in HEADLINE},
        "execution": version.figures.get("execution", []),
        "tables": [_table_json(version, layout) for layout in layouts(version).values()],
    }


def bundle_files(versions):
    """Published final accounts as files of their year's open-data zip: <code>/final-accounts.json and
    <code>/final-accounts/tables/<n>.csv."""
    files = {}
    for version in versions:
        code = version.final_accounts.department.code
        files[f"{code}/final-accounts.json"] = exports.json_bytes(version_json(version))
        for number, layout in layouts(version).items():
            files[f"{code}/final-accounts/tables/{number}.csv"] = exports.table_csv(layout, version.tables[str(number)])
    return files
