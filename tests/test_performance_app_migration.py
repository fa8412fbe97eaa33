"""A database made before the performance app migrates without losing anything (budget 0006, performance 0001):
the indicators and their history records stay in their tables, their content types change app keeping their
ids, and what points at those follows: a role group's and a user's permissions, the admin's log."""

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from budget import access
from performance.models import PerformanceIndicator

# A migration changes the schema outside a test's transaction (SQLite refuses it inside): the test database is
# flushed afterwards and what the migrations loaded put back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The apps taken back to before the move; final accounts came later and need the budget as it is now: a database
# from before the move has none of them.
MOVED = ["budget", "performance", "final_accounts"]
BEFORE = ("budget", "0005_warning_explanation_message")


def migrate_before_the_move():
    """The database as made before the move (every other app as it is now); the models of that state."""
    graph = MigrationExecutor(connection).loader.graph
    targets = [node for node in graph.leaf_nodes() if node[0] not in MOVED] + [BEFORE]
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_the_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()  # ids read before the move are cached under the old app


def budget_with_indicators(old):
    """Two indicators of a project as the budget app stored them, each with its history: created, then changed."""
    department = old.get_model("departments", "Department").objects.create(code="301", name="测试局")
    budget = old.get_model("budget", "Budget").objects.create(department=department, year=2024)
    project = old.get_model("budget", "Project").objects.create(budget=budget, code="P1", name="宣传经费")
    Indicator = old.get_model("budget", "PerformanceIndicator")
    History = old.get_model("budget", "HistoricalPerformanceIndicator")
    indicators = [
        Indicator.objects.create(project=project, level1="output", level2="quantity", name="宣传次数",
                                 comparator="≥", target_number=4, target_unit="次", target_basis="工作计划"),
        Indicator.objects.create(project=project, level1="satisfaction", level2="beneficiary_satisfaction",
                                 name="群众满意度", target_text="明显提升", target_basis="历史指标", position=1),
    ]
    for indicator in indicators:
        for history_type in ("+", "~"):
            History.objects.create(
                history_date=timezone.now(), history_type=history_type, history_change_reason="迁移前",
                **{field.attname: getattr(indicator, field.attname) for field in Indicator._meta.concrete_fields},
            )
    return indicators


def test_indicators_their_history_and_what_points_at_them_survive_the_move():
    old = migrate_before_the_move()
    indicators = budget_with_indicators(old)
    OldContentType = old.get_model("contenttypes", "ContentType")
    type_ids = {model: OldContentType.objects.get(app_label="budget", model=model).pk
                for model in ("performanceindicator", "historicalperformanceindicator")}
    accountant = old.get_model("auth", "Group").objects.get(name=access.ACCOUNTANT)
    granted = set(accountant.permissions.filter(content_type=type_ids["performanceindicator"]).values_list("pk", flat=True))
    user = old.get_model("auth", "User").objects.create(username="reader")
    user.user_permissions.add(old.get_model("auth", "Permission").objects.get(codename="view_performanceindicator"))
    old.get_model("admin", "LogEntry").objects.create(
        user=user, content_type_id=type_ids["performanceindicator"], object_id=str(indicators[0].pk),
        object_repr=indicators[0].name, action_flag=ADDITION,
    )

    migrate_to_the_latest()

    moved = PerformanceIndicator.objects.order_by("pk")
    assert [(i.pk, i.name, i.target) for i in moved] == [(indicators[0].pk, "宣传次数", "≥4次"),
                                                        (indicators[1].pk, "群众满意度", "明显提升")]
    assert [(r.id, r.history_type) for r in PerformanceIndicator.history.order_by("history_id")] == [
        (indicators[0].pk, "+"), (indicators[0].pk, "~"), (indicators[1].pk, "+"), (indicators[1].pk, "~")]
    assert ContentType.objects.get_for_model(PerformanceIndicator).pk == type_ids["performanceindicator"]
    assert ContentType.objects.get_for_model(PerformanceIndicator.history.model).pk == type_ids["historicalperformanceindicator"]
    assert not ContentType.objects.filter(app_label="budget", model__endswith="performanceindicator").exists()
    assert set(Group.objects.get(name=access.ACCOUNTANT).permissions.filter(
        content_type=type_ids["performanceindicator"]).values_list("pk", flat=True)) == granted
    assert User.objects.get(username="reader").has_perm("performance.view_performanceindicator")
    assert LogEntry.objects.get().get_edited_object() == moved[0]


def test_content_types_made_under_the_new_app_before_the_move_give_way_to_the_old_ones():
    """`migrate budget 0005` with this code runs post_migrate, which makes the performance app's content types and
    permissions, and grants them to the roles, before its migration has run."""
    old = migrate_before_the_move()
    old_id = old.get_model("contenttypes", "ContentType").objects.get(app_label="budget", model="performanceindicator").pk
    create_contenttypes(apps.get_app_config("performance"), verbosity=0)
    create_permissions(apps.get_app_config("performance"), verbosity=0)
    access.ensure_groups()

    migrate_to_the_latest()

    assert list(ContentType.objects.filter(model="performanceindicator").values_list("pk", "app_label")) == [
        (old_id, "performance")]
    access.ensure_groups()  # as after every migrate: each role still has its permissions, once
    for name, codenames in access.GROUP_PERMISSIONS.items():
        permissions = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert sorted(permissions) == sorted(codenames), name
