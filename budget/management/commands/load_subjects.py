from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budget.exchange import subjects
from budget.models import EconomicSubject, FunctionSubject, Subject

MODELS: dict[str, type[Subject]] = {"function": FunctionSubject, "economic": EconomicSubject}


class Command(BaseCommand):
    help = "载入某一年度的功能分类或经济分类科目表（CSV 或 XLSX，列：code,name,level,parent_code）：新增科目、更新名称，不删除已有科目。"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(MODELS), help="function（功能分类）或 economic（经济分类）")
        parser.add_argument("--year", type=int, required=True, help="科目表适用的预算年度")
        parser.add_argument("file", help="CSV 或 XLSX 文件（项目自带的初始科目表在 budget/data/）")

    def handle(self, kind, year, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            rows = subjects.read_rows(path.name, path.read_bytes())
            added, renamed = subjects.load(MODELS[kind], kind, year, rows)
        except ValidationError as error:
            raise CommandError("科目表未载入，数据库未作任何更改：\n" + "\n".join(error.messages)) from error
        self.stdout.write(f"{year}年{'功能' if kind == 'function' else '经济'}分类科目：新增{added}个，更名{renamed}个。")
