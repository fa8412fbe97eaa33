"""The pages of other apps in the staff site, in Chinese: users' and groups' permissions named by their model and
action, the yes/no icons of their lists (base.YesNoColumns), axes' lockout status, and the task queue's results left
out (the dashboard shows the PDFs' progress and failures; a worker's log has the rest). Other apps' labels are translated in locale/, their
apps named in config/apps.py."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin
from axes.models import AccessAttempt, AccessFailureLog
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.text import capfirst
from django_tasks_db.models import DBTaskResult

from budget.admin.base import YesNoColumns

admin.site.unregister(DBTaskResult)

ACTIONS = {"add": "增加", "change": "修改", "delete": "删除", "view": "查看"}


def permission_label(permission):
    """"预算填报与审核 | 部门预算 | 可修改" for change_budget; a permission of the project's own keeps its name."""
    model = permission.content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    if model is None or action not in ACTIONS or model_name != model._meta.model_name:
        return str(permission)
    instance_type = getattr(model, "instance_type", None)  # simple-history's record of a model
    owner = instance_type and instance_type._meta.auto_created  # …or of a many-to-many field's links
    if owner:
        field = next(field for field in owner._meta.many_to_many if field.remote_field.through is instance_type)
        name = f"{owner._meta.verbose_name}的{field.verbose_name}历史记录"
    elif instance_type:
        name = f"{instance_type._meta.verbose_name}的历史记录"
    else:
        name = model._meta.verbose_name
    return f"{model._meta.app_config.verbose_name} | {name} | 可{ACTIONS[action]}"


class PermissionChoices(forms.ModelMultipleChoiceField):
    """Permissions to choose, each named by permission_label."""

    def label_from_instance(self, obj):
        return permission_label(obj)


class ChinesePermissions(admin.ModelAdmin):
    """The permissions' choices and the deletion pages of users and groups in Chinese; before the user's or group's
    admin in its bases."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "user_permissions" or db_field.name == "permissions":
            kwargs["form_class"] = PermissionChoices
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_deleted_objects(self, objs, request):
        """Without the rows that only link the object to its permissions or groups ("Group_permissions object
        (4)"): they go with it, and name nothing a person would recognise."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [model._meta for model in (Group.permissions.through, User.groups.through,
                                           User.user_permissions.through)]
        prefixes = tuple(f"{capfirst(opts.verbose_name)}: " for opts in links)

        def without_links(items):
            return [without_links(item) if isinstance(item, list) else item
                    for item in items if isinstance(item, list) or not str(item).startswith(prefixes)]

        plural = {str(capfirst(opts.verbose_name_plural)) for opts in links}
        counts = {name: count for name, count in counts.items() if str(capfirst(name)) not in plural}
        return without_links(deleted), counts, perms_needed, protected


admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class ChineseGroupAdmin(ChinesePermissions, GroupAdmin):
    pass


@admin.register(User)
class ChineseUserAdmin(YesNoColumns, ChinesePermissions, UserAdmin):
    pass


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class ChineseAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description="状态")
    def status(self, obj):
        return super().status(obj)


admin.site.unregister(AccessFailureLog)


@admin.register(AccessFailureLog)
class ChineseAccessFailureLogAdmin(YesNoColumns, AccessFailureLogAdmin):
    pass
