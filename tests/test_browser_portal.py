"""The public portal in a real browser (Chromium, Playwright): a citizen's walk from the home page to the
PDF, and a phone-sized screen on which the page itself never scrolls sideways."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_citizen_finds_a_budget_reads_a_table_and_downloads_the_pdf(new_page, demo_budget):
    page = new_page()
    page.goto("/")
    page.get_by_label("搜索部门名称、编码或项目名称").fill("舆情")
    page.get_by_role("button", name="搜索").click()

    page.get_by_role("link", name="中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算").click()
    expect(page).to_have_url("/budgets/2024/224/")
    page.get_by_role("navigation", name="目录").get_by_role("link", name="部门预算支出总表").click()
    expenditure = page.locator("#table-3 table")
    expect(expenditure).to_contain_text("信息安全事务")
    expect(expenditure.locator("tbody tr").first).to_contain_text("423.06")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").click()
    assert download.value.suggested_filename == "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


@pytest.mark.parametrize("path", ["/", "/budgets/2024/", "/budgets/2024/224/", "/budgets/224/compare/?from=2024&to=2024"])
def test_on_a_phone_the_page_does_not_scroll_sideways(new_page, demo_budget, path):
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(path)

    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 375, f"{path} is {page_width}px wide"
    if path == "/budgets/2024/224/":
        # Wide tables scroll inside their own box instead.
        box = page.locator("#table-2 .table-scroll")
        assert box.evaluate("element => element.scrollWidth > element.clientWidth")


NARROW_CELLS = """() => [...document.querySelectorAll("main table td, main table th")].flatMap(cell => {
    const text = cell.innerText.trim();
    const em = parseFloat(getComputedStyle(cell).fontSize);
    const width = cell.getBoundingClientRect().width;
    return [...text].length >= 6 && width < 2.5 * em ? [`${text} (${Math.round(width)}px)`] : [];
})"""


@pytest.mark.parametrize("path", ["/budgets/2024/", "/budgets/2024/224/"])
def test_on_a_phone_no_table_cell_is_squeezed_to_a_character_a_line(new_page, demo_budget, path):
    """At 375 px a cell with a text of 6 characters or more is at least 2.5 em wide (two characters and
    padding at the least, not one character per line): tables keep their columns' widths and scroll inside
    their own box, the first column staying in view."""
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(path)

    assert page.evaluate(NARROW_CELLS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    first = page.locator("main .table-scroll table tbody tr td:first-child, main .table-scroll table tbody tr th:first-child").first
    assert first.evaluate("cell => getComputedStyle(cell).position") == "sticky"
