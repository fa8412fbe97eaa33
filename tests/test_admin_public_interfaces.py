"""The staff site's cosmetics go through Django's public interfaces: nothing of ours replaces a private function of
the admin (its yes/no icon is Django's own; the lists draw theirs with 是/否 through get_list_display), no admin of
ours overrides a private method of Django's ModelAdmin or InlineModelAdmin (the budget page's formsets meet through
get_formset_kwargs), and each copy of a Django template (edit_inline/tabular.html, search_form.html,
includes/object_delete_summary.html: their untranslatable text and ASCII punctuation in Chinese) is Django's installed
template with exactly those changes: when Django changes its own, this fails and the copy is made again from it."""

from pathlib import Path

import django
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.urls import reverse

from tests.factories import complete_budget
from tests.pages import logged_in

DJANGO_ADMIN_TEMPLATES = Path(django.__file__).parent / "contrib" / "admin" / "templates" / "admin"
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "admin"
# The copy's intended differences from Django's: (Django's text, ours).
TABULAR_CHANGES = [
    ("{% load i18n admin_urls static admin_modify %}",
     "{% comment %}Django's, its help icons' text in Chinese parentheses: tests/test_admin_public_interfaces.py fails "
     "when Django's own changes.{% endcomment %}"
     "{% load i18n admin_urls static admin_modify %}"),
    ('alt="({{ field.help_text|striptags }})"', 'alt="（{{ field.help_text|striptags }}）"'),
]


def ours(cls):
    return not cls.__module__.startswith(("django.", "axes.", "simple_history.", "import_export."))


def test_nothing_replaces_the_admins_own_yes_no_icon():
    assert admin_list._boolean_icon.__module__ == "django.contrib.admin.templatetags.admin_list"


def test_no_admin_of_ours_overrides_a_private_method_of_djangos():
    private = {name for base in (admin.ModelAdmin, admin.TabularInline) for name in dir(base)
               if name.startswith("_") and not name.startswith("__")}
    overridden = set()
    for model_admin in admin.site._registry.values():
        inlines = [inline(model_admin.model, admin.site) for inline in model_admin.inlines]
        for each in (model_admin, *inlines):
            overridden |= {f"{cls.__module__}.{cls.__name__}.{name}" for cls in type(each).__mro__ if ours(cls)
                           for name in vars(cls) if name in private}
    assert overridden == set()


SEARCH_FORM_CHANGES = [  # the comment last: it names what the others change
    ('alt="Search"', 'alt="搜索"'),
    ("{% endblocktranslate %} (<a", "{% endblocktranslate %}（<a"),
    ("{% endif %}</a>)</span>", "{% endif %}</a>）</span>"),
    ("{% load i18n static %}\n", "{% load i18n static %}\n{# Django's admin/search_form.html with its untranslatable "
     "alt=\"Search\" and ASCII brackets in Chinese. #}\n"),
]
DELETE_SUMMARY_CHANGES = [
    ("{% load i18n %}", "{% load i18n %}{% comment %}Django's, with Chinese colons (\"预算明细：3\").{% endcomment %}"),
    ("{{ model_name|capfirst }}: {{ object_count }}", "{{ model_name|capfirst }}：{{ object_count }}"),
]
COPIES = {"edit_inline/tabular.html": TABULAR_CHANGES, "search_form.html": SEARCH_FORM_CHANGES,
          "includes/object_delete_summary.html": DELETE_SUMMARY_CHANGES}


@pytest.mark.parametrize("name", COPIES)
def test_each_copy_of_a_django_template_differs_from_the_installed_one_only_as_intended(name):
    copy = (OUR_TEMPLATES / name).read_text()
    original = (DJANGO_ADMIN_TEMPLATES / name).read_text()

    expected = original
    for theirs, mine in COPIES[name]:
        assert original.count(theirs) == 1, f"Django's {name} changed: copy it again, then {mine!r}"
        expected = expected.replace(theirs, mine)
    assert copy == expected


def test_a_lists_boolean_column_says_yes_or_no_in_chinese(client, accountant, draft_budget):
    complete_budget(draft_budget).projects.update(is_special_fund=True)

    page = BeautifulSoup(logged_in(client, accountant).get(reverse("admin:budget_project_changelist")).content,
                         "html.parser")

    icon = page.select_one("td.field-is_special_fund img")
    assert icon["alt"] == "是" and icon["src"].endswith("icon-yes.svg")
    assert "sortable" in page.select_one("th.column-is_special_fund")["class"]  # still sorted by the field
