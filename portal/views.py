import functools
import hashlib

from django.core.paginator import EmptyPage
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition
from django_tables2 import RequestConfig

from budget import caching
from budget.builders.charts import Chart
from budget.downloads import pdf_response
from budget.models import PublishedVersion
from portal import queries
from portal.listing import YearTable, year_query


def versions_shown(year, department_code, number=None):
    """The published version a public URL shows, as a queryset: the current one unless a number is given."""
    versions = PublishedVersion.objects.filter(budget__year=year, budget__department__code=department_code)
    return versions.filter(is_current=True) if number is None else versions.filter(number=number)


def published_version(year, department_code, number=None):
    """A published version (the current one unless a number is given), or 404: drafts never reach the public."""
    version = versions_shown(year, department_code, number).select_related("budget__department").first()
    if version is None:
        raise Http404("没有已公开的部门预算。")
    return version


def _version_stamp(request, year, department_code, number=None, **kwargs):
    """(pk, published_at) of the version a URL shows, looked up once per request, for ETag and Last-Modified."""
    if not hasattr(request, "_version_stamp"):
        def lookup():
            return versions_shown(year, department_code, number).values_list("pk", "published_at").first()

        # Cached like the pages: a cached file's headers then cost no database query.
        request._version_stamp = caching.cached(("stamp", year, department_code, number), lookup, caching.PAGE_SECONDS)
    return request._version_stamp


def _etag(request, *args, **kwargs):
    stamp = _version_stamp(request, *args, **kwargs)
    return f"v{stamp[0]}" if stamp else None


def _last_modified(request, *args, **kwargs):
    stamp = _version_stamp(request, *args, **kwargs)
    return stamp[1] if stamp else None


# Browsers and proxies may keep published pages and files, but must ask before each use (with
# If-None-Match / If-Modified-Since, answered by a 304): without this they would guess a freshness from
# Last-Modified and could show a corrected budget's old page for days.
revalidate = cache_control(public=True, no_cache=True)


def frozen(view):
    """A published version's file: it never changes (a correction is a new version, with a new ETag)."""
    return revalidate(condition(etag_func=_etag, last_modified_func=_last_modified)(view))


def canonical_query(normalise):
    """Answers a view's request only with the query string `normalise` makes of its parameters (the known ones,
    valid), and redirects there when it has others or invalid values: a page cached per query string then has
    as many entries as valid parameters, not as many as a crawler can invent."""
    def decorator(view):
        @functools.wraps(view)
        def answer(request, *args, **kwargs):
            query = normalise(request.GET)
            if dict(request.GET.lists()) != dict(QueryDict(query).lists()):
                return HttpResponsePermanentRedirect(f"{request.path}?{query}" if query else request.path)
            return view(request, *args, **kwargs)
        return answer
    return decorator


def index(request):
    """Published budgets of a year (the newest by default) grouped under their departments, and search.

    The rendered page is cached briefly (it is the same for everyone) and dropped at each publication.
    """
    query = request.GET.get("q", "").strip()
    if "\x00" in query:  # no one types it, and PostgreSQL refuses it in a query
        raise Http404("搜索词无效。")
    years = caching.cached(("years",), queries.published_years, caching.LISTING_SECONDS)
    year = _year_from(request, years)

    def page():
        context = {**_index_context(year, query), "years": years, "year": year, "query": query,
                   "final_accounts": list(queries.current_final_accounts())}
        return render_to_string("budget/index.html", context)

    if query:  # not cached: a search is whatever a visitor types, the shared cache would hold one per string
        return HttpResponse(page())
    return HttpResponse(caching.cached(("index", year), page, caching.LISTING_SECONDS))


def _year_from(request, years):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0] if years else None
    return year if year in years else (years[0] if years else None)


def _index_context(year, query):
    if query:
        return {"results": queries.search(query), "final_accounts_results": queries.search_final_accounts(query)}
    versions = list(queries.current_versions(year).order_by("budget__department__code")) if year else []
    return {"groups": queries.grouped(versions), "count": len(versions), "total": queries.year_total(year) if year else 0}


