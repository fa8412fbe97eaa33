from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from budget.listing import PublishedBudgetTable
from budget.models import Budget, PublishedVersion


def published_version(year, department_code, number=None):
    """A published version (the current one unless a number is given), or 404: drafts never reach the public."""
    versions = PublishedVersion.objects.select_related("budget__department").filter(
        budget__year=year, budget__department__code=department_code
    )
    version = versions.order_by("-number").first() if number is None else versions.filter(number=number).first()
    if version is None:
        raise Http404("没有已公开的部门预算。")
    return version


def index(request):
    """Published budgets, newest year first, with the figures of their current version."""
    current = PublishedVersion.objects.filter(budget=OuterRef("pk")).order_by("-number")
    budgets = Budget.objects.published().select_related("department").annotate(
        total=Subquery(current.values("figures__expenditure_total")[:1]),
        last_published_at=Subquery(current.values("published_at")[:1]),
    )
    table = PublishedBudgetTable(budgets.order_by("-year", "department__code"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "budget/index.html", {"table": table})


def budget_detail(request, year, department_code, number=None):
    """A published budget document, as frozen at publication, with its list of corrections."""
    version = published_version(year, department_code, number)
    versions = list(version.budget.versions.order_by("number"))
    context = {"version": version, "budget": version.budget, "versions": versions, "is_current": version == versions[-1]}
    return render(request, "budget/budget_detail.html", context)


def budget_pdf(request, year, department_code, number=None):
    """A published version's PDF, exactly as stored at publication."""
    version = published_version(year, department_code, number)
    return pdf_response(version.pdf.open("rb"), version.budget)


def pdf_unavailable(error):
    return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")


def pdf_response(content, budget):
    """A PDF download named <部门名称><年度>年部门预算.pdf (sent as a UTF-8 filename*)."""
    return FileResponse(content, as_attachment=True, filename=budget.pdf_filename, content_type="application/pdf")
