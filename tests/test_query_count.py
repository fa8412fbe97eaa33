"""A budget page costs the same number of queries for 10 lines as for 2,000."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject
from departments.models import Department


def published_budget_with_lines(code, count):
    department = Department.objects.create(code=code, name=f"部门{code}")
    budget = Budget.objects.create(department=department, year=2024, status=Budget.Status.PUBLISHED)
    functions = list(FunctionSubject.objects.filter(year=2024, code__regex=r"^\d{7}$"))
    economics = list(EconomicSubject.objects.filter(year=2024, code__regex=r"^\d{5}$"))
    BudgetLine.objects.bulk_create(
        BudgetLine(
            budget=budget,
            function_subject=functions[i % len(functions)],
            economic_subject=economics[i % len(economics)],
            kind="basic",
            source="general_budget",
            amount=Decimal("1000.01") + i,
        )
        for i in range(count)
    )
    return budget


def queries_for_page(client, budget):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(budget.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_lines(client, db):
    small = published_budget_with_lines("801", 10)
    large = published_budget_with_lines("802", 2000)

    assert queries_for_page(client, small) == queries_for_page(client, large) <= 5
