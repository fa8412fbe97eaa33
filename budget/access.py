"""Who may see and change what: the platform's one access policy (docs/security.md has it as a table).

Three roles, as Django groups with model permissions, plus superusers:
- 部门会计 (accountant): sees the budgets of the departments they belong to (and of their units); changes
  their data only while the budget is a draft or returned; submits them; once published, enters and submits the
  year-end self-evaluation of their projects.
- 财政局审核 (reviewer): sees every budget; returns, approves, publishes, reopens; returns or approves a
  self-evaluation; keeps the control figures (预算控制数) and the glossary (名词解释); changes no budget data.
- 系统管理员 (administrator): classification lists, departments, users, glossary.

Every admin page, form, inline, autocomplete, history page, changelist action, import, export and
workflow service asks the functions below; nothing else decides. A management command acts as
COMMAND_LINE, said explicitly: there is no "no user means trusted".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import User as AuthUser  # the user model: AUTH_USER_MODEL is Django's own
    from django.db.models import QuerySet
    from typing_extensions import TypeIs

    from budget.models import Budget, ControlFigure, Project
    from departments.models import Department
    from performance.models import PerformanceIndicator

    # A request's user, signed in or not: the functions taking one serve requests, never COMMAND_LINE.
    User: TypeAlias = AuthUser | AnonymousUser
    Actor: TypeAlias = User | "ScriptActor"  # who acts: a user, or COMMAND_LINE

ACCOUNTANT = "部门会计"
REVIEWER = "财政局审核"
ADMINISTRATOR = "系统管理员"

# Models by name, whatever their app: the permissions are found by codename (performanceindicator is performance's).
BUDGET_DATA = ["budget", "budgetline", "procurementitem", "assetholding", "warningexplanation", "project",
               "performanceindicator", "projectevaluation", "indicatorevaluation"]
SHARED_LISTS = ["view_functionsubject", "view_economicsubject", "view_department", "view_checkrun",
                "view_statuschange", "view_glossaryentry", "view_evaluationreview"]
ROLE_APPS = ("budget", "performance", "departments", "auth")  # the apps whose models GROUP_PERMISSIONS names
GROUP_PERMISSIONS = {
    ACCOUNTANT: [f"{action}_{model}" for model in BUDGET_DATA for action in ("add", "change", "delete", "view")]
    + SHARED_LISTS + ["view_controlfigure"],
    REVIEWER: ["review_budget", "publish_budget", "view_publishedversion"]
    + [f"view_{model}" for model in BUDGET_DATA] + SHARED_LISTS
    + [f"{action}_{model}" for model in ("controlfigure", "glossaryentry") for action in ("add", "change", "delete")],
    ADMINISTRATOR: [f"{action}_{model}" for model in ("functionsubject", "economicsubject", "department", "user", "group",
                                                        "glossaryentry") for action in ("add", "change", "delete", "view")],
}


class ScriptActor:
    """A management command run on the server by its operator: passes the role checks, never the status rules."""

    is_superuser = False
    is_authenticated = False
    pk = None

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


COMMAND_LINE = ScriptActor("命令行")


def _user(actor: Actor | None) -> Actor:
    """The actor as a user, refusing the ambiguous None: a script must pass COMMAND_LINE."""
    if actor is None:
        raise TypeError("An actor is required: a user, or access.COMMAND_LINE for a management command.")
    return actor


def recorded_user(actor: Actor | None) -> AuthUser | None:
    """The user to record as having acted (None for a script). An anonymous visitor never acts: refused, as the
    logged step's user field would refuse it."""
    user = _user(actor)
    if isinstance(user, ScriptActor):
        return None
    if not is_signed_in(user):
        raise ValueError("An anonymous user cannot act: only a signed-in user or access.COMMAND_LINE.")
    return user


def is_signed_in(user: User) -> TypeIs[AuthUser]:
    """A signed-in user, not the anonymous visitor: narrows a request's user to the user model."""
    return user.is_authenticated


# ------------------------------------------------------------------------------------------------ who


def is_script(actor: Actor | None) -> TypeIs[ScriptActor]:
    return isinstance(_user(actor), ScriptActor)


