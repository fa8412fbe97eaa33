"""The public sees published budgets only: a draft never leaks, by listing or by URL."""

import pytest

from budget.models import Budget
from budget.samples.synthetic import make_line, publish


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "approved"])
def test_an_unpublished_budget_page_is_404_for_the_public(client, draft_budget, status):
    make_line(draft_budget)
    draft_budget.status = status
    draft_budget.save()

    response = client.get("/budgets/2024/301/")

    assert response.status_code == 404
    assert "鹿泉区测试局" not in response.content.decode()


def test_an_unpublished_budget_is_404_even_for_a_logged_in_admin(admin_session, draft_budget):
    assert admin_session.get("/budgets/2024/301/").status_code == 404


def test_a_published_budget_page_is_public(client, demo_budget):
    response = client.get("/budgets/2024/224/")
    assert response.status_code == 200
    assert "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算" in response.content.decode()


def test_an_unknown_year_or_department_is_404(client, demo_budget):
    assert client.get("/budgets/2023/224/").status_code == 404
    assert client.get("/budgets/2024/999/").status_code == 404


def test_home_shows_the_newest_year_and_offers_the_others(client, demo_budget, draft_budget, department):
    make_line(draft_budget)
    next_year = Budget.objects.create(department=department, year=2025)
    make_line(next_year, amount="5000.00")
    publish(next_year)

    newest = client.get("/").content.decode()
    older = client.get("/?year=2024").content.decode()

    assert "/budgets/2025/301/" in newest and "/budgets/2024/224/" not in newest
    assert newest.index("2025") < newest.index('href="/?year=2024"')
    assert "/budgets/2024/224/" in older and "423.06" in older
    assert "/budgets/2024/301/" not in older  # the draft of 2024


def test_home_says_so_when_nothing_is_published(client, draft_budget):
    html = client.get("/").content.decode()
    assert "暂无已公开的部门预算" in html
    assert "鹿泉区测试局" not in html


def test_a_budget_reopened_for_correction_shows_its_published_version_not_the_new_draft(client, reopened_demo):
    make_line(reopened_demo, "2013301", "30201", "99990000.00", unit=reopened_demo.department.units.get())

    html = client.get("/budgets/2024/224/").content.decode()
    listing = client.get("/").content.decode()

    assert "423.06" in html and "10422" not in html
    assert "423.06" in listing and "10422" not in listing


def test_pages_speak_chinese_whatever_the_browser_asks_for(client, db):
    not_found = client.get("/budgets/2024/999/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert not_found.status_code == 404 and "页面不存在" in not_found.content.decode()
    assert "用户名" in login.content.decode() and "Username" not in login.content.decode()
