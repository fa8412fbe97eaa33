"""Synthetic published budgets of any size, for benchmarks and size-independence tests, and the builders
that the demo and the tests share (a line, a staff user)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from budget import access
from budget.builders import codes
from budget.models import (
    Budget,
    BudgetLine,
    EconomicSubject,
    FunctionSubject,
    ProcurementItem,
    Project,
    PublishedVersion,
)
from departments.models import Department
from performance.models import PerformanceIndicator

if TYPE_CHECKING:
    from budget.access import Actor, User


def make_line(
    budget: Budget, function_code: str = "2013301", economic_code: str = "30101", amount: str = "100.00", *,
    kind: str = "basic", source: str = "general_budget", **fields: object,
) -> BudgetLine:
    """A saved, validated line of the budget, its subjects found by code in the budget's year (by default a
    basic, general-budget line)."""
    line = BudgetLine(
        budget=budget,
        function_subject=FunctionSubject.for_code(budget.year, function_code),
        economic_subject=EconomicSubject.for_code(budget.year, economic_code),
        kind=kind,
        source=source,
        amount=Decimal(amount),
        **fields,
    )
    line.full_clean()
    line.save()
    return line


def staff_user(username: str, password: str, group: str, *departments: Department) -> User:
    """A staff user in a role group, belonging to the departments."""
    user = get_user_model().objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    for department in departments:
        department.members.add(user)
    return user


def publish(budget: Budget, user: Actor = access.COMMAND_LINE, reason: str = "") -> PublishedVersion:
    """Approve a budget and publish it through the workflow, skipping submission and review (fixtures and
    benchmarks: publication itself is the real one, its PDF rendered before this returns)."""
    from budget import publication, workflow

    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.APPROVED)
    budget.refresh_from_db()
    version = workflow.publish(budget, user, reason)
    assert version.batch is not None  # publish queues every version in a batch
    publication.run_until_done(version.batch)  # public on return, whether or not a worker runs
    version.refresh_from_db()
    return version


@transaction.atomic
def create_budget(code: str, year: int = 2024, lines: int = 300, projects: int = 40, indicators: int = 10) -> Budget:
    """A draft budget of a department (created if new): basic lines over many codes, projects with indicators."""
    department, _ = Department.objects.get_or_create(
        code=code, defaults={"name": f"测试部门{code}", "nature": "行政", "rank": "正科级", "funding_form": "财政拨款"}
    )
    budget = Budget.objects.create(
        department=department, year=year, duties="负责测试工作。",
        running_cost_uses="日常运行支出",
    )
    functions = list(FunctionSubject.objects.filter(year=year, code__regex=rf"^\d{{{codes.ITEM_LENGTH}}}$"))
    economics = list(EconomicSubject.objects.filter(year=year, code__regex=rf"^\d{{{codes.SECTION_LENGTH}}}$"))
    created = Project.objects.bulk_create(
        Project(budget=budget, code=f"{code}P{n:03d}", name=f"{year}年测试项目{code}-{n}", purpose="测试用途",
                goal="1.目标内容：完成测试。", position=n, plan_march=25, plan_june=50, plan_october=75, plan_december=100)
        for n in range(projects)
    )
    levels = [("output", "quantity"), ("output", "quality"), ("output", "timeliness"), ("output", "cost"),
              ("effect", "social"), ("effect", "sustainability"), ("satisfaction", "beneficiary_satisfaction")]
    PerformanceIndicator.objects.bulk_create(
        PerformanceIndicator(project=project, level1=levels[k % len(levels)][0], level2=levels[k % len(levels)][1],
                             name=f"指标{k}", description=f"指标{k}描述", comparator="≥", target_number=90,
                             target_unit="%", target_basis="工作计划", position=k)
        for project in created for k in range(indicators)
    )
    ProcurementItem.objects.bulk_create(
        ProcurementItem(budget=budget, unit=department, project=project, item_name="信息技术服务", catalog_code="C16000000",
                        measure_unit="项", quantity=1, unit_price=Decimal("50000.00"), source="general_budget",
                        amount=Decimal("50000.00"))
        for project in created[:5]
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


@contextlib.contextmanager
def reusing_pdf(pdf_bytes: bytes) -> Iterator[None]:
    """Publications meanwhile store `pdf_bytes` as their PDF instead of rendering their own.

    A benchmark and load-test shortcut: rendering 1,000s of PDFs would take hours and measures nothing
    the listings depend on; every other part of publication (document, HTML, frozen figures) is real. It
    replaces what publication renders with (tests/test_reused_pdf_shortcut.py: a shortcut that patched
    another function rendered every PDF again, unnoticed).
    """
    from unittest.mock import patch

    from budget import pdf

    with patch.object(pdf, "write", return_value=pdf_bytes):
        yield


def publish_many(count: int, years: Sequence[int], pdf_bytes: bytes, first_code: int = 5000) -> None:
    """Publish `count` small synthetic departments for each year, reusing one rendered PDF (reusing_pdf)."""
    with reusing_pdf(pdf_bytes):
        for offset in range(count):
            code = str(first_code + offset)
            for year in years:
                publish(create_budget(code, year=year, lines=20, projects=2, indicators=4))