def is_reviewer(user: Actor) -> bool:
    """The bureau (and superusers): sees every department's budgets, reviews and publishes."""
    return user.is_superuser or (not is_script(user) and user.has_perm("budget.review_budget"))


DEPARTMENT_IDS_CACHE = "_budget_department_ids"


def department_ids(user: User) -> list[int]:
    """The departments a user enters budgets for: those they belong to and their units.

    Remembered on the user object, as Django remembers permissions: every permission check of a request
    asks, and a request loads its user afresh.
    """
    from departments.models import Department

    if not is_signed_in(user):
        return []
    # An attribute the user model does not declare, named by a constant, as Django names its `_perm_cache`: set and
    # read through a request's lazy user object as on the user itself.
    if not hasattr(user, DEPARTMENT_IDS_CACHE):
        own = list(user.departments.values_list("pk", flat=True))
        setattr(user, DEPARTMENT_IDS_CACHE, own + list(
            Department.objects.filter(parent__in=own).values_list("pk", flat=True)
        ))
    ids: list[int] = getattr(user, DEPARTMENT_IDS_CACHE)
    return ids


def is_accountant_of(user: User, department_id: int) -> bool:
    """True when the user enters budget data for the department (a member of it or of its parent)."""
    return (user.is_authenticated and user.has_perm("budget.change_budget")
            and department_id in department_ids(user))


# ------------------------------------------------------------------------------------------------ budgets


def visible_budgets(user: User, budgets: QuerySet[Budget]) -> QuerySet[Budget]:
    """The budgets of the queryset that this user may see in the admin."""
    if is_reviewer(user):
        return budgets
    if not user.is_authenticated or not user.has_perm("budget.view_budget"):
        return budgets.none()
    return budgets.filter(department__in=department_ids(user))


def may_edit_budget(user: Actor, budget: Budget) -> bool:
    """Change the budget's data (texts, lines, projects, indicators, procurement, assets; import, submit):
    its department's accountant (or a superuser), only while a draft or returned."""
    if is_script(user):
        return budget.is_open_for_editing
    return budget.is_open_for_editing and (user.is_superuser or is_accountant_of(user, budget.department_id))


def _accountants_budgets(user: User, budgets: QuerySet[Budget]) -> QuerySet[Budget]:
    """The budgets of the queryset whose department this user is an accountant of (as is_accountant_of); all, for
    a superuser."""
    if user.is_superuser:
        return budgets
    if not user.is_authenticated or not user.has_perm("budget.change_budget"):
        return budgets.none()
    return budgets.filter(department__in=department_ids(user))


def editable_budgets(user: User, budgets: QuerySet[Budget]) -> QuerySet[Budget]:
    """The budgets of the queryset whose data this user may change now (as may_edit_budget, in the database)."""
    return _accountants_budgets(user, budgets.filter(status__in=budgets.model.EDITABLE_STATUSES))


def may_delete_budget(user: Actor, budget: Budget) -> bool:
    """Only a draft, which has never left its department (a returned budget keeps its review history)."""
    return budget.status == budget.Status.DRAFT and may_edit_budget(user, budget)


def departments_for_new_budgets(user: User, departments: QuerySet[Department]) -> QuerySet[Department]:
    """The departments this user may start a budget for: their own (and their units'); any, for a superuser."""
    if user.is_superuser:
        return departments
    if not user.has_perm("budget.add_budget"):
        return departments.none()
    return departments.filter(pk__in=department_ids(user))


def may_start_budget(user: Actor, department: Department) -> bool:
    """Start a department's budget of a year (as importing a file for a year it has none does): as
    departments_for_new_budgets says; a script, for any department."""
    if is_script(user):
        return True
    return departments_for_new_budgets(user, type(department).objects.filter(pk=department.pk)).exists()


def may_review(user: Actor) -> bool:
    """Return, approve and reopen budgets (the status rules are the workflow's)."""
    return is_script(user) or is_reviewer(user)


def may_publish(user: Actor) -> bool:
    return is_script(user) or user.is_superuser or user.has_perm("budget.publish_budget")


