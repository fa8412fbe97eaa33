"""The staff site's pages load only scripts that they use: not Django's slug-filling ones (urlify, prepopulate,
XRegExp, 170 KB), since no page has prepopulated fields; its JavaScript translations are kept by the browser,
and only a signed-in user's. That the scripts still run is checked in a real browser by
tests/test_content_security_policy.py."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from config.admin_site import SLUG_SCRIPTS

pytestmark = pytest.mark.django_db


def scripts(response):
    return re.findall(r'<script[^>]*\ssrc="/static/([^"]+)"', response.content.decode())


def test_no_admin_page_loads_the_slug_scripts(admin_session, demo_budget):
    pages = [reverse("admin:budget_budget_change", args=[demo_budget.pk])]
    for model, model_admin in admin.site._registry.items():
        assert not model_admin.prepopulated_fields, model  # else it would need the scripts left out
        pages += [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}") for page in ("changelist", "add")]

    responses = {url: admin_session.get(url) for url in pages}
    loaded = {url: scripts(response) for url, response in responses.items() if response.status_code == 200}

    assert len(loaded) > len(admin.site._registry)  # every list, and the add pages the superuser may open
    assert all("admin/js/core.js" in found for found in loaded.values())  # the admin's own scripts still load
    assert {url: [script for script in found if script.startswith(SLUG_SCRIPTS)] for url, found in loaded.items()
            } == {url: [] for url in loaded}


def test_the_admins_javascript_translations_are_kept_by_the_signed_in_users_browser(client, accountant):
    assert client.get(reverse("admin:jsi18n")).status_code == 302  # to the login page

    client.force_login(accountant)
    response = client.get(reverse("admin:jsi18n"))

    assert response.status_code == 200 and "django.gettext" in response.content.decode()
    assert set(response["Cache-Control"].split(", ")) == {"private", "max-age=86400"}
