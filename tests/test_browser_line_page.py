"""A line's own page in a real browser (Chromium, Playwright): its code cells search the year of the budget chosen
on the page, showing each code's 类 › 款 › 项 path; before a budget is chosen, the list says so."""

import pytest
from playwright.sync_api import expect

from tests.browser import session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_code_cells_of_a_new_line_search_its_budgets_year_once_a_budget_is_chosen(
        new_page, accountant, draft_budget):
    page = new_page(session=session_cookie(accountant))
    page.goto("/admin/budget/budgetline/add/")
    function = page.locator('[name="function_subject"]')
    suggestions = page.locator(".grid-suggestions")

    function.fill("行政运行")
    expect(suggestions).to_have_text("请先选择预算：科目按预算的年度查找。")

    page.goto(f"/admin/budget/budgetline/add/?budget={draft_budget.pk}")  # the budget chosen
    function.fill("宣传 行政运行")
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(suggestions.get_by_role("option")).to_contain_text("2013301 行政运行一般公共服务支出 › 宣传事务 › 行政运行")
    function.press("Enter")
    expect(function).to_have_value("2013301")
    expect(page.locator(".field-function_subject .grid-name")).to_have_text("行政运行")
    economic = page.locator('[name="economic_subject"]')
    economic.fill("基本工资")
    expect(suggestions.get_by_role("option").first).to_contain_text("30101 基本工资")
    economic.press("Enter")
    page.get_by_label("支出类型").select_option(label="基本支出")
    page.get_by_label("资金来源").select_option(label="一般公共预算拨款")
    page.get_by_label("金额（元）").fill("1200.00")
    page.get_by_role("button", name="保存", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("成功")
    saved = page.locator("#result_list tbody tr")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text("2013301 行政运行（2024）")  # the budget's year's, of the codes of every year
    expect(saved).to_contain_text("30101 基本工资（2024）")
