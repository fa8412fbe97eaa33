"""Chromium driven by Playwright, for the browser tests (conftest's `new_page`, shared_site), and the steps they share."""

import os
from contextlib import contextmanager
from unittest.mock import patch

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
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


class Browser:
    """Chromium, started with the first page it opens, each page in a fresh browser context (its own cookies, as
    one person's browser), in Chinese; stopped by close()."""

    def __init__(self, base_url):
        if not os.access(CHROMIUM, os.X_OK):
            pytest.fail(f"Chromium not found at {CHROMIUM}: the browser tests need it. Run `make test` as "
                        f"root (it installs Debian's chromium) or `apt-get install chromium`.", pytrace=False)
        self.base_url = base_url
        self.playwright = self.chromium = None

    def open_page(self, **options):
        """options: of the browser context, e.g. a phone's viewport and device_scale_factor."""
        if self.chromium is None:
            self.playwright, self.chromium = launch()
        context = self.chromium.new_context(base_url=self.base_url, locale="zh-CN", accept_downloads=True, **options)
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    def close(self):
        if self.chromium is not None:
            self.chromium.close()
            self.playwright.stop()


@contextmanager
def shared_site(django_db_blocker, make_data):
    """Data written by make_data() (and its return value), served by a live server of its own, with a Browser,
    for a whole module of tests that only read it: writing the data and starting Chromium once, not per test.

    Not pytest-django's `live_server`: a test using that one gets a transactional database, flushed after each
    test, and the flush, an ORM call, would fail while Chromium runs (see new_page). So pytest-django does not
    see these tests as database tests: the test database is set up (with the snapshot of what the migrations
    loaded) for the session's tests marked serialized_rollback, e.g. the other tests of the module. The
    database is put back in the state such a test leaves (flushed) when the module ends, after Chromium stops.
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
        chromium = Browser(server.url)
        yield chromium, data
        chromium.close()
        server._live_server_modified_settings.disable()
        server.stop()
        call_command("flush", interactive=False, verbosity=0)


def login(page, user):
    """Log in through the admin's login form."""
    page.goto("/admin/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="数据填报与管理")).to_be_visible()
