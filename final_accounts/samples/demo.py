"""The demo's final accounts: the reference 2024 部门决算 of 上海市普陀区财政局 (final_accounts/samples/putuo.py), entered
and taken through the workflow as its people would: its accountant submits, the bureau's reviewer approves and
publishes (docs/demo-data.md)."""

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from budget import access
from budget.exchange import subjects
from budget.models import EconomicSubject, FunctionSubject
from budget.samples import demo as budget_demo
from budget.samples import synthetic
from departments.models import Department
from final_accounts import publication, workflow
from final_accounts.models import ActualLine, CarryOver, FinalAccounts, IncomeLine, ItemBudget
from final_accounts.samples import putuo

ACCOUNTANT = "juesuan"
DEMO_USERS = {ACCOUNTANT: (access.ACCOUNTANT, putuo.DEPARTMENT["code"], "部门会计：上海市普陀区财政局（决算示例）")}


def _subjects(year: int) -> tuple[dict[str, FunctionSubject], dict[str, EconomicSubject]]:
    """The year's classification lists by code, loaded from the starter lists where missing."""
    for kind, model in (("function", FunctionSubject), ("economic", EconomicSubject)):
        if not model.objects.filter(year=year).exists():
            subjects.load_starter(model, kind, year)
    return (
        {subject.code: subject for subject in FunctionSubject.objects.filter(year=year)},
        {subject.code: subject for subject in EconomicSubject.objects.filter(year=year)},
    )


@transaction.atomic
def load_draft(passwords: Mapping[str, str] | None = None) -> FinalAccounts | None:
    """The reference's final accounts as a draft, with its department, units and accountant; None when there."""
    department, _ = Department.objects.get_or_create(code=putuo.DEPARTMENT["code"], defaults=putuo.DEPARTMENT)
    for unit in putuo.UNITS:
        Department.objects.get_or_create(code=unit["code"], defaults={**unit, "parent": department})
    users = get_user_model().objects
    for username, (group, _, _) in DEMO_USERS.items():
        if not users.filter(username=username).exists():
            password = budget_demo.DEMO_PASSWORD if passwords is None else passwords[username]
            synthetic.staff_user(username, password, group, department)
    if FinalAccounts.objects.filter(department=department, year=putuo.YEAR).exists():
        return None
    functions, economics = _subjects(putuo.YEAR)
    accounts = FinalAccounts.objects.create(department=department, year=putuo.YEAR, **putuo.FIELDS)
    ActualLine.objects.bulk_create(
        ActualLine(final_accounts=accounts, function_subject=functions[function], economic_subject=economics[economic],
                   kind=kind, source="general_budget", amount=Decimal(amount))
        for function, economic, kind, amount in putuo.LINES
    )
    fiscal_income: dict[str, Decimal] = {}
    for function, _, _, amount in putuo.LINES:
        fiscal_income[function] = fiscal_income.get(function, Decimal(0)) + Decimal(amount)
    income = [(function, "general_budget", amount) for function, amount in fiscal_income.items()]
    income += [(function, source, Decimal(amount)) for function, source, amount in putuo.OTHER_INCOME]
    IncomeLine.objects.bulk_create(
        IncomeLine(final_accounts=accounts, function_subject=functions[function], source=source, amount=amount)
        for function, source, amount in income
    )
    CarryOver.objects.bulk_create(
        CarryOver(final_accounts=accounts, fund=fund, moment=moment, amount=Decimal(amount))
        for fund, moment, amount in putuo.CARRYOVERS
    )
    ItemBudget.objects.bulk_create(
        ItemBudget(final_accounts=accounts, function_subject=functions[function], initial_budget=Decimal(amount),
                   purpose=purpose, reason=reason or "")
        for function, amount, purpose, reason in putuo.ITEM_BUDGETS
    )
    return accounts


def load(passwords: Mapping[str, str] | None = None) -> bool:
    """Load the reference's final accounts and publish them through the workflow (the PDF rendered before this
    returns); False, changing nothing, when they are already there."""
    accounts = load_draft(passwords)
    if accounts is None:
        return False
    users = get_user_model().objects
    workflow.submit(accounts, users.get(username=ACCOUNTANT))
    reviewer = users.get(username="shenhe")
    workflow.approve(accounts, reviewer)
    publication.finish(workflow.publish(accounts, reviewer))
    return True
