"""The review rules (审核规则): each fires on the situation it is for, stays quiet once it is fixed."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget import access, checks
from budget.models import (
    Budget,
    BudgetLine,
    CheckRun,
    ControlFigure,
    EconomicSubject,
    FunctionSubject,
    Project,
    WarningExplanation,
)
from budget.samples import synthetic
from budget.samples.synthetic import make_line, publish
from departments.models import Department
from performance.models import PerformanceIndicator

PLAN = {"plan_march": 25, "plan_june": 50, "plan_october": 75, "plan_december": 100}


def add_indicator(project, level1, level2, **target):
    return PerformanceIndicator.objects.create(
        project=project, level1=level1, level2=level2, name=f"{level2}指标", target_basis="工作计划",
        **(target or {"target_text": "完成"}),
    )


@pytest.fixture
def budget(draft_budget):
    """A small draft that passes every rule: texts, a basic line of 10万元, project P1 of 5万元 with indicators."""
    update(draft_budget, duties="负责测试工作。", running_cost_uses="日常运行支出", overall_goal="完成测试。")
    make_line(draft_budget, "2013301", "30101", "100000.00")
    project = Project.objects.create(budget=draft_budget, code="P1", name="测试项目", purpose="测试用途", **PLAN)
    make_line(draft_budget, "2013301", "30227", "50000.00", kind="project", project=project)
    add_indicator(project, "output", "cost", comparator="≤", target_number=Decimal("5"), target_unit="万元")
    add_indicator(project, "effect", "social")
    add_indicator(project, "satisfaction", "beneficiary_satisfaction", comparator="≥", target_number=90,
                  target_unit="%")
    return draft_budget


@pytest.fixture
def project(budget):
    return budget.projects.get(code="P1")


def update(instance, **fields):
    """Change and save fields of a saved object."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


def found(budget, rule):
    """The findings of one rule for the budget."""
    return [finding for finding in checks.run(budget) if finding.rule == rule]


def only(budget, rule):
    """The single finding of one rule for the budget."""
    findings = found(budget, rule)
    assert len(findings) == 1, findings
    return findings[0]


def raw_line(budget, function="2013301", economic="30101", year=None, **fields):
    """A line saved without validation, as a bulk import could save it."""
    year = year or budget.year
    return BudgetLine.objects.create(
        budget=budget,
        function_subject=FunctionSubject.objects.get(year=year, code=function),
        economic_subject=EconomicSubject.objects.get(year=budget.year, code=economic),
        kind=fields.pop("kind", "basic"), source=fields.pop("source", "general_budget"),
        amount=Decimal(fields.pop("amount", "1000.00")), **fields,
    )


def publish_prior_year(department, amount):
    """A published 2023 budget of the department with one 201 line of amount 元."""
    prior = Budget.objects.create(department=department, year=2023)
    make_line(prior, "2013301", "30101", amount)
    publish(prior)
    return prior


def control(budget, kind, source, amount):
    return ControlFigure.objects.create(
        department=budget.department, year=budget.year, kind=kind, source=source, amount=Decimal(amount)
    )


# The budgets that must pass.

def test_demo_budget_has_no_findings(demo_budget):
    findings = checks.run(demo_budget)

    # The reference's one contradiction, 拟购置固定资产 0.00万元 beside 0.50万元 of 31002, cannot arise: the figure is
    # derived from the 310 lines now (tests/test_assets_section.py).
    assert findings == []


def test_complete_small_budget_has_no_findings(budget):
    assert checks.run(budget) == []


def test_rules_have_unique_ids_severities_and_titles():
    assert [rule.id for rule in checks.RULES] == [f"C{n:02d}" for n in range(1, len(checks.RULES) + 1)]
    assert {rule.severity for rule in checks.RULES} == {checks.ERROR, checks.WARNING}
    assert all(rule.title for rule in checks.RULES)


