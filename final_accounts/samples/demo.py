"""The demo's final accounts: the reference 2024 部门决算 of 上海市普陀区财政局 (final_accounts/samples/putuo.py), entered
and taken through the workflow as its people would: its accountant submits, the bureau's reviewer approves and
publishes (docs/demo-data.md)."""

from collections import defaultdict
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from budget import access
from budget.exchange import subjects
from budget.models import Budget, EconomicSubject, FunctionSubject
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
    """Load the reference's final accounts, and the sample ones of the demo budget's department when its budget is
    published, each published through the workflow (PDFs rendered before this returns); False, changing nothing,
    when the reference's are already there. The budget's demo (its reviewer, its budget) is loaded first."""
    accounts = load_draft(passwords)
    if accounts is None:
        return False
    _publish(accounts, ACCOUNTANT)
    budget = Budget.objects.filter(
        department__code=budget_demo.DEPARTMENT["code"], year=budget_demo.YEAR, status=Budget.Status.PUBLISHED
    ).first()
    sample = load_sample(budget) if budget else None
    if sample is not None:
        _publish(sample, "kuaiji")
    return True


def _publish(accounts: FinalAccounts, accountant: str) -> None:
    """Submitted by the department's accountant, approved and published by the bureau's reviewer."""
    users = get_user_model().objects
    workflow.submit(accounts, users.get(username=accountant))
    reviewer = users.get(username="shenhe")
    workflow.approve(accounts, reviewer)
    publication.finish(workflow.publish(accounts, reviewer))


# The sample final accounts of the demo budget's department: no real 2024 部门决算 of it is public. Marked so where
# it is read, so that no one takes it for the department's.
SAMPLE_MARK = "【示例数据，非真实决算】"
# Share of each 项's budget spent, where not all of it (the rest spent in full): enough to show the 预算执行 view.
SAMPLE_EXECUTION = {"2013704": Decimal("0.92"), "2013701": Decimal("0.85"), "2101102": Decimal("0.97")}
SAMPLE_REASONS = {
    "2013704": "部分舆情监测服务按合同进度于次年支付",
    "2013701": "项目执行中节约开支",
    "2101102": "医疗保险缴费基数调整",
}


@transaction.atomic
def load_sample(budget: Budget) -> FinalAccounts | None:
    """Sample 2024 final accounts of the demo budget's department, set against that published budget: its lines
    spent in full but for SAMPLE_EXECUTION's 项, a draft; None when the department has final accounts that year."""
    if FinalAccounts.objects.filter(department_id=budget.department_id, year=budget.year).exists():
        return None
    accounts = FinalAccounts.objects.create(
        department_id=budget.department_id, year=budget.year,
        duties=f"{SAMPLE_MARK}本决算为演示“预算执行”功能而生成的示例数据，不是本部门公开的决算。\n{budget.duties}",
        budget_difference_reason=f"{SAMPLE_MARK}部分项目按合同进度于次年支付",
        prior_total=None,
    )
    spent: defaultdict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for line in budget.lines.select_related("function_subject", "economic_subject"):
        share = SAMPLE_EXECUTION.get(line.function_subject.code, Decimal(1))
        amount = (line.amount * share).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        ActualLine.objects.create(
            final_accounts=accounts, unit=line.unit, function_subject=line.function_subject,
            economic_subject=line.economic_subject, kind=line.kind, source=line.source, amount=amount,
        )
        spent[line.function_subject_id, line.source] += amount
    IncomeLine.objects.bulk_create(
        IncomeLine(final_accounts=accounts, function_subject_id=subject, source=source, amount=amount)
        for (subject, source), amount in spent.items()
    )
    functions = {subject.code: subject for subject in FunctionSubject.objects.filter(year=budget.year)}
    ItemBudget.objects.bulk_create(
        ItemBudget(final_accounts=accounts, function_subject=functions[code], reason=f"{SAMPLE_MARK}{reason}")
        for code, reason in SAMPLE_REASONS.items()
    )
    return accounts