def evaluation_status(budget: Budget) -> str:
    """The status of the budget's self-evaluation in the bureau's review (performance.models.EvaluationReview, whose
    statuses are the budget's; read through its relation, this module importing nothing of performance): a draft
    until first submitted."""
    review = getattr(budget, "evaluation_review", None)  # a missing one-to-one raises an AttributeError
    return str(budget.Status.DRAFT) if review is None else review.status


def may_evaluate(user: Actor, budget: Budget) -> bool:
    """Enter or change the year-end self-evaluation (绩效自评) of a budget's projects, import it, submit it: its
    department's accountant (or a superuser), once the budget is published, the year it plans being under way or
    over; not while the budget is reopened for a correction, nor while the evaluation is submitted to the bureau or
    approved (a return reopens it). The evaluation never changes the published budget."""
    if budget.status != budget.Status.PUBLISHED or evaluation_status(budget) not in budget.EDITABLE_STATUSES:
        return False
    return is_script(user) or user.is_superuser or is_accountant_of(user, budget.department_id)


def evaluation_budgets(user: User, budgets: QuerySet[Budget]) -> QuerySet[Budget]:
    """The budgets of the queryset whose self-evaluation this user keeps, open or under review: their departments'
    once published (a superuser's: all)."""
    return _accountants_budgets(user, budgets.filter(status=budgets.model.Status.PUBLISHED))


def evaluable_budgets(user: User, budgets: QuerySet[Budget]) -> QuerySet[Budget]:
    """The budgets of the queryset whose projects this user may evaluate now (as may_evaluate, in the database)."""
    from django.db.models import Q

    open_for_entry = Q(evaluation_review=None) | Q(evaluation_review__status__in=budgets.model.EDITABLE_STATUSES)
    return evaluation_budgets(user, budgets).filter(open_for_entry)


def may_delete_evaluation(user: Actor) -> bool:
    """No one, superusers included: a self-evaluation is corrected, never removed (its targets' evaluations belong
    to the targets and would outlive it)."""
    return False


def target_choices(project: Project, indicators: QuerySet[PerformanceIndicator]) -> QuerySet[PerformanceIndicator]:
    """The targets a project's self-evaluation may evaluate: the project's own indicators, never another
    project's (another department's names must not leak through a choice)."""
    return indicators.filter(project=project)


def may_see_dashboard(user: Actor) -> bool:
    return is_reviewer(user)


# ------------------------------------------------------------------------------------------------ final accounts
# A department's final accounts (部门决算, the final_accounts app) follow the budget's rules with the budget's roles:
# this module names no model of that app (an import contract keeps the budget from depending on it), so the
# functions take its objects and querysets as they come, by the attributes they share with a budget.


class DepartmentDocument(Protocol):
    """What the rules read of a department's document of a year (a budget, its final accounts)."""

    department_id: int
    status: str

    @property
    def is_open_for_editing(self) -> bool: ...


def visible_final_accounts(user: User, accounts: QuerySet[Any]) -> QuerySet[Any]:
    """The final accounts of the queryset this user may see in the admin: the bureau all, an accountant their
    departments' (and their units'), as visible_budgets."""
    if is_reviewer(user):
        return accounts
    if not user.is_authenticated or not user.has_perm("budget.view_budget"):
        return accounts.none()
    return accounts.filter(department__in=department_ids(user))


def may_list_final_accounts(user: User) -> bool:
    """See the staff site's pages of final accounts at all (their list, a blank template): the bureau and the
    accountants; each sees in them only what visible_final_accounts gives."""
    return is_reviewer(user) or (user.is_authenticated and user.has_perm("budget.view_budget"))


def may_enter_final_accounts(user: User) -> bool:
    """Enter final accounts at all (the rights the list's pages ask before any object): the accountants and the
    superusers; whose and when is may_edit_final_accounts."""
    return user.is_superuser or (user.is_authenticated and user.has_perm("budget.change_budget"))


def may_see_final_accounts(user: User, accounts: DepartmentDocument) -> bool:
    """See one department's final accounts (its pages, history, template and files): as visible_final_accounts."""
    if is_reviewer(user):
        return True
    return (user.is_authenticated and user.has_perm("budget.view_budget")
            and accounts.department_id in department_ids(user))


