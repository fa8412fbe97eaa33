"""The staff site: Django's admin under the platform's titles (config/apps.py makes it the default site)."""

from django import forms
from django.contrib import admin
from django.utils.cache import patch_cache_control

# Django's JavaScript translations change only with a deployment: a browser keeps them this long, instead of
# asking again on every staff page.
TRANSLATIONS_MAX_AGE = 24 * 60 * 60
# The admin's scripts that fill a slug from a title as it is typed (urlify, prepopulate and XRegExp: 170 KB); no
# page of the site has prepopulated_fields.
SLUG_SCRIPTS = ("admin/js/urlify", "admin/js/prepopulate.", "admin/js/vendor/xregexp/")


class WithoutSlugScripts(admin.ModelAdmin):
    """Leaves the slug scripts out of an admin's pages: mixed in before an admin class (`StaffSite.register`), a
    ModelAdmin so that its `super().media` is the admin's."""

    @property
    def media(self):
        media = super().media
        # Media's merged lists have no public name; django-stubs leaves out these private properties Django has.
        scripts = media._js  # type: ignore[attr-defined]
        styles = media._css  # type: ignore[attr-defined]
        return forms.Media(js=[script for script in scripts if not script.startswith(SLUG_SCRIPTS)], css=styles)


class StaffSite(admin.AdminSite):
    site_header = "部门预算公开平台 · 管理"
    site_title = "部门预算公开平台"
    index_title = "数据填报与管理"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Registers every app's admins, ours and others' alike, without the slug scripts."""
        admin_class = admin_class or admin.ModelAdmin
        lean = type(admin_class.__name__, (WithoutSlugScripts, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, lean, **options)

    def i18n_javascript(self, request, extra_context=None):
        """The admin's JavaScript translations, kept by the signed-in user's browser for a day."""
        response = super().i18n_javascript(request, extra_context)
        patch_cache_control(response, private=True, max_age=TRANSLATIONS_MAX_AGE)
        return response
