from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = "预算填报与审核"

    def ready(self):
        from budget import access

        # Once, after the budget app's migrations; ensure_groups creates every app's permissions first.
        post_migrate.connect(access.ensure_groups, sender=self, dispatch_uid="budget-roles")
