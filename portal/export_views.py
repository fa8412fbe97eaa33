"""Public downloads of published budgets: the nine tables as Excel, CSV and JSON, the whole budget as JSON,
the line items as a Fiscal Data Package, and a year's bundle. Served only from what publication froze."""

from django.http import Http404
from django.utils.http import content_disposition_header

from budget import caching
from budget.builders import tables
from budget.downloads import CSV, JSON, XLSX, download
from budget.exchange import exports
from budget.models import PublishedVersion
from portal import final_accounts_views, queries
from portal.views import digest_etag, entry_response, frozen, published_version, revalidate


@frozen
def tables_workbook(request, year, department_code, number=None):
    """The nine tables of a published version as an Excel workbook."""
    version = published_version(year, department_code, number)
    return download(exports.version_workbook(version), f"{version.title}.xlsx", XLSX)


def _table_number(table):
    """The table number if there is such a table, else 404."""
    if table not in tables.SPECS:
        raise Http404("没有这张表。")
    return table


@frozen
def table_csv(request, year, department_code, table, number=None):
    """One table of a published version as CSV."""
    version = published_version(year, department_code, number)
    content = exports.table_csv(tables.SPECS[_table_number(table)], version.tables[str(table)])
    return download(content, f"{year}-{department_code}-table-{table}.csv", CSV)


@frozen
def table_json(request, year, department_code, table, number=None):
    """One table of a published version as JSON."""
    version = published_version(year, department_code, number)
    content = exports.json_bytes(exports.version_table_json(version, _table_number(table)))
    return download(content, f"{year}-{department_code}-table-{table}.json", JSON, as_attachment=False)


@frozen
def budget_json(request, year, department_code, number=None):
    """A published version as one JSON document."""
    version = published_version(year, department_code, number)
    return download(exports.json_bytes(exports.budget_json(version)), f"{year}-{department_code}-budget.json", JSON,
                    as_attachment=False)


def frozen_lines(year, department_code, number):
    """A published version that froze its line items, or 404 (versions published before open data did not)."""
    version = published_version(year, department_code, number)
    if version.data is None:
        raise Http404("该版本公开时未保存预算明细。")
    return version


@frozen
def lines_csv(request, year, department_code, number=None):
    """The line items of a published version, as frozen at publication (元)."""
    version = frozen_lines(year, department_code, number)
    return download(exports.lines_csv(version), f"{year}-{department_code}-lines.csv", CSV)


@frozen
def datapackage(request, year, department_code, number=None):
    """The Fiscal Data Package descriptor of lines.csv."""
    version = frozen_lines(year, department_code, number)
    return download(exports.json_bytes(exports.datapackage(version)), "datapackage.json", JSON, as_attachment=False)


@revalidate
def year_bundle(request, year):
    """Every budget of the year in its current published version, in one zip.

    Built once per publication generation and cached with its ETag: for 1,000 departments it takes
    seconds and some 10 MB, far too much for each request.
    """
    entry = caching.cached(("bundle", year), lambda: _bundle_entry(year), caching.PAGE_SECONDS)
    if entry is None:
        raise Http404("该年度没有已公开的部门预算。")
    return entry_response(request, entry, content_type="application/zip", headers={
        "Content-Disposition": content_disposition_header(True, f"{year}-open-data.zip")})


def _bundle_entry(year):
    """(ETag, Last-Modified timestamp, zip) of a year's bundle, or None when nothing of the year is published."""
    versions = PublishedVersion.objects.current().filter(budget__year=year).select_related("budget__department")
    versions = list(versions.order_by("budget__department__code"))
    final_accounts = list(queries.current_final_accounts().filter(final_accounts__year=year))
    if not versions and not final_accounts:
        return None
    latest = max(version.published_at for version in [*versions, *final_accounts])
    content = exports.year_bundle(versions, latest, final_accounts_views.bundle_files(final_accounts))
    return digest_etag(content), int(latest.timestamp()), content
