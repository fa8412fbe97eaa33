from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budget.exchange.departments import COLUMNS, import_departments


class Command(BaseCommand):
    help = f"导入部门和所属单位（CSV 或 XLSX，列：{'、'.join(COLUMNS)}）；有任何错误则不作任何更改。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV 或 XLSX 文件")

    def handle(self, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            added, updated = import_departments(path.name, path.read_bytes())
        except ValidationError as error:
            raise CommandError("未导入，数据库未作任何更改：\n" + "\n".join(error.messages)) from error
        self.stdout.write(f"部门：新增{added}个，更新{updated}个。")
