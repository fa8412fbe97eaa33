import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from budget.samples import demo


class Command(BaseCommand):
    help = (
        "载入演示数据：鹿泉区委网信委（部门编码224）2024年部门预算（已公开）及演示登录账号。重复运行不会改动已有数据。"
        "DEBUG 关闭时，新建的演示账号使用随机密码，只在本次输出中显示一次。"
    )

    def handle(self, **options):
        existing = set(get_user_model().objects.filter(username__in=demo.DEMO_USERS).values_list("username", flat=True))
        # With DEBUG off the site may be reachable by anyone: the README's password would open its superuser.
        passwords = None if settings.DEBUG else {username: secrets.token_urlsafe(12) for username in demo.DEMO_USERS}
        if demo.load(passwords):
            self.stdout.write(f"已载入演示预算：/budgets/{demo.YEAR}/{demo.DEPARTMENT['code']}/")
        else:
            self.stdout.write("演示预算已存在，未作任何更改。")
        if passwords is not None:
            self.stdout.write("DEBUG 已关闭：新建的演示账号使用随机密码，只显示这一次，请妥善保存。")
        self.stdout.write("管理后台 /admin/ 演示账号：")
        for username, (_, _, description) in demo.DEMO_USERS.items():
            if username in existing:
                password = "账号已存在，密码未改动"
            else:
                password = f"密码 {demo.DEMO_PASSWORD if passwords is None else passwords[username]}"
            self.stdout.write(f"  {username}：{description}（{password}）")
