from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = "部门预算"

    def ready(self):
        from budget import roles

        post_migrate.connect(roles.ensure_groups, sender=self, dispatch_uid="budget-roles")
