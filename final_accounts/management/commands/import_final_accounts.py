from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budget import access
from budget.exchange import spreadsheet
from departments.models import Department
from final_accounts import exchange


class Command(BaseCommand):
    help = ("从决算填报模板（XLSX 工作簿）或支出明细 CSV 导入一个部门某年度的部门决算，替换其草稿数据；该部门该年度还没有决算时"
            "建立一个草稿。有任何错误则不作任何更改。")

    def add_arguments(self, parser):
        parser.add_argument("department_code", help="部门编码")
        parser.add_argument("year", type=int, help="决算年度")
        parser.add_argument("file", help="XLSX 工作簿或 CSV 文件")

    def handle(self, department_code, year, file, **options):
        department = Department.objects.filter(code=department_code).first()
        if department is None:
            raise CommandError(f"没有编码为“{department_code}”的部门或单位，请先导入部门（manage.py import_departments）。")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        accounts = exchange.accounts_for(department, year)
        is_new = accounts.pk is None
        try:
            spreadsheet.check_size(path.stat().st_size)  # before reading the file into memory
            parsed = exchange.import_final_accounts(accounts, path.name, path.read_bytes(), access.COMMAND_LINE)
        except ValidationError as error:
            raise CommandError("未导入，数据库未作任何更改：\n" + "\n".join(error.messages)) from error
        started = "建立草稿并" if is_new else ""
        self.stdout.write(f"已{started}导入{accounts}：{parsed.summary()}。")