# C01 codes valid and at leaf level in the budget's year

def test_line_with_function_code_of_another_year_is_an_error(budget, subjects_2023):
    raw_line(budget, "2013301", "30101", year=2023)

    finding = only(budget, "C01")
    assert finding.severity == checks.ERROR
    assert finding.target == "预算明细/2013301/30101/功能分类科目"
    assert "2013301是2023年的科目，本预算是2024年度" in finding.message


def test_line_with_class_level_economic_code_is_an_error(budget):
    raw_line(budget, "2013301", "301")

    finding = only(budget, "C01")
    assert finding.field == "经济分类科目"
    assert finding.message == "预算明细2013301/301（0.10万元）：经济分类科目须填到款级（5位编码），301工资福利支出不是款级科目。"


def test_subject_rule_is_quiet_once_the_line_uses_a_leaf_code_of_its_year(budget, subjects_2023):
    line = raw_line(budget, "2013301", "30101", year=2023)
    line.function_subject = FunctionSubject.objects.get(year=2024, code="2013301")
    line.save()

    assert found(budget, "C01") == []


# C02 project lines carry a project of this budget, other lines none

def test_project_line_without_project_is_an_error(budget):
    raw_line(budget, "2013301", "30227", kind="project")

    finding = only(budget, "C02")
    assert (finding.severity, finding.field) == (checks.ERROR, "项目")
    assert finding.message == "预算明细2013301/30227（0.10万元）：项目支出必须选择所属项目。"


def test_basic_line_with_project_is_an_error(budget, project):
    raw_line(budget, project=project)

    assert "只有项目支出才能选择项目" in only(budget, "C02").message


def test_project_line_rule_is_quiet_once_the_line_is_a_project_line(budget, project):
    line = raw_line(budget, project=project)
    BudgetLine.objects.filter(pk=line.pk).update(kind="project")

    assert found(budget, "C02") == []


# C03 a line's unit is the department or one of its units

def test_line_of_another_departments_unit_is_an_error(budget):
    stranger = Department.objects.create(code="999", name="别的局")
    raw_line(budget, unit=stranger)

    finding = only(budget, "C03")
    assert finding.message == "预算明细2013301/30101（0.10万元）：所选单位不是鹿泉区测试局或其所属单位。"


def test_unit_rule_is_quiet_for_the_departments_own_unit(budget):
    raw_line(budget, unit=Department.objects.create(code="301001", name="本级", parent=budget.department))

    assert found(budget, "C03") == []


# C04 kind, source and amount valid

def test_line_with_zero_amount_or_unknown_source_is_an_error(budget):
    raw_line(budget, amount="0.00", source="lottery")

    findings = found(budget, "C04")
    assert {finding.field for finding in findings} == {"金额（元）", "资金来源"}
    assert any("金额必须大于零" in finding.message for finding in findings)


def test_line_values_rule_is_quiet_for_a_valid_line(budget):
    raw_line(budget, amount="0.01", source="other_revenue")

    assert found(budget, "C04") == []


# C05 every project has lines

def test_project_without_lines_is_an_error(budget):
    Project.objects.create(budget=budget, code="P2", name="空项目", **PLAN)

    finding = only(budget, "C05")
    assert (finding.severity, finding.target) == (checks.ERROR, "项目/P2/项目金额")
    assert finding.message == "项目“空项目”（P2）没有项目支出明细，项目金额为0.00万元。"


def test_project_rule_is_quiet_once_the_project_has_a_line(budget):
    empty = Project.objects.create(budget=budget, code="P2", name="空项目", **PLAN)
    make_line(budget, "2013301", "30227", kind="project", project=empty)

    assert found(budget, "C05") == []


# C06 indicators under all three 一级指标

def test_project_without_satisfaction_indicators_is_an_error(budget, project):
    project.indicators.filter(level1="satisfaction").delete()

    finding = only(budget, "C06")
    assert (finding.severity, finding.row) == (checks.ERROR, "P1")
    assert finding.message == "项目“测试项目”（P1）缺少满意度指标。"


