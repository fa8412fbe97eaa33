"""A budget can be entered in the admin, in Chinese, through real HTTP requests.

Forms are posted the way a browser posts them: every field of the GET page's form with its rendered
value, then the few fields the user changed.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject, GlossaryEntry, Project
from departments.models import Department
from performance.models import PerformanceIndicator
from tests.pages import change_url, form_data, logged_in

AUTOCOMPLETE_URL = "/admin/autocomplete/"


# ---------------------------------------------------------------------------------------------- helpers


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def subject(model, year, code):
    return model.objects.get(year=year, code=code)


def page_text(response):
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")


def rendered_value(response, name):
    """The value a field of the re-rendered form shows: an input's value or a select's selected option."""
    field = BeautifulSoup(response.content.decode(), "html.parser").find(attrs={"name": name})
    assert field is not None, f"no field {name!r} on the page"
    if field.name == "select":
        selected = field.find("option", selected=True)
        return selected.get("value") if selected else None
    return field.get("value")


@pytest.fixture
def draft_budget_form(admin_session, draft_budget):
    """The draft budget's change page as a browser would post it back, unchanged."""
    response = admin_session.get(change_url(draft_budget))
    assert response.status_code == 200
    return form_data(response.content.decode(), "budget_form")


def with_line(form, **fields):
    """The form with its first (blank) line typed in: 2013301 / 30101, basic, general budget, 1234.56 by default."""
    line = {
        "function_subject": "2013301",
        "economic_subject": "30101",
        "kind": "basic",
        "source": "general_budget",
        "amount": "1234.56",
        **fields,
    }
    return {**form, **{f"lines-0-{name}": value for name, value in line.items()}, "_save": "保存"}


# ------------------------------------------------------------------------------------- anonymous users


@pytest.fixture
def admin_urls(draft_budget):
    project = Project.objects.create(budget=draft_budget, code="P001", name="测试项目")
    return {
        "budget list": changelist_url(Budget),
        "budget change page": change_url(draft_budget),
        "budget line list": changelist_url(BudgetLine),
        "project change page": change_url(project),
        "subject autocomplete": f"{AUTOCOMPLETE_URL}?app_label=budget&model_name=budgetline"
                                "&field_name=function_subject&term=行政",
    }


