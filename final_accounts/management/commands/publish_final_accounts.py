from django.core.management.base import BaseCommand, CommandError

from budget.management.commands._common import actor, to_publish
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
        publisher = actor(user)
        failures = []
        for accounts in to_publish(FinalAccounts.objects, department_code, accounts_year, year, all_approved, "决算"):
            try:
                version = publication.finish(workflow.publish(accounts, publisher, reason))
            except WorkflowError as error:
                failures.append(f"{accounts}：{error}")
                continue
            if version.state == PublishedVersion.State.PUBLIC:
                self.stdout.write(f"已公开：{accounts}（第{version.number}版），PDF SHA-256 {version.pdf_sha256}")
            else:
                failures.append(f"{accounts}：PDF生成失败：{version.render_error}")
        if failures:
            raise CommandError(f"{len(failures)}个决算未公开：" + "；".join(failures))
