"""Chromium driven by Playwright, for the browser tests (conftest's `new_page`, shared_site), and the steps they share."""

import asyncio
import os
from contextlib import contextmanager
from unittest.mock import patch

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from budget import pdf
from tests.factories import PASSWORD, fake_pdf

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
        if self.browser is None:
            self.playwright, self.browser = launch()
        elif self.idle_loop is not None:
            asyncio._set_running_loop(self.idle_loop)
            self.idle_loop = None
        context = self.browser.new_context(base_url=base_url, locale="zh-CN", accept_downloads=True, **options)
        context.set_default_timeout(TIMEOUT_MS)
        self.open_contexts += 1
        return context

    def close_contexts(self, contexts):
        for context in contexts:
            context.close()
            self.open_contexts -= 1
        if self.open_contexts == 0 and self.browser is not None and self.idle_loop is None:
            self.idle_loop = asyncio.get_running_loop()
            asyncio._set_running_loop(None)

    def stop(self):
        if self.browser is not None:
            if self.idle_loop is not None:
                asyncio._set_running_loop(self.idle_loop)
            self.browser.close()
            self.playwright.stop()


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


@contextmanager
def shared_site(chromium, django_db_blocker, make_data):
    """Data written by make_data() (and its return value), served by a live server of its own, with its Pages,
    for a whole module of tests that only read it: writing the data and logging in once, not for each test.

    Not pytest-django's `live_server`: a test using that one gets a transactional database, flushed after each
    test, and the flush, an ORM call, would fail while the module's pages are open (see Chromium). So pytest-django does not
    see these tests as database tests: the test database is set up (with the snapshot of what the migrations
    loaded) for the session's tests marked serialized_rollback, e.g. the other tests of the module. The
    database is put back in the state such a test leaves (flushed) when the module ends, after its pages close.
    """
    snapshot = getattr(connection, "_test_serialized_contents", None)
    if snapshot is None:  # no test database set up: the database of settings, never to be written to here
        pytest.fail("a shared site needs a test marked django_db(serialized_rollback=True) in the session")
    with django_db_blocker.unblock():  # for the live server's thread, all along
        if not Group.objects.exists():  # flushed by a transactional test: what the migrations loaded
            connection.creation.deserialize_db_from_string(snapshot)
        with patch.object(pdf, "write", fake_pdf):
            data = make_data()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        pages = Pages(chromium, server.url)
        yield pages, data
        pages.close()
        server._live_server_modified_settings.disable()
        server.stop()
        call_command("flush", interactive=False, verbosity=0)


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
