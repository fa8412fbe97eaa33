"""The public pages of final accounts (部门决算): the document as frozen at publication, its PDF, and 预算执行, the
year's budget set against what was spent. Published versions only: a draft never reaches the public."""

from decimal import Decimal

from django.http import Http404
from django.shortcuts import render

from budget.builders.charts import Chart
from budget.downloads import pdf_response
from budget.models import PublishedVersion as BudgetVersion
from final_accounts.builders.execution import ExecutionRow
from final_accounts.models import PublishedVersion
from portal.views import revalidate


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
    """A published final accounts document, as frozen at publication, with its list of corrections."""
    version = published_version(year, department_code, number)
    accounts = version.final_accounts
    return render(request, "final_accounts/detail.html", {
        "version": version, "accounts": accounts, "is_current": version.is_current,
        "versions": list(accounts.versions.order_by("number")), "budget_version": _budget_version(version),
    })


@revalidate
def pdf(request, year, department_code, number=None):
    """A published version's PDF, exactly as stored at publication."""
    version = published_version(year, department_code, number)
    return pdf_response(version.pdf.open("rb"), version.pdf_filename)


def execution_rows(version):
    """The 预算执行 rows the version froze."""
    return [
        ExecutionRow(row["code"], row["name"], Decimal(row["budget"]), Decimal(row["actual"]))
        for row in version.figures.get("execution", [])
    ]


@revalidate
def execution(request, year, department_code):
    """预算执行: 一般公共预算财政拨款 年初预算 against 决算 per 功能分类 类 and 项, with the execution rate and a chart."""
    version = published_version(year, department_code)
    rows = execution_rows(version)
    classes = [row for row in rows if row.level == "class"]
    charts = [
        Chart("chart-budget", f"{year}年年初预算（按功能分类 类）", [(row.name, row.budget) for row in classes]),
        Chart("chart-actual", f"{year}年支出决算（按功能分类 类）", [(row.name, row.actual) for row in classes]),
    ]
    return render(request, "final_accounts/execution.html", {
        "version": version, "accounts": version.final_accounts, "rows": rows, "charts": charts,
        "baseline_from_platform": version.figures.get("baseline_from_platform", False),
        "budget_version": _budget_version(version),
    })