@canonical_query(year_query)
def year_overview(request, year):
    """Every published budget of a year, sortable and paginated, and the year's spending by function 类.

    Each rendered page (per sort order and page number) is cached briefly and dropped at each publication;
    a page past the last is not found (not cached).
    """
    def page():
        versions = queries.with_prior_total(queries.current_versions(year))
        count = versions.count()
        if not count:
            return None
        table = YearTable(versions)
        try:
            RequestConfig(request, paginate={"per_page": 50, "silent": False}).configure(table)
        except EmptyPage:
            raise Http404("没有这一页。") from None
        chart = Chart("chart-year-function", f"{year}年各部门支出按功能分类（类）", queries.function_classes(year))
        return render_to_string("budget/year.html", {
            "year": year, "table": table, "chart": chart, "count": count, "total": queries.year_total(year),
        }, request)

    html = caching.cached(("year", year, request.GET.urlencode()), page, caching.LISTING_SECONDS)
    if html is None:
        raise Http404("该年度暂无已公开的部门预算。")
    return HttpResponse(html)


@revalidate
def budget_detail(request, year, department_code, number=None):
    """A published budget document, as frozen at publication, with its list of corrections.

    The page is cached with its ETag and date as one entry until the next publication: a cached page
    costs one round trip to the cache and no query.
    """
    entry = caching.cached(("detail", year, department_code, number),
                           lambda: _detail_entry(year, department_code, number), caching.PAGE_SECONDS)
    if entry is None:
        raise Http404("没有已公开的部门预算。")
    return entry_response(request, entry)


def entry_response(request, entry, **response_options):
    """The response of a cached (ETag, Last-Modified timestamp, content) entry, or a 304 when the client has it."""
    etag, last_modified, content = entry
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(content, **response_options)
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    return response


def digest_etag(content):
    """An ETag that is the content's own digest: it changes exactly when the content does."""
    return quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())


def _detail_entry(year, department_code, number):
    """(ETag, Last-Modified timestamp, HTML as bytes) of a published page, or None when there is no such version.

    The ETag is the page's own digest: the list of corrections and of years on the page changes with
    later publications, and a page rebuilt unchanged keeps its ETag.
    """
    try:
        version = published_version(year, department_code, number)
    except Http404:
        return None
    versions = list(version.budget.versions.order_by("number"))
    years = PublishedVersion.objects.current().filter(budget__department=version.budget.department_id)
    html = render_to_string("budget/budget_detail.html", {
        "version": version, "budget": version.budget, "versions": versions, "is_current": version.is_current,
        "years": list(years.order_by("budget__year").values_list("budget__year", flat=True)),
        "final_accounts": queries.current_final_accounts(version.budget.department_id).filter(
            final_accounts__year=year).first(),
    }).encode()
    return digest_etag(html), int(version.published_at.timestamp()), html


@frozen
def budget_pdf(request, year, department_code, number=None):
    """A published version's PDF, exactly as stored at publication."""
    version = published_version(year, department_code, number)
    return pdf_response(version.pdf.open("rb"), version.pdf_filename)


def compare(request, department_code):
    """Two published years of a department side by side: totals and every table's rows, matched by code; the
    department named as the later year published it."""
    versions = {v.budget.year: v for v in queries.current_versions().filter(budget__department__code=department_code)}
    if len(versions) < 1:
        raise Http404("该部门暂无已公开的部门预算。")
    years = sorted(versions)
    try:
        to_year = int(request.GET.get("to") or years[-1])
        from_year = int(request.GET.get("from") or to_year - 1)
    except ValueError:
        raise Http404("年份无效。") from None
    if from_year not in versions or to_year not in versions:
        return render(request, "budget/compare.html", {"department_name": versions[years[-1]].department_name,
                                                        "years": years, "missing": True,
                                                        "from_year": from_year, "to_year": to_year}, status=404)
    before, after = versions[from_year], versions[to_year]
    return render(request, "budget/compare.html", {
        "department_name": after.department_name, "years": years, "from_year": from_year, "to_year": to_year,
        "totals": queries.compare_totals(before, after), "tables": queries.compare_tables(before, after),
    })



def department(request, department_code):
    """A department's page: for each year, its published budget and final accounts, and 预算执行 between them."""
    budgets = {v.budget.year: v for v in queries.current_versions().filter(budget__department__code=department_code)}
    accounts = {
        v.final_accounts.year: v for v in queries.current_final_accounts().filter(
            final_accounts__department__code=department_code)
    }
    if not budgets and not accounts:
        raise Http404("该部门暂无已公开的部门预算或决算。")
    latest = max([*budgets, *accounts])
    name = (budgets.get(latest) or accounts[latest]).department_name  # as its latest document published it
    years = [(year, budgets.get(year), accounts.get(year)) for year in sorted({*budgets, *accounts}, reverse=True)]
    return render(request, "budget/department.html", {
        "department_name": name, "code": department_code, "years": years, "budgets": budgets,
    })
