from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = "部门预算"

    def ready(self):
        from budget import signals

        signals.connect()
