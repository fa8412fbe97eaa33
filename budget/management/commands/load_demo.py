from django.core.management.base import BaseCommand

from budget.samples import demo


class Command(BaseCommand):
    help = "载入演示数据：鹿泉区委网信委（部门编码224）2024年部门预算（已公开）及演示登录账号。重复运行不会改动已有数据。"

    def handle(self, **options):
        if demo.load():
            self.stdout.write(f"已载入演示预算：/budgets/{demo.YEAR}/{demo.DEPARTMENT['code']}/")
        else:
            self.stdout.write("演示预算已存在，未作任何更改。")
        self.stdout.write(f"管理后台 /admin/ 演示账号（密码均为 {demo.DEMO_PASSWORD}）：")
        for username, (_, _, description) in demo.DEMO_USERS.items():
            self.stdout.write(f"  {username}：{description}")
