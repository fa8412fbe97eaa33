from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "预算绩效管理"

    def ready(self):
        # The indicators' review rules join the budget's as the app loads, as Django's own system checks do:
        # budget/checks.py runs every registered rule and imports nothing of this app.
        from performance import checks  # noqa: F401
