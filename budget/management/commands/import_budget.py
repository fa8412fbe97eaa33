from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budget import access
from budget.exchange import imports, spreadsheet
from budget.models import Budget


class Command(BaseCommand):
    help = "从预算填报模板（XLSX 工作簿）或预算明细 CSV 导入一个部门某年度的预算，替换其草稿数据；有任何错误则不作任何更改。"

    def add_arguments(self, parser):
        parser.add_argument("department_code", help="部门编码")
        parser.add_argument("year", type=int, help="预算年度")
        parser.add_argument("file", help="XLSX 工作簿或 CSV 文件")

    def handle(self, department_code, year, file, **options):
        budget = Budget.objects.select_related("department").filter(department__code=department_code, year=year).first()
        if budget is None:
            raise CommandError(f"没有部门{department_code}的{year}年预算，请先在管理后台建立。")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            spreadsheet.check_size(path.stat().st_size)
            parsed = imports.import_budget(budget, path.name, path.read_bytes(), access.COMMAND_LINE)
        except ValidationError as error:
            raise CommandError("未导入，数据库未作任何更改：\n" + "\n".join(error.messages)) from error
        self.stdout.write(
            f"已导入{budget}：预算明细{len(parsed.lines)}行，项目{len(parsed.projects)}个，绩效指标{len(parsed.indicators)}个，"
            f"政府采购{len(parsed.purchases)}项，国有资产{len(parsed.holdings)}项。"
        )
