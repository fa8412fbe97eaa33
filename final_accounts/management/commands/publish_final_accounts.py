from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from budget import access
from budget.workflow import WorkflowError
from final_accounts import publication, workflow
from final_accounts.models import FinalAccounts, PublishedVersion


class Command(BaseCommand):
    help = (
        "公开已审核通过的部门决算（与管理后台相同的规则）：一个部门（部门编码 年度），或 --year 年度 --all-approved "
        "公开该年度全部已审核的决算。等到PDF生成、决算已公开后才返回（没有运行中的任务进程时由本命令生成）。"
        "更正已公开的决算时须用 --reason 说明原因。"
    )

    def add_arguments(self, parser):
        parser.add_argument("department_code", nargs="?", help="部门编码")
        parser.add_argument("accounts_year", nargs="?", type=int, help="决算年度")
        parser.add_argument("--year", type=int, help="与 --all-approved 一起：公开该年度全部已审核的决算")
        parser.add_argument("--all-approved", action="store_true", help="公开 --year 年度全部已审核的决算")
        parser.add_argument("--reason", default="", help="更正原因（更正已公开的决算时必填）")
        parser.add_argument("--user", help="以此用户的名义公开（须有公开权限）；省略时记为命令行操作")

    def handle(self, department_code, accounts_year, year, all_approved, reason, user, **options):
        actor = self.actor(user)
        failures = []
        for accounts in self.final_accounts(department_code, accounts_year, year, all_approved):
            try:
                version = publication.finish(workflow.publish(accounts, actor, reason))
            except WorkflowError as error:
                failures.append(f"{accounts}：{error}")
                continue
            if version.state == PublishedVersion.State.PUBLIC:
                self.stdout.write(f"已公开：{accounts}（第{version.number}版），PDF SHA-256 {version.pdf_sha256}")
            else:
                failures.append(f"{accounts}：PDF生成失败：{version.render_error}")
        if failures:
            raise CommandError(f"{len(failures)}个决算未公开：" + "；".join(failures))

    def final_accounts(self, department_code, accounts_year, year, all_approved):
        if all_approved:
            if not year or department_code:
                raise CommandError("--all-approved 须与 --year 年度一起使用，不指定部门。")
            approved = FinalAccounts.objects.filter(year=year, status=FinalAccounts.Status.APPROVED)
            found = list(approved.order_by("department__code"))
            if not found:
                raise CommandError(f"{year}年没有已审核通过、待公开的决算。")
            return found
        if not (department_code and accounts_year):
            raise CommandError("请指定部门编码和年度，或用 --year 年度 --all-approved。")
        accounts = FinalAccounts.objects.filter(department__code=department_code, year=accounts_year).first()
        if accounts is None:
            raise CommandError(f"没有部门{department_code}的{accounts_year}年度决算。")
        return [accounts]

    def actor(self, username):
        if not username:
            return access.COMMAND_LINE
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"没有用户“{username}”。")
        return actor