def test_level1_rule_is_quiet_when_all_three_are_there(budget, project):
    add_indicator(project, "effect", "economic")  # more of one level does not matter

    assert found(budget, "C06") == []


# C07 a 成本指标, not above the project's amount

def test_project_without_cost_indicator_is_an_error(budget, project):
    project.indicators.filter(level2="cost").delete()

    assert only(budget, "C07").message == "项目“测试项目”（P1）没有成本指标。"


def test_cost_indicator_above_the_project_amount_is_an_error(budget, project):
    project.indicators.filter(level2="cost").update(target_number=Decimal("60000"), target_unit="元")

    finding = only(budget, "C07")
    assert finding.target == "绩效指标/P1/cost指标/指标值"
    assert finding.message == "项目“测试项目”（P1）的成本指标“cost指标”指标值6.00万元，超过项目金额5.00万元。"


def test_cost_rule_is_quiet_for_a_target_in_wan_equal_to_the_amount_or_in_other_units(budget, project):
    project.indicators.filter(level2="cost").update(target_number=Decimal("5"), target_unit="万")
    add_indicator(project, "output", "cost", comparator="≤", target_number=120, target_unit="%")

    assert found(budget, "C07") == []


# C08 spending plan complete, non-decreasing, 100% in December

@pytest.mark.parametrize("plan, message", [
    ((25, 50, 75, None), "项目“测试项目”（P1）的资金支出计划未填写12月底。"),
    ((50, 40, 75, 100), "项目“测试项目”（P1）的资金支出计划是累计数，不应减少：6月底40%低于3月底50%。"),
    ((25, 50, 75, 90), "项目“测试项目”（P1）的资金支出计划12月底应为100%，现为90%。"),
])
def test_spending_plan_not_rising_to_100_is_an_error(budget, project, plan, message):
    update(project, **dict(zip(PLAN, plan, strict=True)))

    finding = only(budget, "C08")
    assert (finding.severity, finding.target, finding.message) == (checks.ERROR, "项目/P1/资金支出计划", message)


def test_spending_plan_rule_is_quiet_for_a_flat_plan_at_100(budget, project):
    update(project, **dict.fromkeys(PLAN, 100))

    assert found(budget, "C08") == []


# C09 required texts

def test_blank_duties_are_an_error(budget):
    update(budget, duties="  \n")

    finding = only(budget, "C09")
    assert (finding.severity, finding.target, finding.message) == (checks.ERROR, "说明文字/部门职责", "未填写部门职责。")


def test_required_texts_rule_is_quiet_once_they_are_written(budget):
    assert found(budget, "C09") == []


# C10 收入总计 = 支出总计

def test_income_total_not_equal_to_expenditure_total_is_an_error(budget):
    raw_line(budget, amount="500.00", source="lottery")  # a source no income row counts

    finding = only(budget, "C10")
    assert finding.target == "收支总表/收入总计/支出总计"
    assert finding.message == "收支总表的收入总计15.00万元不等于支出总计15.05万元（相差500.00元）。"


def test_totals_rule_is_quiet_when_every_line_has_a_known_source(budget):
    raw_line(budget, amount="500.00", source="service_revenue", is_carryover=True)

    assert found(budget, "C10") == []


# C11, C16, C17 the bureau's control figures

def test_basic_money_above_its_control_figure_is_an_error(budget):
    control(budget, "basic", "general_budget", "80000.00")

    finding = only(budget, "C11")
    assert (finding.severity, finding.target) == (checks.ERROR, "预算控制数/基本支出·一般公共预算拨款")
    assert finding.message == "基本支出·一般公共预算拨款本年安排10.00万元，预算控制数8.00万元，超出2.00万元。"


