"""The three roles are complete after one `migrate` on an empty database, whatever order the apps'
post_migrate signals come in (the groups used to be set up before a later app's permissions existed)."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_migrate

from budget import access


def group_codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_after_the_test_databases_one_migrate_every_role_has_all_its_permissions(db):
    for name, codenames in access.GROUP_PERMISSIONS.items():
        assert group_codenames(name) == set(codenames), name


def test_roles_are_complete_when_the_budget_app_migrates_before_another_apps_permissions_exist(db):
    """As on a fresh database where budget's post_migrate runs before the departments' permissions exist."""
    Permission.objects.filter(content_type__app_label="departments").delete()
    ContentType.objects.filter(app_label="departments").delete()
    Group.objects.all().delete()
    budget_app = apps.get_app_config("budget")

    post_migrate.send(sender=budget_app, app_config=budget_app, verbosity=0, interactive=False, using="default",
                      apps=apps, plan=[])

    assert {"view_department", "add_project", "add_performanceindicator"} <= group_codenames(access.ACCOUNTANT)
    assert {"view_department", "view_project"} <= group_codenames(access.REVIEWER)
    assert {"add_department", "change_department"} <= group_codenames(access.ADMINISTRATOR)


def test_roles_are_granted_their_apps_permissions_not_another_apps_of_the_same_name(db):
    granted = Group.objects.get(name=access.REVIEWER).permissions.filter(codename="view_publishedversion")

    assert list(granted.values_list("content_type__app_label", flat=True)) == ["budget"]  # not final_accounts'
