"""The budget entry workbook (预算填报模板): its sheets and columns, and the workbook itself, blank or filled with a
budget's data (the import reads the same layout back: budget/exchange/imports.py)."""

import io

from budget.exchange import exports

LINES = "预算明细"
PROJECTS = "项目"
INDICATORS = "绩效指标"
PROCUREMENT = "政府采购"
ASSETS = "国有资产"

AMOUNT = "金额（元）"
SHEETS = {
    LINES: ["单位编码", "功能分类科目编码", "经济分类科目编码", "支出类型", "资金来源", "是否上年结转", "项目编码", AMOUNT],
    PROJECTS: ["项目编码", "项目名称", "资金用途", "绩效目标", "是否专项资金", "3月底", "6月底", "10月底", "12月底"],
    INDICATORS: ["项目编码", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
    PROCUREMENT: ["单位编码", "项目编码", "采购物品名称", "政府采购目录序号", "计量单位", "数量", "单价（元）", "资金来源",
                  "是否上年结转", AMOUNT, "预留中小微企业份额（元）"],
    ASSETS: ["项目", "数量", "价值（元）"],
}
OPTIONAL = {PROJECTS: ["简称", "支出说明排序"]}  # written by our export; a bureau's template may lack them


def _yes_no(flag):
    return "是" if flag else "否"


def _money(amount):
    return f"{amount:.2f}"


def _unit_code(unit, department_code):
    """A unit's code, or "" for the department itself."""
    return "" if unit is None or unit.code == department_code else unit.code


def rows(budget):
    """The workbook's rows, sheet by sheet, for a budget (or empty sheets for a blank template)."""
    rows: dict[str, list[list[str]]] = {name: [] for name in SHEETS}
    if budget is None:
        return rows
    department_code = budget.department.code
    for line in budget.lines.select_related("unit", "function_subject", "economic_subject", "project"):
        rows[LINES].append([
            _unit_code(line.unit, department_code),
            line.function_subject.code, line.economic_subject.code, line.get_kind_display(),
            line.get_source_display(), _yes_no(line.is_carryover), line.project.code if line.project else "",
            _money(line.amount),
        ])
    projects = budget.projects.order_by("position", "code").prefetch_related("indicators")
    for project in projects:
        rows[PROJECTS].append([
            project.code, project.name, project.purpose, project.goal, _yes_no(project.is_special_fund),
            *("" if percent is None else str(percent) for percent in project.spending_plan),
            project.short_name, str(project.summary_position),
        ])
        for indicator in project.indicators.all():  # prefetched, in the model's order (position, pk)
            rows[INDICATORS].append([
                project.code, indicator.get_level1_display(), indicator.get_level2_display(), indicator.name,
                indicator.description, indicator.target, indicator.get_target_basis_display(),
            ])
    for item in budget.procurement_items.select_related("unit", "project"):
        rows[PROCUREMENT].append([
            _unit_code(item.unit, department_code), item.project.code if item.project else "", item.item_name, item.catalog_code,
            item.measure_unit, f"{item.quantity.normalize():f}", _money(item.unit_price), item.get_source_display(),
            _yes_no(item.is_carryover), _money(item.amount), _money(item.sme_reserved),
        ])
    for holding in budget.asset_holdings.all():
        rows[ASSETS].append([
            holding.get_category_display().strip(),
            "" if holding.quantity is None else f"{holding.quantity.normalize():f}", _money(holding.value),
        ])
    return rows


def workbook(budget=None):
    """The entry workbook as .xlsx bytes: blank (a template) or filled with a budget's data."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)  # streams rows: 10,000 lines in well under a second
    for name, data in rows(budget).items():
        sheet = workbook.create_sheet(name)
        columns = SHEETS[name] + OPTIONAL.get(name, [])
        for index in range(len(columns)):
            sheet.column_dimensions[chr(ord("A") + index)].width = 18
        sheet.freeze_panes = "A2"
        header = []
        for title in columns:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in data:
            sheet.append([_text_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text_cell(sheet, value):
    """A cell that is text whatever it looks like: codes keep leading zeros, amounts their two decimals,
    and a text starting with "=" stays text instead of becoming a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    exports.put_text(cell, value)
    return cell
