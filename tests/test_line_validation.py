"""A budget line is refused, with a Chinese message, unless its codes, amount and project are valid."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.models import BudgetLine, EconomicSubject, FunctionSubject, Project
from budget.samples.synthetic import make_line


def refusal(budget, **overrides):
    """The validation messages of an unsaved line, by field; asserts nothing was saved."""
    fields = {
        "budget": budget,
        "function_subject": FunctionSubject.objects.get(year=budget.year, code="2013301"),
        "economic_subject": EconomicSubject.objects.get(year=budget.year, code="30101"),
        "kind": "basic",
        "source": "general_budget",
        "amount": Decimal("100.00"),
        **overrides,
    }
    with pytest.raises(ValidationError) as caught:
        BudgetLine(**fields).full_clean()
    assert not BudgetLine.objects.filter(budget=budget).exists()
    return caught.value.message_dict


def test_a_valid_line_is_accepted(draft_budget):
    line = make_line(draft_budget, "2013301", "30101", "1234.56")
    assert line.amount == Decimal("1234.56")


def test_an_unknown_code_is_refused(draft_budget):
    with pytest.raises(ValidationError) as caught:
        FunctionSubject.for_code(2024, "2990101")
    assert caught.value.messages == ["2024年的功能分类科目中没有编码为“2990101”的科目。"]


def test_a_function_code_above_item_level_is_refused(draft_budget):
    errors = refusal(draft_budget, function_subject=FunctionSubject.objects.get(year=2024, code="20133"))
    assert "不是项级科目" in errors["function_subject"][0]


def test_an_economic_class_is_refused(draft_budget):
    errors = refusal(draft_budget, economic_subject=EconomicSubject.objects.get(year=2024, code="301"))
    assert "须填到款级（5位编码）" in errors["economic_subject"][0]


def test_a_code_of_another_year_is_refused(draft_budget):
    errors = refusal(draft_budget, function_subject=FunctionSubject.objects.get(year=2025, code="2013301"))
    assert errors["function_subject"] == ["功能分类科目2013301是2025年的科目，本预算是2024年度，请选择2024年的科目。"]


@pytest.mark.parametrize("amount", ["-5.00", "0"])
def test_an_amount_that_is_not_positive_is_refused(draft_budget, amount):
    errors = refusal(draft_budget, amount=Decimal(amount))
    assert errors["amount"] == ["金额必须大于零。"]


def test_an_amount_with_three_decimals_is_refused(draft_budget):
    errors = refusal(draft_budget, amount=Decimal("1.234"))
    assert "2 位" in errors["amount"][0]


def test_a_project_line_without_a_project_is_refused(draft_budget):
    errors = refusal(draft_budget, kind="project")
    assert errors["project"] == ["项目支出必须选择所属项目。"]


def test_a_basic_line_naming_a_project_is_refused(draft_budget):
    project = Project.objects.create(budget=draft_budget, code="P1", name="测试项目")
    errors = refusal(draft_budget, project=project)
    assert "只有项目支出才能选择项目" in errors["project"][0]


def test_a_project_of_another_budget_is_refused(draft_budget, demo_budget):
    foreign = demo_budget.projects.first()
    errors = refusal(draft_budget, kind="project", project=foreign)
    assert errors["project"] == ["所选项目不属于本部门预算。"]  # not its name: it is another department's


def test_a_unit_of_another_department_is_refused(draft_budget, demo_budget):
    errors = refusal(draft_budget, unit=demo_budget.department.units.get())
    assert errors["unit"] == ["所选单位不是鹿泉区测试局或其所属单位。"]
