"""A final accounts' 项 whose 支出决算 prints other than its 年初预算 must say why before it is submitted, as must the
whole: the explanation sets each against its budget and prints the reason."""

from decimal import Decimal

import pytest

from budget import access
from budget.workflow import WorkflowError
from final_accounts import workflow
from final_accounts.builders.checks import reasons_given
from final_accounts.builders.facts import ItemBudget
from tests.factories import filled_final_accounts, final_accounts, persona

NAMES = {"2013301": "行政运行", "2013302": "一般行政管理事务"}


def test_a_difference_without_its_reason_is_named():
    items = [ItemBudget("2013301", Decimal("100000"), reason=""), ItemBudget("2013302", Decimal("50000"))]
    actual = {"2013301": Decimal("80000"), "2013302": Decimal("50000")}

    messages = reasons_given(items, actual, NAMES, overall_reason="")

    assert messages == [
        "2013301 行政运行：支出决算8.00万元与年初预算10.00万元不同，请在“项目年初预算与说明”中填写差异的主要原因。",
        "一般公共预算财政拨款支出决算13.00万元与年初预算15.00万元不同，请填写“一般公共预算财政拨款支出决算数与年初预算数差异的主要原因”。",
    ]


def test_spending_without_a_budget_needs_a_reason_and_a_rounding_difference_none():
    actual = {"2013301": Decimal("100049"), "2013302": Decimal("300")}
    items = [ItemBudget("2013301", Decimal("100000"))]  # prints 10.00 both ways

    assert reasons_given(items, actual, NAMES, overall_reason="调整") == [
        "2013302 一般行政管理事务：支出决算0.03万元与年初预算0.00万元不同，请在“项目年初预算与说明”中填写差异的主要原因。"]


def test_submission_is_refused_until_the_reason_is_given(department):
    accounts = filled_final_accounts(final_accounts(department))
    accounts.item_budgets.update(reason="")
    accountant = persona("kuaiji-reasons", access.ACCOUNTANT, department)

    with pytest.raises(WorkflowError, match="请在“项目年初预算与说明”中填写差异的主要原因"):
        workflow.submit(accounts, accountant)
    accounts.item_budgets.update(reason="节约开支")
    workflow.submit(accounts, accountant)
