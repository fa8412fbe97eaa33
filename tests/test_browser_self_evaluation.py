"""A project's self-evaluation in a real browser (Chromium, Playwright): each target's 得分, 执行率, the total and the
grade follow the figures and weights as they are typed (static/entry/evaluation.js, the rules of
performance/scoring.py), and the page saved shows the server's same figures."""

import pytest
from playwright.sync_api import expect

from tests.browser import session_cookie
from tests.factories import published_complete

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_scores_total_and_grade_follow_what_is_typed(new_page, accountant, draft_budget):
    project = published_complete(draft_budget).projects.get()
    page = new_page(session=session_cookie(accountant))
    page.goto(f"/admin/performance/projectevaluation/add/?project={project.pk}")
    total, grade = page.locator(".field-total .readonly"), page.locator(".field-grade .readonly")
    score = lambda row: page.locator(f"#targets-{row} .field-computed_score p")  # noqa: E731

    page.get_by_label("全年预算数（元）").fill("50000")
    page.get_by_label("全年执行数（元）").fill("45000")
    expect(page.locator(".field-execution_rate .readonly")).to_have_text("90.00%")
    expect(page.locator(".field-execution_score .readonly")).to_have_text("9.00")
    page.locator('[name="targets-0-actual_number"]').fill("4")  # ≥5次, 4 held: 25 × 4 ÷ 5
    expect(score(0)).to_have_text("20.00")
    page.locator('[name="targets-1-actual_number"]').fill("5")
    page.locator('[name="targets-2-achievement"]').select_option(label="达成")
    page.locator('[name="targets-2-judged_score"]').fill("27")
    expect(total).to_have_text("-")  # a target still without its value
    page.locator('[name="targets-3-actual_number"]').fill("95")
    expect(total).to_have_text("91.00")  # 9 + 20 + 25 + 27 + 10
    expect(grade).to_have_text("优")
    page.locator('[name="targets-0-weight"]').fill("40")  # 32 of 40: the weights no longer sum to 90
    expect(score(0)).to_have_text("32.00")
    expect(total).to_have_text("103.00")
    page.locator('[name="targets-0-weight"]').fill("25")
    page.locator('[name="targets-0-actual_number"]').fill("2")  # 10 of 25
    expect(total).to_have_text("81.00")
    expect(grade).to_have_text("良")
    page.get_by_role("button", name="保存并继续编辑").click()

    expect(page.locator(".messagelist")).to_contain_text("成功")
    expect(total).to_have_text("81.00")  # the server's
    expect(grade).to_have_text("良")
    expect(score(0)).to_have_text("10.00")
