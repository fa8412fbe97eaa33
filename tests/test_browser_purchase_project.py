"""A purchase (政府采购) on a new budget's page picks a project typed in the rows above it before anything is saved, in
a real browser: its project list follows the project rows as they are typed (a code changed follows), and the
one save stores the purchase with that project. The server resolves a posted code the same way (by the page's project
rows), and refuses a code no row has."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.models import ProcurementItem
from tests.browser import login
from tests.factories import complete_budget
from tests.pages import change_url, opened, with_rows

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PURCHASE = (("item_name", "网络安全服务"), ("catalog_code", "C16070000"), ("measure_unit", "项"), ("quantity", "1"),
            ("unit_price", "1000.00"), ("amount", "1000.00"))


def test_a_purchase_picks_a_project_typed_on_the_same_unsaved_page(new_page, accountant, department):
    page = new_page()
    login(page, accountant)
    page.goto(reverse("admin:budget_budget_add"))
    page.get_by_label("预算年度").fill("2024")
    page.get_by_role("button", name="添加另一个 项目").click()
    page.locator('[name="projects-0-code"]').fill("P009")
    page.locator('[name="projects-0-name"]').fill("宣传项目")
    page.get_by_role("button", name="添加另一个 政府采购预算").click()
    purchase = page.locator("#procurement_items-0")
    project = purchase.locator('[name$="-project"]')

    expect(project.locator("option")).to_have_text(["—", "宣传项目（P009）"])
    project.select_option(label="宣传项目（P009）")
    page.locator('[name="projects-0-code"]').fill("P010")  # renamed: the choice follows
    expect(project).to_have_value("P010")
    purchase.locator('[name$="-unit"]').select_option(label="301 鹿泉区测试局")
    for field, text in PURCHASE:
        purchase.locator(f'[name$="-{field}"]').fill(text)
    purchase.locator('[name$="-source"]').select_option(label="一般公共预算拨款")
    page.get_by_role("button", name="保存并继续编辑").click()
    expect(page.locator(".messagelist")).to_contain_text("成功")
    new_page.close()  # the database is read after the browser

    saved = ProcurementItem.objects.get()
    assert (saved.project.code, saved.project.name, saved.project.budget_id) == ("P010", "宣传项目", saved.budget_id)


@pytest.mark.django_db
def test_the_server_resolves_a_purchases_project_by_the_pages_rows(accountant, draft_budget):
    budget = complete_budget(draft_budget)
    client, form = opened(accountant, budget)
    purchase = {"unit": str(budget.department_id), "source": "general_budget", "sme_reserved": "0", **dict(PURCHASE)}
    typed = with_rows(with_rows(form, {"code": "P777", "name": "新项目", "position": "2"}, prefix="projects"),
                      {**purchase, "project": "P777"}, prefix="procurement_items")

    refused = client.post(change_url(budget), {**typed, "procurement_items-0-project": "P404"})
    assert refused.status_code == 200 and "项目编码“P404”不是本预算的项目" in refused.content.decode()
    assert client.post(change_url(budget), typed).status_code == 302
    assert ProcurementItem.objects.get().project == budget.projects.get(code="P777")
