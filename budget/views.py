from django.core.files.storage import default_storage
from django.db.models import Sum
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from budget import document, pdf
from budget.listing import PublishedBudgetTable
from budget.models import Budget


def published_budget(year, department_code):
    """The published budget of a department and year, or 404: drafts never reach the public."""
    return get_object_or_404(
        Budget.objects.published().select_related("department"), year=year, department__code=department_code
    )


def index(request):
    """Published budgets, newest year first."""
    budgets = Budget.objects.published().select_related("department").annotate(total=Sum("lines__amount"))
    table = PublishedBudgetTable(budgets.order_by("-year", "department__code"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "budget/index.html", {"table": table})


def budget_detail(request, year, department_code):
    """The whole budget document: the nine tables and the explanation."""
    budget = published_budget(year, department_code)
    return render(request, "budget/budget_detail.html", {"document": document.build(budget)})


def budget_pdf(request, year, department_code):
    """The document's PDF, rendered once per revision and then served from storage."""
    budget = published_budget(year, department_code)
    try:
        name = pdf.stored_pdf(budget)
    except pdf.MissingFontError as error:
        return pdf_unavailable(error)
    return pdf_response(default_storage.open(name), budget)


def pdf_unavailable(error):
    return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")


def pdf_response(content, budget):
    """A PDF download named <部门名称><年度>年部门预算.pdf (sent as a UTF-8 filename*)."""
    return FileResponse(content, as_attachment=True, filename=budget.pdf_filename, content_type="application/pdf")
