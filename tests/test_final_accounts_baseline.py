"""The baseline comes from the platform: the year's 年初预算 and "三公" budget from the department's published budget,
last year's figures from its published final accounts; entered only where the platform has none, and marked so."""

from decimal import Decimal

from budget.models import BudgetLine
from final_accounts import document
from final_accounts.models import FinalAccounts


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


def test_last_years_figures_come_from_last_years_published_final_accounts(demo_final_accounts):
    following = FinalAccounts.objects.create(department=demo_final_accounts.department, year=2025,
                                             prior_total=Decimal("1.00"))  # typed, and ignored
    published = demo_final_accounts.current_version().figures

    prior = document.build(following).facts.prior

    assert prior.from_platform
    assert prior.total == Decimal(published["total"]) == Decimal("29953891")  # 2995.39万元
    assert prior.running_cost == Decimal(published["running_cost"])


def test_without_last_years_final_accounts_the_entered_figures_stand_in(demo_final_accounts):
    prior = document.build(demo_final_accounts).facts.prior

    assert not prior.from_platform
    assert prior.total == demo_final_accounts.prior_total


def test_the_document_says_where_its_compared_figures_came_from(client, demo_final_accounts):
    reference = client.get("/final-accounts/2024/310107001/").content.decode()
    sample = client.get("/final-accounts/2024/224/").content.decode()

    assert "注：年初预算数由本部门填报；2023年度数据由本部门填报。" in reference
    assert "注：年初预算数取自本平台公开的2024年部门预算；无2023年度可比数据。" in sample


def test_performance_figures_come_from_the_approved_self_evaluation(demo_final_accounts):
    from performance import evaluation
    from performance.models import EvaluationReview

    sample = FinalAccounts.objects.get(department__code="224", year=2024)
    budget = sample.department.budgets.get(year=2024)
    before = document.build(sample).facts.performance
    assert before.evaluated_projects == 0  # the self-evaluation not approved: as entered (none)
    # The targets were set in the budget, published here: counted from it whatever the self-evaluation's state.
    assert before.targets_projects == budget.projects.filter(indicators__isnull=False).distinct().count() == 6
    EvaluationReview.objects.update_or_create(budget=budget, defaults={"status": "approved"})
    scored = [each for each in evaluation.for_budget(budget) if each.total is not None]

    performance = document.build(sample).facts.performance

    assert performance.evaluated_projects == len(scored) > 0
    assert performance.evaluated_amount == sum(each.initial_budget for each in scored)
    assert performance.average_score == evaluation.summary(evaluation.for_budget(budget)).average
    assert performance.targets_projects == budget.projects.filter(indicators__isnull=False).distinct().count()
    assert performance.grade_excellent + performance.grade_good + performance.grade_pass + performance.grade_fail == len(
        scored)
