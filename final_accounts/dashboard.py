"""The final accounts' rows on the bureau's dashboard (registered by final_accounts/apps.py): every top-level
department with its final accounts of the year, their status and the 20 days within which approved ones must be
public (预算法 第十四条, as budgets)."""

from django.db.models import Max, OuterRef, Q, Subquery

from budget import workflow
from departments.models import Department
from final_accounts.models import FinalAccounts, PublishedVersion, StatusChange


def section(year):
    """(title, template, rows) of the year's final accounts for the dashboard (4 queries), with each one's PDF waiting
    or failed."""
    changes = StatusChange.objects.filter(final_accounts=OuterRef("pk"))
    found = FinalAccounts.objects.filter(year=year).annotate(
        submitted_at=Subquery(changes.filter(to_status="submitted").order_by("-at").values("at")[:1]),
        approved_at=Subquery(changes.filter(to_status="approved").order_by("-at").values("at")[:1]),
        last_published_at=Max("versions__published_at", filter=Q(versions__state=PublishedVersion.State.PUBLIC)),
    )
    by_department = {accounts.department_id: accounts for accounts in found}
    pending = {version.final_accounts_id: version for version in PublishedVersion.all_states.filter(
        final_accounts__year=year).exclude(state=PublishedVersion.State.PUBLIC)}
    rows = []
    for department in Department.objects.filter(parent=None).order_by("code"):
        accounts = by_department.get(department.pk)
        days_left = None
        if accounts and accounts.status == FinalAccounts.Status.APPROVED and accounts.approved_at:
            days_left = workflow.deadline(accounts.approved_at)
        rows.append({"department": department, "accounts": accounts, "days_left": days_left,
                     "pending": pending.get(accounts.pk) if accounts else None,
                     "overdue": days_left is not None and days_left < 0,
                     "days_overdue": -days_left if days_left is not None and days_left < 0 else 0})
    return {"title": f"{year}年度部门决算", "template": "admin/final_accounts/dashboard_section.html", "rows": rows}
