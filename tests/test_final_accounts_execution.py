"""预算执行: the year's budget, as the platform published it, set against the final accounts per 功能分类 类 and 项, with
the execution rate; 年初预算 is never retyped where the budget was published here."""

from decimal import Decimal

from django.urls import reverse

from budget.models import BudgetLine
from final_accounts import document
from final_accounts.builders import facts
from final_accounts.builders.execution import rows
from final_accounts.models import FinalAccounts


def line(function_code, amount, source="general_budget"):
    return facts.ActualLine(function_code, "30201", "basic", source, Decimal(amount))


def test_rows_set_each_class_and_item_against_its_budget_with_the_rate():
    actual = (line("2013301", "90"), line("2013301", "10"), line("2080505", "50"), line("2080505", "999", "other_revenue"))
    budgets = {"2013301": Decimal("200"), "2101101": Decimal("30")}
    names = {"201": "一般公共服务支出", "2013301": "行政运行", "208": "社会保障和就业支出", "2080505": "养老",
             "210": "卫生健康支出", "2101101": "行政单位医疗"}

    built = rows(actual, budgets, names)

    assert [(row.code, row.budget, row.actual, row.rate) for row in built] == [
        ("", Decimal("230"), Decimal("150"), Decimal("65.22")),
        ("201", Decimal("200"), Decimal("100"), Decimal("50.00")),
        ("2013301", Decimal("200"), Decimal("100"), Decimal("50.00")),
        ("208", Decimal("0"), Decimal("50"), None),  # spent without a budget: no rate to state
        ("2080505", Decimal("0"), Decimal("50"), None),
        ("210", Decimal("30"), Decimal("0"), Decimal("0.00")),
        ("2101101", Decimal("30"), Decimal("0"), Decimal("0.00")),
    ]


def test_the_baseline_comes_from_the_published_budget_never_retyped(demo_final_accounts):
    sample = FinalAccounts.objects.get(department__code="224", year=2024)
    budget_lines = BudgetLine.objects.filter(budget__department__code="224", budget__year=2024, source="general_budget",
                                             is_carryover=False)
    expected = {}
    for each in budget_lines.select_related("function_subject"):
        expected[each.function_subject.code] = expected.get(each.function_subject.code, 0) + each.amount

    doc = document.build(sample)

    assert doc.baseline.from_platform
    assert doc.baseline.item_budgets == expected
    assert not sample.item_budgets.exclude(initial_budget=None).exists()  # nothing typed


def test_the_reference_has_no_budget_here_and_uses_what_was_entered(demo_final_accounts):
    doc = document.build(demo_final_accounts)

    assert not doc.baseline.from_platform
    assert sum(doc.baseline.item_budgets.values()) == Decimal("29939200")  # 2993.92万元, the reference's 年初预算


def test_the_execution_page_shows_budget_actual_and_rate_with_a_chart(client, demo_final_accounts):
    page = client.get(reverse("final-accounts-execution", args=[2024, "224"]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "年初预算" in text and "支出决算" in text and "执行率" in text
    assert "92.00%" in text  # 2013704, spent at 92 % in the sample
    assert "<svg" in text and "取自本平台公开的" in text
