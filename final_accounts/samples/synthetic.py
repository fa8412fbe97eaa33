"""Synthetic final accounts of any size, for benchmarks and size-independence tests: lines over every 项 of the year's
list and many 经济分类 款, income matching them, carry-overs that balance, and each 项 explained."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from budget import access
from budget.builders import codes
from budget.models import EconomicSubject, FunctionSubject
from departments.models import Department
from final_accounts import publication, workflow
from final_accounts.models import ActualLine, CarryOver, FinalAccounts, IncomeLine, ItemBudget, PublishedVersion

KINDS = ("basic", "basic", "project")  # two basic lines to each project line
SOURCES = ("general_budget", "general_budget", "general_budget", "government_fund", "other_revenue")


def add_items(year: int, count: int) -> None:
    """`count` more 功能分类 项 in the year's list (codes 50–99 under each 款, where free): the starter list has some
    70, a real year's some 1,500, and a large department's final accounts list a hundred or more."""
    sections = list(FunctionSubject.objects.filter(year=year, code__regex=rf"^\d{{{codes.SECTION_LENGTH}}}$"))
    taken = set(FunctionSubject.objects.filter(year=year).values_list("code", flat=True))
    free = (f"{section.code}{n}" for n in range(50, 100) for section in sections)
    FunctionSubject.objects.bulk_create(
        FunctionSubject(year=year, code=item, name=f"测试项{item}", parent=next(s for s in sections if item.startswith(s.code)))
        for item in [code for code in free if code not in taken][:count]
    )


def create_final_accounts(code: str, year: int = 2024, lines: int = 400) -> FinalAccounts:
    """Draft final accounts of a department (created if new) with `lines` actual lines spread over every 项 and 款."""
    department, _ = Department.objects.get_or_create(
        code=code, defaults={"name": f"测试部门{code}", "nature": "行政", "rank": "正科级", "funding_form": "财政拨款"}
    )
    accounts = FinalAccounts.objects.create(department=department, year=year, duties="负责测试工作。")
    functions = list(FunctionSubject.objects.filter(year=year, code__regex=rf"^\d{{{codes.ITEM_LENGTH}}}$"))
    economics = list(EconomicSubject.objects.filter(year=year, code__regex=rf"^\d{{{codes.SECTION_LENGTH}}}$"))
    made = [
        ActualLine(final_accounts=accounts, function_subject=functions[i % len(functions)],
                   economic_subject=economics[i % len(economics)], kind=KINDS[i % len(KINDS)],
                   source=SOURCES[i % len(SOURCES)], amount=Decimal("10000.01") + 37 * i)
        for i in range(lines)
    ]
    ActualLine.objects.bulk_create(made)
    income: defaultdict[tuple[FunctionSubject, str], Decimal] = defaultdict(Decimal)
    general: defaultdict[FunctionSubject, Decimal] = defaultdict(Decimal)
    for line in made:
        income[line.function_subject, line.source] += line.amount
        if line.source == "general_budget":
            general[line.function_subject] += line.amount
    IncomeLine.objects.bulk_create(
        IncomeLine(final_accounts=accounts, function_subject=subject, source=source, amount=amount)
        for (subject, source), amount in income.items()
    )
    CarryOver.objects.bulk_create(
        CarryOver(final_accounts=accounts, fund=fund, moment=moment, amount=Decimal("50000.00"))
        for fund in ("general_budget", "non_fiscal") for moment in ("start", "end")
    )
    ItemBudget.objects.bulk_create(
        ItemBudget(final_accounts=accounts, function_subject=subject, initial_budget=(amount * Decimal("1.03")).quantize(
            Decimal("0.01")), purpose=f"{subject.name}的日常支出", reason="年中按实际需要调减支出")
        for subject, amount in general.items()
    )
    return accounts


def publish(accounts: FinalAccounts) -> PublishedVersion:
    """Approve final accounts and publish them through the workflow, skipping submission and review (benchmarks);
    their PDF rendered before this returns."""
    FinalAccounts.objects.filter(pk=accounts.pk).update(status=FinalAccounts.Status.APPROVED)
    accounts.refresh_from_db()
    return publication.finish(workflow.publish(accounts, access.COMMAND_LINE))