@pytest.mark.parametrize("page", [
    "budget list", "budget change page", "budget line list", "project change page", "subject autocomplete",
])
def test_anonymous_user_is_redirected_to_admin_login(client, admin_urls, page):
    response = client.get(admin_urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


# ------------------------------------------------------------------------------- pages, in Chinese


ADMIN_PAGES = {
    # model: (how to find one object, Chinese labels on its changelist, Chinese labels on its change page)
    Budget: (
        lambda budget: budget,
        ["部门预算", "中共石家庄市鹿泉区委网络安全和信息化委员会", "收支总额（万元）"],
        ["部门预算", "预算明细", "功能分类科目", "经济分类科目", "支出类型", "资金来源", "金额（元）", "项目",
         "政府采购预算", "固定资产占用", "部门整体绩效目标"],
    ),
    Project: (
        lambda budget: budget.projects.first(),
        ["项目", "项目编码", "预算数（万元）"],
        ["项目名称", "绩效指标", "一级指标", "二级指标", "三级指标", "指标值确定依据", "资金支出计划（累计%）"],
    ),
    Department: (
        lambda budget: budget.department,
        ["部门"],
        ["部门", "所属单位"],
    ),
    FunctionSubject: (
        lambda budget: subject(FunctionSubject, 2024, "2013301"),
        ["功能分类科目", "科目编码", "科目名称"],
        ["功能分类科目", "科目编码", "上级科目"],
    ),
    EconomicSubject: (
        lambda budget: subject(EconomicSubject, 2024, "30101"),
        ["经济分类科目", "人员经费/公用经费"],
        ["经济分类科目", "科目编码", "上级科目"],
    ),
    GlossaryEntry: (
        lambda budget: GlossaryEntry.objects.get(position=1),
        ["名词解释", "财政拨款收入"],
        ["名词", "解释"],
    ),
    BudgetLine: (
        lambda budget: budget.lines.first(),
        ["预算明细", "功能分类科目", "经济分类科目"],
        ["预算明细", "部门预算", "功能分类科目", "经济分类科目", "支出类型", "资金来源", "金额（元）"],
    ),
}


@pytest.mark.parametrize("model", ADMIN_PAGES, ids=lambda model: model.__name__)
def test_superuser_opens_changelist_in_chinese(admin_session, demo_budget, model):
    _, labels, _ = ADMIN_PAGES[model]

    response = admin_session.get(changelist_url(model))

    assert response.status_code == 200
    text = page_text(response)
    for label in labels:
        assert label in text
    assert "部门预算公开平台 · 管理" in text


@pytest.mark.parametrize("model", ADMIN_PAGES, ids=lambda model: model.__name__)
def test_superuser_opens_change_page_in_chinese(admin_session, reopened_demo, model):
    find, _, labels = ADMIN_PAGES[model]

    response = admin_session.get(change_url(find(reopened_demo)))

    assert response.status_code == 200
    text = page_text(response)
    for label in labels:
        assert label in text
    assert 'value="保存"' in response.content.decode()


# ------------------------------------------------------------------------ code pickers are searches


def test_budget_page_renders_line_codes_as_typed_codes_never_a_list_of_subjects(admin_session, reopened_demo):
    response = admin_session.get(change_url(reopened_demo))
    soup = BeautifulSoup(response.content.decode(), "html.parser")

    for field_name in ("function_subject", "economic_subject"):
        cells = soup.select(f'input[name^="lines-"][name$="-{field_name}"]')
        assert len(cells) > reopened_demo.lines.count()  # every line, the blank one and the template
        assert all(cell["type"] == "text" and "grid-code" in cell["class"] for cell in cells)
    codes = {cell.get("value") for cell in soup.select('input[name^="lines-"][name$="-function_subject"]')}
    assert codes >= {"2013301", "2080505"}
    # No subject is offered as an option anywhere on the page.
    assert not soup.select('select[name$="-function_subject"], select[name$="-economic_subject"]')
    assert not soup.find("option", value=str(subject(FunctionSubject, 2024, "2013301").pk))


# ----------------------------------------------------------------------------- entering a budget line


def test_adding_a_basic_line_saves_it_and_redirects(admin_session, draft_budget, draft_budget_form):
    response = admin_session.post(change_url(draft_budget), with_line(draft_budget_form))

    assert response.status_code == 302
    assert response["Location"] == changelist_url(Budget)
    line = BudgetLine.objects.get(budget=draft_budget)
    assert (line.function_subject.code, line.function_subject.year) == ("2013301", 2024)
    assert (line.economic_subject.code, line.economic_subject.year) == ("30101", 2024)
    assert (line.kind, line.source, str(line.amount)) == ("basic", "general_budget", "1234.56")
    assert line.project is None and line.is_carryover is False


def test_budget_form_has_a_management_form_for_every_inline(draft_budget_form):
    for prefix in ("projects", "lines", "procurement_items", "asset_holdings"):
        for field in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            assert f"{prefix}-{field}" in draft_budget_form


def test_saving_the_demo_budget_unchanged_keeps_every_line(admin_session, reopened_demo):
    lines_before = sorted(BudgetLine.objects.filter(budget=reopened_demo).values_list("pk", "amount"))
    form = form_data(admin_session.get(change_url(reopened_demo)).content.decode(), "budget_form")

    response = admin_session.post(change_url(reopened_demo), {**form, "_save": "保存"})

    assert response.status_code == 302, page_text(response)
    assert sorted(BudgetLine.objects.filter(budget=reopened_demo).values_list("pk", "amount")) == lines_before


INVALID_LINES = {
    "amount with three decimals": (
        lambda: {"amount": "1.234"}, "amount", "2 位",
    ),
    "negative amount": (
        lambda: {"amount": "-5.00"}, "amount", "金额必须大于零",
    ),
    "non-leaf function code": (
        lambda: {"function_subject": "20133", "amount": "777.77"}, "function_subject", "不是项级科目",
    ),
    "function code not in the budget's year": (
        lambda: {"function_subject": "2019876", "amount": "888.88"},
        "function_subject", "2024年的功能分类科目中没有编码为“2019876”的科目",
    ),
    "project expenditure without a project": (
        lambda: {"kind": "project", "amount": "999.99"}, "project", "项目支出必须选择所属项目",
    ),
}


@pytest.mark.parametrize("case", INVALID_LINES)
def test_invalid_line_shows_chinese_error_saves_nothing_and_keeps_input(
    admin_session, draft_budget, draft_budget_form, case
):
    fields, _, message = INVALID_LINES[case]
    typed = fields()
    lines_before = BudgetLine.objects.count()

    response = admin_session.post(change_url(draft_budget), with_line(draft_budget_form, **typed))

    assert response.status_code == 200
    text = page_text(response)
    assert message in text
    assert "请更正以下错误" in text
    assert BudgetLine.objects.count() == lines_before
    # The form shows what the user typed, so it can be corrected rather than retyped.
    assert rendered_value(response, "lines-0-amount") == typed["amount"]
    assert typed["amount"] in response.content.decode()
    for name, value in typed.items():
        assert rendered_value(response, f"lines-0-{name}") == str(value)


def test_invalid_line_error_is_shown_next_to_its_field(admin_session, draft_budget, draft_budget_form):
    typed = {"function_subject": "20133"}

    response = admin_session.post(change_url(draft_budget), with_line(draft_budget_form, **typed))

    lines = next(inline.formset for inline in response.context["inline_admin_formsets"]
                 if inline.formset.prefix == "lines")
    assert "不是项级科目" in lines.errors[0]["function_subject"][0]


@pytest.fixture
def new_budget_form(admin_session, department):
    """The budget add page filled in for the test department's 2024 budget, as a browser would post it."""
    form = form_data(admin_session.get(reverse("admin:budget_budget_add")).content.decode(), "budget_form")
    return {**form, "department": department.pk, "year": "2024", "status": "draft"}


def test_new_budget_with_a_line_is_added_in_one_step(admin_session, department, new_budget_form):
    response = admin_session.post(reverse("admin:budget_budget_add"), with_line(new_budget_form))

    assert response.status_code == 302, page_text(response)
    line = BudgetLine.objects.get(budget__department=department, budget__year=2024)
    assert (line.function_subject.code, str(line.amount)) == ("2013301", "1234.56")


def test_line_codes_of_a_new_budget_are_those_of_the_year_typed_for_it(admin_session, department, new_budget_form):
    form = {**new_budget_form, "year": "2025"}

    response = admin_session.post(reverse("admin:budget_budget_add"), with_line(form))

    assert response.status_code == 302, page_text(response)
    line = BudgetLine.objects.get(budget__department=department)
    assert (line.budget.year, line.function_subject.year, line.economic_subject.year) == (2025, 2025, 2025)


def test_line_code_missing_from_a_new_budgets_year_adds_nothing(admin_session, new_budget_form):
    response = admin_session.post(reverse("admin:budget_budget_add"),
                                  with_line(new_budget_form, function_subject="2019876"))

    assert response.status_code == 200
    assert "2024年的功能分类科目中没有编码为“2019876”的科目" in page_text(response)
    assert not Budget.objects.filter(year=2024, department__code="301").exists()
    assert BudgetLine.objects.count() == 0


def test_line_of_a_new_budget_cannot_name_another_departments_unit(admin_session, new_budget_form):
    """BudgetLine.clean checks the unit against the budget being added too (unsaved), so the page says why."""
    stranger = Department.objects.create(code="999", name="无关部门", nature="行政", rank="正科级", funding_form="财政拨款")

    response = admin_session.post(reverse("admin:budget_budget_add"), with_line(new_budget_form, unit=stranger.pk))

    assert response.status_code == 200
    assert "所选单位不是鹿泉区测试局或其所属单位。" in page_text(response)
    assert not Budget.objects.filter(year=2024, department__code="301").exists()
    assert BudgetLine.objects.count() == 0


# ------------------------------------------------------------------------- a project with indicators


@pytest.mark.parametrize("who", ["superuser", "accountant"])
def test_project_with_an_indicator_is_added_through_project_admin(client, superuser, accountant, draft_budget, who):
    """By the department's accountant too: their role has the projects' permissions after the first migrate."""
    admin_session = logged_in(client, {"superuser": superuser, "accountant": accountant}[who])
    add_url = reverse("admin:budget_project_add")
    form = form_data(admin_session.get(add_url).content.decode(), "project_form")
    form.update({
        "budget": draft_budget.pk,
        "position": "1",
        "code": "13011024P000000000001",
        "name": "2024年网络安全宣传项目",
        "purpose": "开展网络安全宣传",
        "goal": "全年开展网络安全宣传活动不少于5次",
        "plan_march": "25", "plan_june": "50", "plan_october": "75", "plan_december": "100",
        "indicators-0-position": "1",
        "indicators-0-level1": "output",
        "indicators-0-level2": "quantity",
        "indicators-0-name": "宣传活动次数",
        "indicators-0-description": "组织开展网络安全宣传活动次数",
        "indicators-0-comparator": "≥",
        "indicators-0-target_number": "5",
        "indicators-0-target_unit": "次",
        "indicators-0-target_basis": "工作计划",
        "_save": "保存",
    })

    response = admin_session.post(add_url, form)

    assert response.status_code == 302, page_text(response)
    project = Project.objects.get(budget=draft_budget, code="13011024P000000000001")
    assert project.name == "2024年网络安全宣传项目"
    assert project.spending_plan == [25, 50, 75, 100]
    indicator = PerformanceIndicator.objects.get(project=project)
    assert (indicator.level1, indicator.level2, indicator.name) == ("output", "quantity", "宣传活动次数")
    assert indicator.target == "≥5次"
    assert indicator.target_basis == "工作计划"