def test_project_money_below_its_control_figure_is_a_warning(budget):
    control(budget, "basic", "general_budget", "100000.00")
    control(budget, "project", "general_budget", "70000.00")

    finding = only(budget, "C16")
    assert (finding.severity, finding.row) == (checks.WARNING, "项目支出·一般公共预算拨款")
    assert finding.message == "项目支出·一般公共预算拨款本年安排5.00万元，预算控制数7.00万元，尚有2.00万元未安排。"


def test_money_without_a_control_figure_is_a_warning_when_the_department_has_some(budget):
    control(budget, "basic", "general_budget", "100000.00")

    finding = only(budget, "C17")
    assert finding.severity == checks.WARNING
    assert finding.message == "项目支出·一般公共预算拨款本年安排5.00万元，但财政局没有下达该项预算控制数。"


def test_control_figure_rules_are_quiet_when_figures_match_or_there_are_none(budget):
    assert [f for f in checks.run(budget) if f.rule in ("C11", "C16", "C17")] == []

    control(budget, "basic", "general_budget", "100000.00")
    control(budget, "project", "general_budget", "50000.00")
    raw_line(budget, amount="900.00", is_carryover=True)  # carry-over is outside the year's control figures

    assert [f for f in checks.run(budget) if f.rule in ("C11", "C16", "C17")] == []


# C12 placeholders

def test_placeholder_in_duties_is_an_error(budget):
    update(budget, duties="负责XX工作。")

    finding = only(budget, "C12")
    assert (finding.severity, finding.target) == (checks.ERROR, "说明文字/部门职责")
    assert finding.message == "部门职责含有占位文字“XX”，请改为实际内容。"


def test_placeholder_in_project_and_indicator_is_an_error(budget, project):
    update(project, purpose="待填写")
    project.indicators.filter(level1="effect").update(target_text="TODO")

    assert [f.message for f in found(budget, "C12")] == [
        "项目“测试项目”（P1）的资金用途含有占位文字“待填写”，请改为实际内容。",
        "项目“测试项目”（P1）的绩效指标“social指标”的指标值（定性）含有占位文字“TODO”，请改为实际内容。",
    ]


def test_placeholder_rule_is_quiet_for_real_text(budget):
    update(budget, duties="负责7×24小时网络安全监测，见 http://www.example.gov.cn/xxgk/。")

    assert found(budget, "C12") == []


# C13 三公 above last year's

def test_three_public_above_last_year_without_reason_is_a_warning(budget):
    update(budget, prior_year_three_public=Decimal("0.00"))
    make_line(budget, "2013301", "30217", "3000.00")

    finding = only(budget, "C13")
    assert (finding.severity, finding.target) == (checks.WARNING, "说明文字/“三公”经费增减变化原因")
    assert finding.message == (
        "财政拨款“三公”经费本年0.30万元，上年0.00万元，增加0.30万元，未填写“三公”经费增减变化原因。"
    )


def test_three_public_rule_is_quiet_with_a_reason_or_without_a_prior_figure(budget):
    make_line(budget, "2013301", "30217", "3000.00")
    assert found(budget, "C13") == []  # no prior-year figure: nothing to compare

    update(budget, prior_year_three_public=0, three_public_change_reason="新增接待任务")
    assert found(budget, "C13") == []


# C14 basic / project total changed by 10% or more

def test_basic_total_up_ten_percent_without_reason_is_a_warning(budget):
    update(budget, prior_year_basic=Decimal("90000.00"))

    finding = only(budget, "C14")
    assert (finding.severity, finding.field) == (checks.WARNING, "基本支出增减原因")
    assert finding.message == "基本支出本年10.00万元，上年9.00万元，增加1.00万元（11.1%），未填写基本支出增减原因。"


def test_project_total_from_zero_is_a_warning(budget):
    update(budget, prior_year_project=Decimal("0.00"))

    assert only(budget, "C14").message == "项目支出本年5.00万元，上年0.00万元，增加5.00万元，未填写项目支出增减原因。"


