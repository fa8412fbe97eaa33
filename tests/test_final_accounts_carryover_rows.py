"""A carry-over of a fund whose table goes by 功能分类 项 (政府性基金, 国有资本经营) must name its 项, on the page as in
the workbook: tables 8 and 9 list those funds' carry-overs by 项, and table 4 would count one they do not show."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.models import FunctionSubject
from final_accounts.models import CarryOver
from tests.factories import final_accounts


def carryover(accounts, fund, function_subject=None):
    return CarryOver(final_accounts=accounts, fund=fund, moment="start", amount=Decimal("100.00"),
                     function_subject=function_subject)


@pytest.mark.parametrize("fund", ["government_fund", "state_capital"])
def test_a_fund_table_carry_over_without_its_item_is_refused(department, fund):
    accounts = final_accounts(department)

    with pytest.raises(ValidationError, match="须填到项"):
        carryover(accounts, fund).full_clean()
    carryover(accounts, fund, FunctionSubject.for_code(2024, "2013301")).full_clean()


@pytest.mark.parametrize("fund", ["general_budget", "non_fiscal"])
def test_the_other_funds_need_no_item(department, fund):
    carryover(final_accounts(department), fund).full_clean()
