"""Chromium driven by Playwright, for the browser tests (conftest's `new_page`), and the steps they share."""

import asyncio
import os

import pytest
from django.conf import settings
from django.test import Client
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


class Chromium:
    """Playwright and a headless Chromium, started with the first page a test opens and kept for the session (a
    worker's): starting them took about a second a test. Each page opens in a fresh browser context (its own
    cookies, as one person's browser), in Chinese.

    While Playwright's sync API runs, it keeps its asyncio event loop marked as running in this thread, and Django
    then takes the test for async code: ORM calls raise SynchronousOnlyOperation, and `django.db.connections`,
    context-local under a running loop, hands out a new connection instead of the test database's own, which holds
    the snapshot serialized_rollback restores (setting DJANGO_ALLOW_ASYNC_UNSAFE would silence the first and not
    fix the second). So the loop is marked running only while pages are open: from a test's first page until
    Pages.close() at its end, which unmarks it as Playwright itself does whenever its loop stops (the loop waits,
    suspended, until the next page marks it again). Write to the database before opening a page; the database
    is flushed after the pages are closed. The live server answers from its own thread, unaffected.
    """

    def __init__(self):
        if not os.access(CHROMIUM, os.X_OK):
            pytest.fail(f"Chromium not found at {CHROMIUM}: the browser tests need it. Run `make test` as "
                        f"root (it installs Debian's chromium) or `apt-get install chromium`.", pytrace=False)
        self.playwright = self.browser = None
        self.idle_loop = None  # Playwright's loop, while no page is open
        self.open_contexts = 0

    def new_context(self, base_url, **options):
        if self.idle_loop is not None:
            asyncio._set_running_loop(self.idle_loop)
            self.idle_loop = None
        if self.browser is not None and not self.browser.is_connected():  # Chromium died: a new one
            self.stop()
        if self.browser is None:
            self.playwright, self.browser = launch()
        context = self.browser.new_context(base_url=base_url, locale="zh-CN", accept_downloads=True, **options)
        context.set_default_timeout(TIMEOUT_MS)
        self.open_contexts += 1
        return context

    def close_contexts(self, contexts):
        try:
            for context in contexts:
                context.close()
        finally:  # also when Chromium died: the test's database work must go on
            self.open_contexts -= len(contexts)
            if self.open_contexts == 0 and self.browser is not None and self.idle_loop is None:
                self.idle_loop = asyncio.get_running_loop()
                asyncio._set_running_loop(None)

    def stop(self):
        if self.browser is not None:
            if self.idle_loop is not None:
                asyncio._set_running_loop(self.idle_loop)
            self.browser.close()
            self.playwright.stop()  # which stops the loop, and unmarks it
        self.playwright = self.browser = self.idle_loop = None
        self.open_contexts = 0


class Pages:
    """Called with a browser context's options (e.g. a phone's viewport and device_scale_factor): a page of the
    site at base_url in a fresh context of the session's Chromium, logged in with `session` (session_cookie)
    if given. close() closes them all."""

    def __init__(self, chromium, base_url):
        self.chromium, self.base_url, self.contexts = chromium, base_url, []

    def __call__(self, session=None, **options):
        self.contexts.append(self.chromium.new_context(self.base_url, **options))
        if session is not None:
            self.contexts[-1].add_cookies([{**session, "url": self.base_url}])
        return self.contexts[-1].new_page()

    def close(self):
        self.chromium.close_contexts(self.contexts)
        self.contexts = []


def session_cookie(user):
    """The cookie of a session of the user, for a test that is not about logging in (login() is): made in the
    database, so before the test opens a page (see Chromium)."""
    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


def login(page, user):
    """Log in through the admin's login form."""
    page.goto("/admin/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="数据填报与管理")).to_be_visible()
