"""The PDF preview's waiting page tells the truth in a real browser: while a worker renders the PDF it says so and
that the PDF will be downloaded; once ready it says so, offers the download link and stops reloading; the link
downloads the PDF."""

import threading
import uuid

import pytest
from playwright.sync_api import expect

from budget import publication
from tests.browser import login
from tests.factories import complete_budget

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def database_queue(settings):
    """The real database queue: the preview waits for a worker (the other tests' queue runs it at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def render(budget_id):
    """What a worker does with the queued preview, in a thread of its own: Playwright's loop marks this one async."""
    worker = threading.Thread(target=publication.render_preview.call, args=[budget_id])
    worker.start()
    worker.join()


def test_the_waiting_page_says_when_the_pdf_is_ready_and_offers_its_download(new_page, accountant, draft_budget):
    budget = complete_budget(draft_budget)
    budget.duties = f"负责测试工作{uuid.uuid4()}。"  # a PDF no earlier run has left in the storage
    budget.save()
    page = new_page()
    login(page, accountant)

    page.goto(f"/admin/budget/budget/{budget.pk}/preview/pdf/")
    expect(page.locator("#preview-status")).to_contain_text("正在后台生成PDF预览")
    expect(page.locator("#preview-status")).to_contain_text("下载到您的电脑")
    render(budget.pk)

    expect(page.locator("#preview-status")).to_contain_text("PDF预览已生成")  # after its next reload
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    with page.expect_download() as download:
        page.locator("#preview-download").click()
    assert download.value.suggested_filename == budget.pdf_filename
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    expect(page.locator("#preview-status")).to_contain_text("PDF预览已生成")  # the page stays, still true
