"""The staff site: Django's admin under the platform's titles (config/apps.py makes it the default site)."""

from django.contrib import admin
from django.utils.cache import patch_cache_control

# Django's JavaScript translations change only with a deployment: a browser keeps them this long, instead of
# asking again on every staff page.
TRANSLATIONS_MAX_AGE = 24 * 60 * 60


class StaffSite(admin.AdminSite):
    site_header = "部门预算公开平台 · 管理"
    site_title = "部门预算公开平台"
    index_title = "数据填报与管理"

    def i18n_javascript(self, request, extra_context=None):
        """The admin's JavaScript translations, kept by the signed-in user's browser for a day."""
        response = super().i18n_javascript(request, extra_context)
        patch_cache_control(response, private=True, max_age=TRANSLATIONS_MAX_AGE)
        return response
