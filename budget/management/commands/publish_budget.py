from django.core.management.base import BaseCommand, CommandError

from budget import publication, workflow
from budget.management.commands._common import actor, to_publish
from budget.models import Budget, PublishedVersion


class Command(BaseCommand):
    help = (
        "公开已审核通过的部门预算（与管理后台相同的规则）：一个部门（部门编码 年度），或 --year 年度 --all-approved "
        "公开该年度全部已审核的预算。默认等到PDF生成、预算已公开后才返回（没有运行中的任务进程时由本命令生成）；"
        "--no-wait 只提交公开。更正已公开的预算时须用 --reason 说明原因。"
    )

    def add_arguments(self, parser):
        parser.add_argument("department_code", nargs="?", help="部门编码")
        parser.add_argument("budget_year", nargs="?", type=int, help="预算年度")
        parser.add_argument("--year", type=int, help="与 --all-approved 一起：公开该年度全部已审核的预算")
        parser.add_argument("--all-approved", action="store_true", help="公开 --year 年度全部已审核的预算")
        parser.add_argument("--reason", default="", help="更正原因（更正已公开的预算时必填）")
        parser.add_argument("--user", help="以此用户的名义公开（须有公开权限）；省略时记为命令行操作")
        parser.add_argument("--no-wait", action="store_true", help="提交公开后立即返回，不等PDF生成")

    def handle(self, department_code, budget_year, year, all_approved, reason, user, no_wait, **options):
        budgets = to_publish(Budget.objects, department_code, budget_year, year, all_approved, "预算")
        batch, refused = workflow.publish_many(budgets, actor(user), reason)
        failures = [f"{budget}：{message}" for budget, message in refused]
        queued = len(budgets) - len(refused)
        if no_wait or not queued:
            self.stdout.write(f"已提交公开：{queued}个预算；PDF生成后即公开（审核看板可查看进度）。")
        else:
            try:
                versions = publication.run_until_done(batch, self.progress)
            except publication.Interrupted as stopped:
                self.report_public(stopped.versions)
                waiting = sum(version.state == PublishedVersion.State.RENDERING for version in stopped.versions)
                left = (f"{waiting}个预算的PDF仍在队列中，任务进程（db_worker）运行后即生成并公开" if waiting
                        else "没有待生成的PDF")
                raise CommandError(f"收到终止信号，已停止：{left}。") from None
            for version in self.report_public(versions):
                failures.append(f"{version.budget}：PDF生成失败：{version.render_error}")
        if failures:
            raise CommandError(f"{len(failures)}个预算未公开：" + "；".join(failures))

    def report_public(self, versions):
        """Print the versions made public; returns the others."""
        others = []
        for version in versions:
            if version.state == PublishedVersion.State.PUBLIC:
                self.stdout.write(f"已公开：{version.budget}（第{version.number}版），PDF SHA-256 {version.pdf_sha256}")
            else:
                others.append(version)
        return others

    def progress(self, versions):
        done = sum(version.state != PublishedVersion.State.RENDERING for version in versions)
        if len(versions) > 1:
            self.stdout.write(f"进度：{done}/{len(versions)}")
