"""Keep Budget.revised_at current: any change to a budget's data marks the budget revised."""

from django.db.models.signals import post_delete, post_save

from budget.models import AssetHolding, Budget, BudgetLine, ProcurementItem
from performance.models import PerformanceIndicator, Project


def budget_of(instance):
    """The budget an object belongs to."""
    if isinstance(instance, PerformanceIndicator):
        return Budget(pk=instance.project.budget_id)
    return Budget(pk=instance.budget_id)


def mark_budget_revised(sender, instance, **kwargs):
    budget_of(instance).mark_revised()


def connect():
    for model in (BudgetLine, Project, PerformanceIndicator, ProcurementItem, AssetHolding):
        post_save.connect(mark_budget_revised, sender=model, dispatch_uid=f"revised-{model.__name__}")
        post_delete.connect(mark_budget_revised, sender=model, dispatch_uid=f"revised-delete-{model.__name__}")