def may_edit_final_accounts(user: Actor, accounts: DepartmentDocument) -> bool:
    """Change the final accounts' data (facts, lines, income, carry-overs, 年初预算; import a file): its
    department's accountant (or a superuser), only while a draft or returned; a script, whoever's."""
    if is_script(user):
        return accounts.is_open_for_editing
    return accounts.is_open_for_editing and (user.is_superuser or is_accountant_of(user, accounts.department_id))


def editable_final_accounts(user: User, accounts: QuerySet[Any]) -> QuerySet[Any]:
    """The final accounts of the queryset whose data this user may change now (as may_edit_final_accounts)."""
    return _accountants_budgets(user, accounts.filter(status__in=accounts.model.EDITABLE_STATUSES))


def may_delete_final_accounts(user: Actor, accounts: DepartmentDocument) -> bool:
    """Only a draft, which has never left its department (returned ones keep their review history), as a budget."""
    return accounts.status == "draft" and may_edit_final_accounts(user, accounts)


def departments_for_new_final_accounts(user: User, departments: QuerySet[Department]) -> QuerySet[Department]:
    """The departments this user may start final accounts for: those they start budgets for (the bureau none)."""
    return departments_for_new_budgets(user, departments)


def may_start_final_accounts(user: Actor, department: Department) -> bool:
    """Start a department's final accounts of a year (on the add page, or by importing a file for a year it has
    none): its accountant or a superuser; a script, for any department; the bureau reviews, it starts none."""
    return may_start_budget(user, department)


def final_accounts_unit_choices(accounts: DepartmentDocument, departments: QuerySet[Department]) -> QuerySet[Department]:
    """The 单位 a row of the final accounts may name: their department and its units, never another's."""
    from django.db.models import Q

    return departments.filter(Q(pk=accounts.department_id) | Q(parent=accounts.department_id))


# ------------------------------------------------------------------------------------------------ the rest


def visible_departments(user: User, departments: QuerySet[Department]) -> QuerySet[Department]:
    """The bureau and the administrators see every department; an accountant their own and its units."""
    if is_reviewer(user) or user.has_perm("departments.change_department"):
        return departments
    return departments.filter(pk__in=department_ids(user))


def unit_choices(user: User, budget: Budget | None, departments: QuerySet[Department]) -> QuerySet[Department]:
    """The 单位 a line or a purchase may name: the budget's department and its units; without a budget (a
    line's own page), the departments this user enters budgets for."""
    from django.db.models import Q

    if budget is not None:
        return departments.filter(Q(pk=budget.department_id) | Q(parent=budget.department_id))
    return departments if user.is_superuser else departments.filter(pk__in=department_ids(user))


def project_choices(user: User, budget: Budget | None, projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects a line or a purchase may name: the budget's own; without a budget, those of the budgets
    this user may change now. Never another department's (their names must not leak through a choice)."""
    if budget is not None:
        return projects.filter(budget=budget)
    from budget.models import Budget

    return projects.filter(budget__in=editable_budgets(user, Budget.objects.all()))


def visible_control_figures(user: User, figures: QuerySet[ControlFigure]) -> QuerySet[ControlFigure]:
    if is_reviewer(user):
        return figures
    return figures.filter(department__in=department_ids(user))


def may_revert_history(user: Actor) -> bool:
    """No one, superusers included: a historical record brings back its old status, budget and figures, past
    the forms and workflow services that check them. History pages are read-only."""
    return False


# ------------------------------------------------------------------------------------------------ groups


def ensure_groups(using: str = "default", **kwargs: object) -> None:
    """Create the three role groups with their permissions (after every migrate, of any app).

    The permissions of every app are created first: post_migrate reaches the apps one by one, and a group
    set up before a later app's permissions exist would lack them (the accountant could not add projects).
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for name, codenames in GROUP_PERMISSIONS.items():
        # The roles' apps only: another app's model of the same name (final accounts' StatusChange, PublishedVersion)
        # has the same codenames, and the roles are not granted it by a coincidence of names.
        permissions = Permission.objects.using(using).filter(codename__in=codenames, content_type__app_label__in=ROLE_APPS)
        missing = set(codenames) - {permission.codename for permission in permissions}
        if missing:
            raise LookupError(f"Role {name}: no such permissions {sorted(missing)}")
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)
