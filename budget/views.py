from django.db.models import Sum
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

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
    """The budget document: the nine tables, built from one load of the lines."""
    budget = published_budget(year, department_code)
    return render(request, "budget/budget_detail.html", {"budget": budget, "tables": budget.build_tables()})
