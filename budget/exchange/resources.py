"""django-import-export resources: the admin's export of line items, in the entry workbook's columns."""

from import_export import fields, resources

from budget.models import BudgetLine


class BudgetLineResource(resources.ModelResource):
    """A line item with its codes and Chinese choice labels, as the 预算明细 sheet has them."""

    department = fields.Field(attribute="budget__department__code", column_name="部门编码")
    year = fields.Field(attribute="budget__year", column_name="预算年度")
    unit = fields.Field(attribute="unit__code", column_name="单位编码")
    function_code = fields.Field(attribute="function_subject__code", column_name="功能分类科目编码")
    economic_code = fields.Field(attribute="economic_subject__code", column_name="经济分类科目编码")
    kind = fields.Field(attribute="get_kind_display", column_name="支出类型")
    source = fields.Field(attribute="get_source_display", column_name="资金来源")
    carryover = fields.Field(column_name="是否上年结转")
    project = fields.Field(attribute="project__code", column_name="项目编码")
    amount = fields.Field(attribute="amount", column_name="金额（元）")

    class Meta:
        model = BudgetLine
        fields = export_order = ("department", "year", "unit", "function_code", "economic_code", "kind", "source",
                                 "carryover", "project", "amount")

    def dehydrate_carryover(self, line: BudgetLine) -> str:
        return "是" if line.is_carryover else "否"
