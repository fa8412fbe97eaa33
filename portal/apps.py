from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public site: it reads only published versions (budget.models.PublishedVersion), never live data."""

    name = "portal"
    verbose_name = "公开网站"
