"""django-import-export resources: the admin's export of line items, in the entry workbook's columns, as CSV or
an Excel workbook whose text a spreadsheet never runs as a formula."""

from typing import Any

from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from openpyxl import Workbook

from budget.exchange import exports
from budget.models import BudgetLine


class BudgetLineResource(resources.ModelResource):
    """A line item with its codes and Chinese choice labels, as the 预算明细 sheet has them."""

    department = fields.Field(attribute="budget__department__code", column_name="部门编码")
    year = fields.Field(attribute="budget__year", column_name="预算年度", widget=widgets.IntegerWidget(False))
    unit = fields.Field(attribute="unit__code", column_name="单位编码")
    function_code = fields.Field(attribute="function_subject__code", column_name="功能分类科目编码")
    economic_code = fields.Field(attribute="economic_subject__code", column_name="经济分类科目编码")
    kind = fields.Field(attribute="get_kind_display", column_name="支出类型")
    source = fields.Field(attribute="get_source_display", column_name="资金来源")
    carryover = fields.Field(column_name="是否上年结转")
    project = fields.Field(attribute="project__code", column_name="项目编码")
    # Figures stay numbers (a workbook sums them); only text is neutralised.
    amount = fields.Field(attribute="amount", column_name="金额（元）", widget=widgets.DecimalWidget(False))

    class Meta:
        model = BudgetLine
        fields = export_order = ("department", "year", "unit", "function_code", "economic_code", "kind", "source",
                                 "carryover", "project", "amount")

    def dehydrate_carryover(self, line: BudgetLine) -> str:
        return "是" if line.is_carryover else "否"


# import-export's own neutralising (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) deletes the "=" and so changes the
# text: "=2+3" comes out "2+3". These formats keep it whole, inert as the public files' (exports.py).


class CSV(base_formats.CSV):
    """CSV with a BOM, text that starts like a formula behind an apostrophe (OWASP's CSV injection advice)."""

    def export_data(self, dataset: Any, **kwargs: Any) -> bytes:
        return exports.csv_bytes(dataset.headers, dataset)

    def is_binary(self) -> bool:
        return True  # bytes, encoded by csv_bytes: the admin must not encode them again


class XLSX(base_formats.XLSX):
    """One sheet, the header then the rows; text as string cells, quote-prefixed when it starts like a formula."""

    def export_data(self, dataset: Any, **kwargs: Any) -> bytes:
        book = Workbook()
        sheet = book.active
        for row_number, row in enumerate([dataset.headers, *dataset], start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row_number, column)
                if isinstance(value, str):
                    exports.put_text(cell, value)
                else:
                    cell.value = value
        return exports.xlsx_bytes(book, timezone.now())


FORMATS = [CSV, XLSX]


def filename(file_format: base_formats.Format) -> str:
    """预算明细（2024-06-30）.csv: what it holds and the day it was exported."""
    return f"预算明细（{timezone.localdate().isoformat()}）.{file_format.get_extension()}"
