from django.core.management.base import BaseCommand

from budget.management.commands._common import department, import_file
from final_accounts import exchange


class Command(BaseCommand):
    help = ("从决算填报模板（XLSX 工作簿）或支出明细 CSV 导入一个部门某年度的部门决算，替换其草稿数据；该部门该年度还没有决算时"
            "建立一个草稿。有任何错误则不作任何更改。")

    def add_arguments(self, parser):
        parser.add_argument("department_code", help="部门编码")
        parser.add_argument("year", type=int, help="决算年度")
        parser.add_argument("file", help="XLSX 工作簿或 CSV 文件")

    def handle(self, department_code, year, file, **options):
        import_file(self.stdout, exchange.accounts_for(department(department_code), year), file, exchange.import_final_accounts)
