"""Chromium driven by Playwright, for the browser tests (conftest's `new_page`), and the steps they share."""

from playwright.sync_api import expect, sync_playwright

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"  # Debian's (`make test` installs it as root); never `playwright install`
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Every action and expectation waits for its condition up to this ceiling: on a loaded 2-core machine a
# page can take seconds, and a short fixed timeout failed there while the condition was merely late.
TIMEOUT_MS = 60_000
expect.set_options(timeout=TIMEOUT_MS)


def launch():
    """Playwright started and a headless Chromium launched (stop the browser, then Playwright)."""
    playwright = sync_playwright().start()
    return playwright, playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def login(page, user):
    """Log in through the admin's login form."""
    page.goto("/admin/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="数据填报与管理")).to_be_visible()
