import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from budget.samples import demo
from final_accounts.samples import demo as final_accounts_demo


class Command(BaseCommand):
    help = (
        "载入演示数据：鹿泉区委网信委（部门编码224）2024年部门预算（已公开），上海市普陀区财政局2024年度部门决算（已公开）"
        "及演示登录账号。重复运行不会改动已有数据。"
        "DEBUG 关闭时，新建的演示账号使用随机密码，只在本次输出中显示一次。"
    )

    def handle(self, **options):
        logins = {**demo.DEMO_USERS, **final_accounts_demo.DEMO_USERS}
        existing = set(get_user_model().objects.filter(username__in=logins).values_list("username", flat=True))
        # With DEBUG off the site may be reachable by anyone: the README's password would open its superuser.
        passwords = None if settings.DEBUG else {username: secrets.token_urlsafe(12) for username in logins}
        if demo.load(passwords):
            self.stdout.write(f"已载入演示预算：/budgets/{demo.YEAR}/{demo.DEPARTMENT['code']}/")
        else:
            self.stdout.write("演示预算已存在，未作任何更改。")
        code = final_accounts_demo.putuo.DEPARTMENT["code"]
        if final_accounts_demo.load(passwords):
            self.stdout.write(f"已载入演示决算：/final-accounts/{final_accounts_demo.putuo.YEAR}/{code}/")
        else:
            self.stdout.write("演示决算已存在，未作任何更改。")
        if passwords is not None:
            self.stdout.write("DEBUG 已关闭：新建的演示账号使用随机密码，只显示这一次，请妥善保存。")
        self.stdout.write("管理后台 /admin/ 演示账号：")
        for username, (_, _, description) in logins.items():
            if username in existing:
                password = "账号已存在，密码未改动"
            else:
                password = f"密码 {demo.DEMO_PASSWORD if passwords is None else passwords[username]}"
            self.stdout.write(f"  {username}：{description}（{password}）")
