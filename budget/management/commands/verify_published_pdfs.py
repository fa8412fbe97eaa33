from django.core.management.base import BaseCommand, CommandError

from budget.models import PublishedVersion


class Command(BaseCommand):
    help = "核对每个已公开版本的PDF：存储中是否还在、是否与公开时的SHA-256一致（如恢复备份之后）。"

    def handle(self, **options):
        versions = PublishedVersion.objects.select_related("budget__department").order_by("pk")
        problems = [f"{version}：{version.pdf.name}：{problem}"
                    for version in versions.iterator() if (problem := version.pdf_problem())]
        if problems:
            raise CommandError("以下PDF有问题：\n" + "\n".join(problems))
        self.stdout.write(f"全部{versions.count()}个已公开PDF都在，且与公开时一致。")
