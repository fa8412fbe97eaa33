"""The demo's document on a phone (375 px, in Chromium driven by Playwright): its table of contents folded at the top
and a way back to it from anywhere, tables that show they scroll sideways (a shadow at the cut edge), the desktop
page as it was, and the PDF, rendered from the same body, unchanged (issue 23, "the citizen on a phone")."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from budget import document, pdf
from tests.test_pdf_user_agent_stylesheet import pages, rasterised

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SCROLL_SHADOWS = "local, local, scroll, scroll"  # covers moving with the table over shadows fixed to the box


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_phone_the_contents_are_folded_at_the_top_and_jump_to_a_table(new_page, demo_budget):
    page = new_page(viewport=PHONE)
    page.goto("/budgets/2024/224/")
    folded = page.locator("#toc-phone")
    expect(folded).to_be_visible()
    expect(page.locator("nav.toc")).to_be_hidden()  # the printed one's two screens of links
    expect(folded.get_by_role("link", name="部门预算支出总表")).to_be_hidden()  # folded

    folded.get_by_text("目录", exact=True).click()
    folded.get_by_role("link", name="部门预算支出总表").click()
    expect(page).to_have_url(re.compile("#table-3$"))
    expect(page.locator("#table-3 h2")).to_be_in_viewport()

    back = page.get_by_role("link", name="目录", exact=True)  # in the screen's corner, wherever one has scrolled
    expect(back).to_be_in_viewport()
    back.click()
    expect(folded).to_be_in_viewport()

    box = page.locator("#table-3 .table-scroll")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")  # it does scroll sideways
    assert box.evaluate("box => getComputedStyle(box).backgroundAttachment") == SCROLL_SHADOWS
    # The cells let the shadow through, but for the one that stays in view, which hides what scrolls under it.
    transparent, opaque = box.evaluate("""box => [box.querySelector("tbody td:nth-child(5)"),
        box.querySelector("tbody td:nth-child(3)")].map(cell => getComputedStyle(cell).backgroundColor)""")
    assert (transparent, opaque) == ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_desktop_and_in_print_the_page_keeps_its_printed_contents_only(new_page, demo_budget):
    page = new_page(viewport=DESKTOP)
    page.goto("/budgets/2024/224/")
    expect(page.locator("nav.toc")).to_be_visible()
    expect(page.locator("#toc-phone")).to_be_hidden()
    expect(page.locator(".to-toc")).to_be_hidden()
    page.set_viewport_size(PHONE)
    page.emulate_media(media="print")  # a phone's browser printing the page
    expect(page.locator("nav.toc")).to_be_visible()
    expect(page.locator("#toc-phone")).to_be_hidden()
    expect(page.locator(".to-toc")).to_be_hidden()


@pytest.mark.real_pdf
def test_the_folded_contents_add_nothing_to_the_pdf(demo_budget, tmp_path):
    """The PDF is rendered from the body the page shows: with and without the phone's folded contents, the same
    pages, text, bookmarks and pixels."""
    body = pdf.body(document.build(demo_budget))
    folded = re.compile(r'<details class="toc-phone" id="toc-phone" hidden>.*?</details>', re.S)
    assert len(folded.findall(body)) == 1
    page_html = pdf.page("标题", demo_budget.department.name, demo_budget.year, body)
    with_it, without = pdf.write(page_html), pdf.write(folded.sub("", page_html))

    assert pages(with_it) == pages(without)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pixels not compared: no pdftoppm (Debian poppler-utils)")
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    assert rasterised(with_it, tmp_path / "with") == rasterised(without, tmp_path / "without")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_final_accounts_fold_their_contents_on_a_phone_too(new_page, demo_final_accounts):
    page = new_page(viewport=PHONE)
    page.goto("/final-accounts/2024/310107001/")
    folded = page.locator("#toc-phone")
    expect(folded).to_be_visible()
    expect(page.locator("nav.toc")).to_be_hidden()

    folded.get_by_text("目录", exact=True).click()
    folded.get_by_role("link", name="支出决算表", exact=True).click()
    expect(page).to_have_url(re.compile("#table-3$"))
    expect(page.get_by_role("link", name="目录", exact=True)).to_be_in_viewport()
