"""The pages satisfy their Content-Security-Policy in a real browser (Chromium): nothing is refused, and
the admin's scripts still run (its widgets are built by them) without an error (the slug scripts left out:
tests/test_admin_scripts.py)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from departments.models import Department
from tests.browser import login
from tests.pages import change_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def watch_violations(page):
    """Chromium reports each refused script, style or image on the console, and each script's uncaught error as
    a page error; collect both."""
    refused = []
    page.on("console", lambda message: refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: refused.append(f"{page.url}: {error}"))
    return refused


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "content-security-policy" in response.headers, url  # Playwright lower-cases names
    page.wait_for_load_state("load")


def test_public_pages_satisfy_the_policy(new_page, demo_budget):
    page = new_page()
    refused = watch_violations(page)
    for url in ("/", reverse("budget-detail", args=[2024, "224"]), "/no-such-page/"):
        if url == "/no-such-page/":
            assert page.goto(url).status == 404  # the error page too
        else:
            visit(page, url)
    # The stylesheet applied: the header is laid out by site.css, not the browser's defaults.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline"
    assert refused == []


def test_admin_pages_satisfy_the_policy_and_their_scripts_run(new_page, demo_budget, superuser):
    urls = [  # found before the browser starts: no ORM calls while Playwright runs (conftest.new_page)
        reverse("admin:index"),
        reverse("admin:budget_budget_changelist"),
        reverse("admin:budget_budget_history", args=[demo_budget.pk]),
        reverse("admin:budget_budget_dashboard"),
        reverse("admin:budget_budget_checks", args=[demo_budget.pk]),
        reverse("admin:budget_budget_preview", args=[demo_budget.pk]),
        reverse("admin:budget_budgetline_changelist"),
        change_url(demo_budget),
        reverse("admin:budget_budget_add"),  # last: its widgets are looked for below
    ]
    department_url = change_url(Department.objects.get(code="224"))
    page = new_page()
    refused = watch_violations(page)
    login(page, superuser)
    for url in urls:
        visit(page, url)
    # Scripts build the widgets: the autocomplete (select2) of the budget's department …
    expect(page.locator(".select2-container").first).to_be_attached()
    # … and the two-box member picker (filter_horizontal) of a department.
    visit(page, department_url)
    expect(page.locator(".selector-available").first).to_be_attached()
    assert refused == []
