"""Only who may evaluate a budget (access.may_evaluate: its department's accountant or a superuser, once it is
published) imports its 绩效自评表: anyone else is refused before the file is read, and nothing changes."""

import pytest
from django.core.exceptions import PermissionDenied

from performance import evaluation_workbook
from tests.evaluation_files import accountant, database_state, upload

pytestmark = pytest.mark.usefixtures("demo_for_the_module")


class Unread:
    """An upload that fails the test if it is read."""

    def __init__(self, content):
        self.name, self.size = "绩效自评.xlsx", len(content)

    def read(self, size=-1):
        pytest.fail("the file was read")


@pytest.mark.parametrize("username", ["kuaiji2", "shenhe"])  # another department's accountant, the bureau's reviewer
def test_whoever_may_not_evaluate_the_budget_is_refused(demo_budget, username):
    content = evaluation_workbook.workbook(demo_budget)
    before = database_state(demo_budget)

    with pytest.raises(PermissionDenied, match="只能导入本部门预算的绩效自评。"):
        evaluation_workbook.import_evaluation(demo_budget, Unread(content), accountant(username))

    assert database_state(demo_budget) == before


def test_a_budget_reopened_for_a_correction_is_refused_even_to_its_accountant(reopened_demo):
    content = evaluation_workbook.workbook(reopened_demo)
    before = database_state(reopened_demo)

    with pytest.raises(PermissionDenied, match="预算公开后才能导入绩效自评，本预算状态为“已退回”。"):
        evaluation_workbook.import_evaluation(reopened_demo, Unread(content), accountant())

    assert database_state(reopened_demo) == before


def test_a_superuser_may(demo_budget):
    content = evaluation_workbook.workbook(demo_budget)

    assert evaluation_workbook.import_evaluation(demo_budget, upload(content), accountant("demo")).targets