def test_change_rule_is_quiet_below_ten_percent_or_with_a_reason(budget):
    update(budget, prior_year_basic=Decimal("91000"), prior_year_project=Decimal("10000"), project_change_reason="新增项目")

    assert found(budget, "C14") == []


# C15 a function 类 changed by 10% or more from last year's published budget

def test_function_class_up_by_half_from_published_prior_year_is_a_warning(budget, subjects_2023):
    publish_prior_year(budget.department, "100000.00")

    finding = only(budget, "C15")
    assert (finding.severity, finding.target) == (checks.WARNING, "支出总表/201")
    assert finding.message == (
        "功能分类201一般公共服务支出本年15.00万元，上年10.00万元，增加5.00万元（50.0%），变动达10%以上，请说明原因。"
    )


def test_function_class_rule_is_quiet_without_a_published_prior_year_or_a_small_change(budget, subjects_2023):
    unpublished = Budget.objects.create(department=budget.department, year=2023)
    make_line(unpublished, "2013301", "30101", "1.00")
    assert found(budget, "C15") == []

    unpublished.delete()
    publish_prior_year(budget.department, "140000.00")
    assert found(budget, "C15") == []


# record, explanations, what blocks submission

def test_record_saves_counts_and_findings_as_json(budget, superuser):
    update(budget, duties="", prior_year_basic=Decimal("50000.00"))

    run = checks.record(budget, superuser, checks.run(budget))

    saved = CheckRun.objects.get(pk=run.pk)
    assert (saved.errors, saved.warnings, saved.user) == (1, 1, superuser)
    assert saved.findings[0] == {
        "rule": "C09", "severity": "error", "message": "未填写部门职责。", "table": "说明文字", "row": "",
        "field": "部门职责", "target": "说明文字/部门职责",
    }
    assert [finding["rule"] for finding in saved.findings] == ["C09", "C14"]


def test_written_explanation_clears_a_warning_but_not_an_error(budget):
    update(budget, duties="", prior_year_basic=Decimal("50000.00"))
    findings = checks.run(budget)
    warning = next(finding for finding in findings if not finding.is_error)
    assert checks.unexplained_warnings(budget, findings) == [warning]

    checks.explain(budget, warning, "人员增加", access.COMMAND_LINE)

    assert checks.unexplained_warnings(budget, findings) == []
    assert [finding.rule for finding in checks.blocking(budget, findings)] == ["C09"]


def test_blank_explanation_or_another_target_does_not_clear_a_warning(budget):
    update(budget, prior_year_basic=Decimal("50000.00"))
    findings = checks.run(budget)
    [warning] = findings
    checks.explain(budget, warning, "  ", access.COMMAND_LINE)
    WarningExplanation.objects.create(budget=budget, rule="C14", target="说明文字/项目支出增减原因", text="新增项目",
                                      warning_message=warning.message)

    assert [finding.rule for finding in checks.blocking(budget, findings)] == ["C14"]


# Size independence

def queries_for_run(budget):
    with CaptureQueriesContext(connection) as queries:
        checks.run(budget)
    return len(queries)


def test_run_queries_do_not_grow_with_lines_or_projects(db):
    small = synthetic.create_budget("801", lines=10, projects=1, indicators=1)
    large = synthetic.create_budget("802", lines=200, projects=20, indicators=10)

    assert queries_for_run(small) == queries_for_run(large) <= 15


# C13 三公 below last year's

def test_three_public_below_last_year_without_reason_is_a_warning(budget):
    update(budget, prior_year_three_public=Decimal("5000.00"))
    make_line(budget, "2013301", "30217", "3000.00")

    assert only(budget, "C13").message == (
        "财政拨款“三公”经费本年0.30万元，上年0.50万元，减少0.20万元（40.0%），未填写“三公”经费增减变化原因。"
    )
