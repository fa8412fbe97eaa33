"""The review workflow in a real browser: Chromium, driven by Playwright, against Django's live server.

The same path as test_workflow.py, but through the pages a user sees: real logins through the admin's
login form, the object-tools links on a budget's page, the confirmation pages, then the public site and
its PDF download. Needs Debian's Chromium at /usr/bin/chromium (`make test` installs it as root).
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.models import Budget
from tests.browser import login, session_cookie
from tests.factories import complete_budget
from tests.pages import change_url

# live_server needs real commits (transactional tests); those end by flushing the database, which would
# also empty the classification lists and glossary that the migrations load, so each test gets them
# back from the snapshot taken after migrating (serialized_rollback).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def logout(page):
    page.get_by_role("button", name="注销").click()
    expect(page.get_by_role("heading", name="登出")).to_be_visible()


def open_budget_list(page):
    """The model's link in the admin home's list (the app's heading above it has the same name)."""
    page.get_by_role("rowheader", name="部门预算", exact=True).get_by_role("link").click()


def open_budget(page, budget):
    """From the admin's home page (where logging in leads) to the list of budgets, then the budget's row."""
    open_budget_list(page)
    row = page.get_by_role("row").filter(has_text=str(budget.year))
    row.get_by_role("link", name=str(budget.department)).click()
    expect(page.get_by_role("heading", name=budget.title)).to_be_visible()


def act(page, action, text=None, done=None):
    """Follow a workflow link on the budget's page and confirm on the page it leads to."""
    page.locator(".object-tools").get_by_role("link", name=action, exact=True).click()
    expect(page.get_by_text(f"确认{action}？")).to_be_visible()
    if text is not None:
        page.get_by_role("textbox").fill(text)
    page.get_by_role("button", name=action, exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(done or f"已{action}：")


def expect_status(page, label):
    expect(page.get_by_text(f"状态：{label}")).to_be_visible()


def test_a_budget_goes_from_entry_through_review_to_the_public(new_page, draft_budget, accountant, reviewer):
    budget = complete_budget(draft_budget)
    title = budget.title  # 鹿泉区测试局2024年部门预算

    # The accountant enters a note and submits.
    page = new_page()
    login(page, accountant)
    open_budget(page, budget)
    expect_status(page, "草稿")
    page.get_by_label("其他说明").fill("无其他说明。")
    page.get_by_role("button", name="保存并继续编辑").click()
    expect(page.locator(".messagelist")).to_contain_text("成功")
    expect(page.get_by_label("其他说明")).to_have_value("无其他说明。")
    act(page, "提交审核")
    expect_status(page, "已提交")
    expect(page.get_by_role("button", name="保存并继续编辑")).to_have_count(0)  # read-only once submitted
    logout(page)

    # The reviewer returns it with a comment.
    login(page, reviewer)
    open_budget(page, budget)
    act(page, "退回修改", "请补充机关运行经费的用途。")
    expect_status(page, "已退回")
    logout(page)

    # The accountant reads the comment on the budget's page, fixes and submits again.
    login(page, accountant)
    open_budget(page, budget)
    expect(page.locator("#return-comment")).to_contain_text("请补充机关运行经费的用途。")
    page.get_by_label("机关运行经费主要用途").fill("办公用房水电费等日常运行支出")
    page.get_by_role("button", name="保存并继续编辑").click()
    expect(page.locator(".messagelist")).to_contain_text("成功")
    act(page, "提交审核")
    expect_status(page, "已提交")
    logout(page)

    # The reviewer sees what changed since the returned submission, approves and publishes.
    login(page, reviewer)
    open_budget(page, budget)
    page.get_by_role("link", name="审核比较").click()
    expect(page.get_by_role("insertion")).to_contain_text("办公用房水电费等日常运行支出")
    page.go_back()
    act(page, "审核通过")
    expect_status(page, "已审核")
    act(page, "公开", done="已提交公开：")
    expect_status(page, "已公开")  # the tests' queue renders at once; tests/test_publication_queue.py waits for it
    logout(page)

    # Anyone finds it on the home page, reads it and downloads its PDF.
    public = new_page()
    public.goto("/")
    public.get_by_role("link", name="鹿泉区测试局").click()
    expect(public).to_have_url(re.compile(r"/budgets/2024/301/$"))
    expect(public.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(public.get_by_text("2024年预算收入15.00万元")).to_be_visible()
    expect(public.get_by_text("办公用房水电费等日常运行支出")).to_be_visible()
    with public.expect_download() as download_info:
        public.get_by_role("link", name="下载PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{title}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_another_departments_accountant_can_neither_open_nor_list_the_budget(
    new_page, draft_budget, accountant, other_accountant, other_department
):
    budget = complete_budget(draft_budget)
    own = Budget.objects.create(department=other_department, year=2024)

    page = new_page(session=session_cookie(other_accountant))

    # The budget's page sends B back to the admin's home page, saying there is no such budget.
    page.goto(change_url(budget))
    expect(page.locator(".messagelist")).to_contain_text("不存在。可能已经被删除了")
    expect(page.get_by_role("heading", name="数据填报与管理")).to_be_visible()
    expect(page.locator("#budget_form")).to_have_count(0)
    expect(page.get_by_text(budget.title)).to_have_count(0)
    # Its other pages are not found either.
    for url in (reverse("admin:budget_budget_checks", args=[budget.pk]),
                reverse("admin:budget_budget_action", args=[budget.pk, "submit"]),
                reverse("admin:budget_budget_preview", args=[budget.pk])):
        assert page.goto(url).status == 404, url

    # The list of budgets holds B's own and not A's.
    page.goto("/admin/")
    open_budget_list(page)
    expect(page.get_by_role("link", name=str(own.department))).to_be_visible()
    expect(page.get_by_text(str(budget.department))).to_have_count(0)
