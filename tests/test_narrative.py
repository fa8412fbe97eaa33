"""Generated sentences follow the line items: change the data and the explanation changes with it."""

from decimal import Decimal

from budget import document
from budget.builders import narrative
from budget.models import Budget
from budget.samples.synthetic import make_line, publish


def statements(budget):
    return document.build(budget).statements


def test_adding_a_line_changes_income_expenditure_and_running_cost(demo_budget):
    before = statements(demo_budget)
    assert "一般公共预算收入423.06万元" in before["income"]
    assert "共计安排38.30万元" in before["running_cost"]

    make_line(demo_budget, "2013301", "30201", "12345.00", unit=demo_budget.department.units.get())
    after = statements(demo_budget)

    assert "2024年预算收入424.29万元，其中：一般公共预算收入424.29万元" in after["income"]
    assert "2024年支出预算424.29万元，其中基本支出272.86万元，包括人员经费233.32万元和日常公用经费39.54万元" in after["expenditure"]
    assert "共计安排39.54万元" in after["running_cost"]
    assert "较2023年预算增加38.73万元，其中：基本支出增加17.40万元" in after["change"]


def test_income_by_source_and_carry_over(draft_budget):
    make_line(draft_budget, amount="10000.00")
    make_line(draft_budget, amount="20000.00", source="service_revenue")
    make_line(draft_budget, amount="5000.00", is_carryover=True)

    income = statements(draft_budget)["income"]

    assert income == (
        "反映本部门当年全部收入。2024年预算收入3.50万元，其中：一般公共预算收入1.00万元，基金预算收入0.00万元，"
        "国有资本经营预算收入0.00万元，财政专户核拨收入0.00万元，单位资金收入2.00万元，上年结转结余0.50万元。"
    )


def test_without_prior_year_figures_there_is_no_comparison_instead_of_a_false_increase(draft_budget):
    make_line(draft_budget, amount="10000.00")

    result = statements(draft_budget)

    assert result["change"] == "2024年预算收支安排1.00万元，无2023年预算数据，不作比较。"
    assert "增加" not in result["change"]
    assert "无2023年“三公”经费预算数据，不作比较。" in result["three_public"]


def test_a_published_prior_year_budget_is_preferred_to_entered_totals(draft_budget, department, subjects_2023):
    make_line(draft_budget, amount="30000.00")
    draft_budget.prior_year_total = Decimal("999999.00")
    draft_budget.save()
    prior = Budget.objects.create(department=department, year=2023)
    make_line(prior, amount="50000.00")
    publish(prior)

    change = statements(draft_budget)["change"]

    assert change.startswith("2024年预算收支安排3.00万元，较2023年预算减少2.00万元，其中：基本支出减少2.00万元")


def test_an_unpublished_prior_year_budget_is_not_used(draft_budget, department, subjects_2023):
    make_line(draft_budget, amount="30000.00")
    prior = Budget.objects.create(department=department, year=2023)
    make_line(prior, amount="50000.00")

    assert "不作比较" in statements(draft_budget)["change"]


def test_three_public_costs_are_itemised_from_lines(draft_budget):
    make_line(draft_budget, economic_code="30217", amount="12000.00")
    make_line(draft_budget, economic_code="30231", amount="8000.00")
    draft_budget.prior_year_three_public = Decimal("25000.00")
    draft_budget.three_public_change_reason = "压减公务接待。"
    draft_budget.save()

    sentence = statements(draft_budget)["three_public"]

    assert sentence == (
        "2024年，我部门财政拨款“三公”经费预算安排2.00万元，其中因公出国（境）费0.00万元；公务用车购置及运维费0.80万元"
        "（其中：公务用车购置费为0.00万元，公务用车运维费0.80万元）；公务接待费1.20万元。与2023年相比减少0.50万元，"
        "增减变化的主要原因是压减公务接待。"
    )


def test_expenditure_lists_projects_by_their_short_names_in_summary_order(demo_budget):
    expenditure = statements(demo_budget)["expenditure"]
    assert expenditure.endswith(
        "项目支出151.43万元，主要为舆情中心运行费、网络安全技术支持项目、网络文明建设服务项目、舆情监测直报项目、"
        "网络重点平台宣传项目、涉军岗位等项目资金。"  # the reference leaves the paragraph without its 。
    )


def test_change_phrase():
    assert narrative.change_phrase(Decimal("100"), None) is None
    assert narrative.change_phrase(Decimal("100"), Decimal("100")) == "持平"  # never "增加0.00万元"
    assert narrative.change_phrase(Decimal("0"), Decimal("15000")) == "减少1.50万元"
    assert narrative.change_phrase(Decimal("130"), Decimal("100")) == "增加不足0.01万元"  # 30 元 prints as 0.00万元
