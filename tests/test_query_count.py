"""A budget page costs the same number of queries for 10 lines as for 2,000 (and 1 project as for 40)."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject, ProcurementItem
from departments.models import Department
from performance.models import PerformanceIndicator, Project


def published_budget_with(code, lines, projects):
    department = Department.objects.create(code=code, name=f"部门{code}")
    budget = Budget.objects.create(department=department, year=2024, status=Budget.Status.PUBLISHED)
    functions = list(FunctionSubject.objects.filter(year=2024, code__regex=r"^\d{7}$"))
    economics = list(EconomicSubject.objects.filter(year=2024, code__regex=r"^\d{5}$"))
    created = Project.objects.bulk_create(
        Project(budget=budget, code=f"P{n:03d}", name=f"项目{n}", position=n) for n in range(projects)
    )
    PerformanceIndicator.objects.bulk_create(
        PerformanceIndicator(project=project, level1="output", level2="quantity", name=f"指标{k}",
                             target_text="完成", target_basis="工作计划", position=k)
        for project in created for k in range(10)
    )
    ProcurementItem.objects.bulk_create(
        ProcurementItem(budget=budget, unit=department, project=project, item_name="服务", catalog_code="C1",
                        measure_unit="项", quantity=1, unit_price=100, source="general_budget", amount=100)
        for project in created
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            budget=budget,
            function_subject=functions[i % len(functions)],
            economic_subject=economics[i % len(economics)],
            kind="project" if i < projects else "basic",
            project=created[i] if i < projects else None,
            source="general_budget",
            amount=Decimal("1000.01") + i,
        )
        for i in range(lines)
    )
    return budget


def queries_for_page(client, budget):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(budget.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_lines_or_projects(client, db):
    small = published_budget_with("801", lines=10, projects=1)
    large = published_budget_with("802", lines=2000, projects=40)

    assert queries_for_page(client, small) == queries_for_page(client, large) <= 12
