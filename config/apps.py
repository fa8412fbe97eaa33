"""Other apps' configurations under Chinese names in the staff site, and the staff site itself (INSTALLED_APPS
names them)."""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes (login throttling): its labels are translated in locale/."""

    verbose_name = "登录限制"


class TasksConfig(TasksAppConfig):
    """The task queue (the PDFs' rendering): its results are not in the staff site (budget/admin/others.py), only
    its permissions are listed there."""

    verbose_name = "任务队列"


class AdminConfig(DjangoAdminConfig):
    """Django's admin, its default site the platform's staff site."""

    default_site = "config.admin_site.StaffSite"
