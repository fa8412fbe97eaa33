"""Who may see and do what (DESIGN §6): three roles, as Django groups with model permissions.

- 部门会计 (accountant): enters and submits the budgets of the departments they belong to (and their
  units), only while draft or returned.
- 财政局审核 (reviewer): sees every budget, runs checks, returns, approves and publishes.
- 系统管理员 (administrator): classification lists, departments, users.
"""

ACCOUNTANT = "部门会计"
REVIEWER = "财政局审核"
ADMINISTRATOR = "系统管理员"

BUDGET_DATA = ["budget", "budgetline", "procurementitem", "assetholding", "warningexplanation", "project",
               "performanceindicator"]
GROUP_PERMISSIONS = {
    ACCOUNTANT: [f"{action}_{model}" for model in BUDGET_DATA for action in ("add", "change", "delete", "view")]
    + ["view_functionsubject", "view_economicsubject", "view_department", "view_checkrun", "view_statuschange",
       "view_controlfigure", "view_glossaryentry"],
    REVIEWER: ["review_budget", "publish_budget"]
    + [f"view_{model}" for model in BUDGET_DATA]
    + ["view_functionsubject", "view_economicsubject", "view_department", "view_checkrun", "view_statuschange",
       "view_publishedversion"]
    + [f"{action}_{model}" for model in ("controlfigure", "glossaryentry") for action in ("add", "change", "delete", "view")],
    ADMINISTRATOR: [f"{action}_{model}" for model in ("functionsubject", "economicsubject", "department", "user", "group",
                                                        "glossaryentry") for action in ("add", "change", "delete", "view")],
}


def sees_all_budgets(user):
    """The bureau (and superusers) see every department's budgets."""
    return user.is_superuser or user.has_perm("budget.review_budget")


def department_ids(user):
    """The departments a user enters budgets for: those they belong to and their units.

    Remembered on the user object, as Django remembers permissions: every permission check of a request
    asks, and a request loads its user afresh.
    """
    from departments.models import Department

    if not hasattr(user, "_budget_department_ids"):
        own = list(user.departments.values_list("pk", flat=True)) if user.is_authenticated else []
        user._budget_department_ids = own + list(Department.objects.filter(parent__in=own).values_list("pk", flat=True))
    return user._budget_department_ids


def is_accountant_of(user, department):
    """True when the user belongs to the department (or to its parent) and may change budget data."""
    return user.has_perm("budget.change_budget") and department.pk in department_ids(user)


def ensure_groups(**kwargs):
    """Create the three role groups with their permissions (run after every migrate)."""
    from django.contrib.auth.models import Group, Permission

    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(codename__in=codenames))
