from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from budget import access, workflow
from budget.models import Budget


class Command(BaseCommand):
    help = "公开一个已审核通过的部门预算（与管理后台相同的规则）；更正已公开的预算时须用 --reason 说明原因。"

    def add_arguments(self, parser):
        parser.add_argument("department_code", help="部门编码")
        parser.add_argument("year", type=int, help="预算年度")
        parser.add_argument("--reason", default="", help="更正原因（更正已公开的预算时必填）")
        parser.add_argument("--user", help="以此用户的名义公开（须有公开权限）；省略时记为命令行操作")

    def handle(self, department_code, year, reason, user, **options):
        budget = Budget.objects.filter(department__code=department_code, year=year).first()
        if budget is None:
            raise CommandError(f"没有部门{department_code}的{year}年预算。")
        actor = access.COMMAND_LINE
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"没有用户“{user}”。")
        try:
            version = workflow.publish(budget, actor, reason)
        except workflow.WorkflowError as error:
            raise CommandError(f"未公开：{error}") from error
        self.stdout.write(f"已公开：{budget}（第{version.number}版），PDF SHA-256 {version.pdf_sha256}")
