"""The reviewer decides from one page, in a real browser (Chromium driven by Playwright): from the dashboard,
which opens on the year with a submission, to the review page with the warnings and their explanations and
last year's comparison under its headers, then approval from that page; a return without a comment refused there,
and the return made there coming back to it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.builders.tables import SPECS
from budget.models import Budget
from tests.browser import session_cookie
from tests.factories import under_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as in test_browser_workflow

EXPLANATION = "新增测试项目，一般公共服务支出相应增加。"


def test_the_reviewer_reads_the_explained_warnings_and_the_comparison_and_approves(new_page, draft_budget,
                                                                                   accountant, reviewer):
    budget = under_review(draft_budget, accountant, EXPLANATION)
    Budget.objects.create(department=budget.department, year=2025)  # a newer year with nothing to review yet

    page = new_page(session=session_cookie(reviewer))
    page.goto("/admin/")
    page.get_by_role("link", name="审核工作台").click()
    expect(page.get_by_label("年度")).to_have_value("2024")
    page.get_by_role("row").filter(has_text="鹿泉区测试局").get_by_role("link", name="审核").click()

    findings = page.locator("#review-findings")
    expect(findings.get_by_role("columnheader")).to_have_text(["规则", "级别", "问题", "部门的说明"])
    expect(findings.get_by_role("row").filter(has_text="C15")).to_contain_text(EXPLANATION)
    comparison = page.locator("table.changes").filter(has_text=SPECS[3].title)
    expect(comparison.get_by_role("columnheader")).to_have_text(
        ["行", "栏目", "上年已公开（万元）", "本年（万元）", "增减（万元）"])
    expect(comparison.get_by_role("row").filter(has_text="2013301").first).to_contain_text("+7.00")

    page.get_by_label("审核意见或更正原因").fill("同意。")
    page.get_by_role("button", name="审核通过").click()

    expect(page.locator(".messagelist")).to_contain_text("已审核通过")
    expect(page.get_by_text("状态：已审核")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="同意。")).to_contain_text("已提交 → 已审核")


def test_a_return_without_a_comment_is_refused_on_the_review_page_which_the_return_comes_back_to(
        new_page, draft_budget, accountant, reviewer):
    budget = under_review(draft_budget, accountant, EXPLANATION)
    page = new_page(session=session_cookie(reviewer))
    page.goto(reverse("admin:budget_budget_review", args=[budget.pk]))

    page.get_by_role("button", name="退回修改").click()

    expect(page.locator(".messagelist")).to_contain_text("退回时请填写审核意见。")
    expect(page.get_by_role("heading", name="审核决定")).to_be_visible()
    page.get_by_label("审核意见或更正原因").fill("请补充项目的绩效目标。")
    page.get_by_role("button", name="退回修改").click()
    expect(page.locator(".messagelist")).to_contain_text("已退回修改")
    expect(page).to_have_url(re.compile(reverse("admin:budget_budget_review", args=[budget.pk]) + "$"))
    expect(page.get_by_role("row").filter(has_text="请补充项目的绩效目标。")).to_contain_text("已提交 → 已退回")
