"""The budget entry workbook (预算填报模板): its sheets and columns, the closed lists its dropdowns offer, its
example rows, and the workbook itself, blank for a year or filled with a budget's data (the import reads the
same layout back: budget/exchange/imports.py). The 绩效指标 sheet is performance's (performance/workbook.py).

Beside the five data sheets the workbook carries what someone who has never seen it needs: an instructions
sheet (说明) first, the year's codes with their parents (科目编码), and a hidden sheet of the closed lists
(选项). Every closed-list column validates against a named range of 选项 (a dropdown that refuses other
values); 二级指标 against the range named after the row's 一级指标 (INDIRECT), the code columns against the
code sheet. Each data sheet's row 2 is an example, marked in its last column: the import ignores it while it
is unchanged and refuses it, saying why, once edited (imports.drop_examples).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from budget.builders import codes
from budget.exchange import exports, spreadsheet
from budget.exchange.data_sheets import labels, one_of
from budget.models import AssetHolding, EconomicSubject, ExpenditureKind, FunctionSubject, FundingSource, Subject
from departments.models import Department
from performance import workbook as indicator_sheet
from performance.workbook import BY_LEVEL1, INDICATORS

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from budget.models import Budget

CodeRow = tuple[str, str, str]  # (code, name, path from its 类 down)

INSTRUCTIONS = "说明"
LINES = "预算明细"
PROJECTS = "项目"
PROCUREMENT = "政府采购"
ASSETS = "国有资产"
CODES = "科目编码"
CHOICES = "选项"

AMOUNT = "金额（元）"
SHEETS = {
    LINES: ["单位编码", "功能分类科目编码", "经济分类科目编码", "支出类型", "资金来源", "是否上年结转", "项目编码", AMOUNT],
    PROJECTS: ["项目编码", "项目名称", "资金用途", "绩效目标", "是否专项资金", "3月底", "6月底", "10月底", "12月底"],
    INDICATORS: indicator_sheet.COLUMNS,
    PROCUREMENT: ["单位编码", "项目编码", "采购物品名称", "政府采购目录序号", "计量单位", "数量", "单价（元）", "资金来源",
                  "是否上年结转", AMOUNT, "预留中小微企业份额（元）"],
    ASSETS: ["项目", "数量", "价值（元）"],
}
OPTIONAL = {PROJECTS: ["简称", "支出说明排序"]}  # written by our export; a bureau's template may lack them
NOTE = "备注（不导入）"  # every sheet's last column: free notes, and the example row's mark
EXAMPLE_MARK = "示例行：原样保留时导入会忽略，也可删除"


def columns(sheet: str) -> list[str]:
    """A data sheet's columns as written: the required ones, the optional ones, the note."""
    return SHEETS[sheet] + OPTIONAL.get(sheet, []) + [NOTE]


# ------------------------------------------------------------------------------------------------ closed lists


KINDS = labels(ExpenditureKind.choices)
SOURCES = labels(FundingSource.choices)
ASSET_CATEGORIES = labels(AssetHolding.Category.choices)
YES_NO = {"是": True, "否": False}

UNIT_CODES = "单位编码"  # the names of the lists (defined names of the workbook)
FUNCTION_CODES = "功能分类科目"
ECONOMIC_CODES = "经济分类科目"
FIXED_LISTS = {
    "支出类型": list(KINDS), "资金来源": list(SOURCES), "是否": list(YES_NO), **indicator_sheet.LISTS,
    "国有资产项目": list(ASSET_CATEGORIES),
}
VALIDATED = {  # sheet → column → the list its cells must come from
    LINES: {"单位编码": UNIT_CODES, "功能分类科目编码": FUNCTION_CODES, "经济分类科目编码": ECONOMIC_CODES,
            "支出类型": "支出类型", "资金来源": "资金来源", "是否上年结转": "是否"},
    PROJECTS: {"是否专项资金": "是否"},
    INDICATORS: indicator_sheet.VALIDATED,
    PROCUREMENT: {"单位编码": UNIT_CODES, "资金来源": "资金来源", "是否上年结转": "是否"},
    ASSETS: {"项目": "国有资产项目"},
}
TEXT_COLUMNS = {"单位编码", "功能分类科目编码", "经济分类科目编码", "项目编码", "政府采购目录序号"}  # keep leading zeros
FIRST_DATA_ROW = 2  # under the header; the example row
LAST_VALIDATED_ROW = spreadsheet.MAX_ROWS + FIRST_DATA_ROW  # the import's own limit


# ------------------------------------------------------------------------------------------------ guidance


HELP = {  # sheet → column → how to fill it, for the 说明 sheet and the cell's input message (at most 255 characters)
    LINES: {
        "单位编码": "花这笔钱的所属单位的编码；部门本身的支出留空（或填部门编码）。",
        "功能分类科目编码": "必填。支出功能分类科目，填到项（7位编码），须是「科目编码」表中本年度的编码。",
        "经济分类科目编码": "必填。支出经济分类科目，填到款（5位编码），须是「科目编码」表中本年度的编码。",
        "支出类型": f"必填，从下拉列表选择：{one_of(KINDS)}。",
        "资金来源": f"必填，从下拉列表选择：{one_of(SOURCES)}。",
        "是否上年结转": "是或否：用上年结转（结余）资金安排的支出选“是”；留空视为“否”。",
        "项目编码": "支出类型为项目支出时必填，须是「项目」表中的项目编码；其他支出类型留空。",
        AMOUNT: "必填。金额，单位元（不是万元），大于零，最多两位小数，如 12000.00。",
    },
    PROJECTS: {
        "项目编码": "必填，本预算内不重复（如项目库中的编码）。「预算明细」「绩效指标」「政府采购」用它指向本项目。",
        "项目名称": "必填，最多200字。",
        "资金用途": "项目资金的主要用途（文字）。",
        "绩效目标": "项目的年度绩效目标（文字）。",
        "是否专项资金": "是或否：是否部门主管专项资金（列入“部门主管专项资金预算安排情况”）；留空视为“否”。",
        "3月底": "资金支出计划：截至3月底累计支出占项目金额的百分比，0到100的整数。",
        "6月底": "截至6月底累计支出的百分比，0到100的整数，不小于3月底。",
        "10月底": "截至10月底累计支出的百分比，0到100的整数，不小于6月底。",
        "12月底": "截至12月底累计支出的百分比，一般为100。",
        "简称": "可不填。支出说明中列举项目时用的简称，不填则用项目名称。",
        "支出说明排序": "可不填。整数，支出说明中列举项目的顺序。",
    },
    INDICATORS: indicator_sheet.HELP,
    PROCUREMENT: {
        "单位编码": "采购单位的编码；部门本身留空（或填部门编码）。",
        "项目编码": "属于某个项目时填「项目」表中的项目编码，否则留空。",
        "采购物品名称": "必填，如“台式计算机”。",
        "政府采购目录序号": "必填，政府采购品目分类目录中的编码，如 A02010104。",
        "计量单位": "必填，如 台、项、万元。",
        "数量": "必填，大于零，最多两位小数。",
        "单价（元）": "必填，单位元，大于零。",
        "资金来源": f"必填，从下拉列表选择：{one_of(SOURCES)}。",
        "是否上年结转": "是或否；留空视为“否”。",
        AMOUNT: "必填，政府采购金额，单位元，大于零。",
        "预留中小微企业份额（元）": "可不填（即0），单位元，不大于金额。",
    },
    ASSETS: {
        "项目": f"必填，从下拉列表选择：{one_of(ASSET_CATEGORIES)}；每项一行。",
        "数量": "可不填。上年末的数量（面积、台数等）。",
        "价值（元）": "上年末的账面价值，单位元；不填即为0。",
    },
}
NOTE_HELP = "不导入，可写备注。示例行在这一列标明“示例行”。"


def help_text(sheet: str, column: str) -> str:
    return HELP[sheet].get(column, NOTE_HELP)

EXAMPLES = {  # one example row per data sheet, under the header: what a filled row looks like
    LINES: {"单位编码": "", "功能分类科目编码": "2010101", "经济分类科目编码": "30201", "支出类型": "基本支出",
            "资金来源": "一般公共预算拨款", "是否上年结转": "否", "项目编码": "", AMOUNT: "12000.00"},
    PROJECTS: {"项目编码": "SL-001", "项目名称": "示例：网络安全宣传经费", "资金用途": "开展网络安全宣传周等宣传活动。",
               "绩效目标": "全年开展宣传活动不少于4次，提升群众网络安全意识。", "是否专项资金": "否",
               "3月底": "25", "6月底": "50", "10月底": "80", "12月底": "100", "简称": "网络安全宣传", "支出说明排序": "1"},
    INDICATORS: indicator_sheet.EXAMPLE,
    PROCUREMENT: {"单位编码": "", "项目编码": "SL-001", "采购物品名称": "台式计算机", "政府采购目录序号": "A02010104",
                  "计量单位": "台", "数量": "2", "单价（元）": "5000.00", "资金来源": "一般公共预算拨款",
                  "是否上年结转": "否", AMOUNT: "10000.00", "预留中小微企业份额（元）": "10000.00"},
    ASSETS: {"项目": "车辆（台、辆）", "数量": "1", "价值（元）": "180000.00"},
}


# ------------------------------------------------------------------------------------------------ data


def _yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _unit_code(unit: Department | None, department_code: str) -> str:
    """A unit's code, or "" for the department itself."""
    return "" if unit is None or unit.code == department_code else unit.code


def rows(budget: Budget | None) -> dict[str, list[list[str]]]:
    """The workbook's data rows, sheet by sheet, for a budget (or empty sheets for a blank template)."""
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
    projects = list(budget.projects.order_by("position", "code").prefetch_related("indicators"))
    for project in projects:
        rows[PROJECTS].append([
            project.code, project.name, project.purpose, project.goal, _yes_no(project.is_special_fund),
            *("" if percent is None else str(percent) for percent in project.spending_plan),
            project.short_name, str(project.summary_position),
        ])
    rows[INDICATORS] = indicator_sheet.rows(projects)
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


def years_with_lists() -> list[int]:
    """The years whose 功能分类 and 经济分类 lists are both loaded, newest first."""
    function_years = set(FunctionSubject.objects.values_list("year", flat=True).distinct())
    economic_years = set(EconomicSubject.objects.values_list("year", flat=True).distinct())
    return sorted(function_years & economic_years, reverse=True)


def code_rows(model: type[Subject], year: int, lengths: Sequence[int]) -> list[CodeRow]:
    """The year's leaf codes of a list (codes of the last of `lengths`): (code, name, path from its 类 down, e.g.
    "201 一般公共服务支出 › 20133 宣传事务 › 2013301 行政运行"); a parent missing from the list shows as its code alone."""
    names = dict(model._default_manager.filter(year=year).values_list("code", "name"))
    return [
        (code, name, " › ".join(f"{code[:length]} {names.get(code[:length], '')}".strip() for length in lengths))
        for code, name in sorted(names.items()) if len(code) == lengths[-1]
    ]


# ------------------------------------------------------------------------------------------------ the workbook


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
READ_ONLY_FILL = PatternFill("solid", fgColor="EDEDED")  # a column read from the system, not imported
EXAMPLE_FONT = Font(italic=True, color="808080")
TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")


def workbook(budget: Budget | None = None, year: int | None = None) -> bytes:
    """The entry workbook as .xlsx bytes: filled with a budget's data, or blank with the codes of `year` (by
    default the newest year whose lists are loaded)."""
    if budget is not None:
        year = budget.year
    elif year is None:
        year = next(iter(years_with_lists()), None)
    function_codes = code_rows(FunctionSubject, year, codes.FUNCTION_LENGTHS) if year else []
    economic_codes = code_rows(EconomicSubject, year, codes.ECONOMIC_LENGTHS) if year else []
    units = _unit_codes(budget.department) if budget is not None else []

    book = Workbook(write_only=True)  # streams rows: memory stays flat whatever the number of lines
    write_instructions(book.create_sheet(INSTRUCTIONS), _instructions(budget, year, units))
    data_sheets = [book.create_sheet(name) for name in SHEETS]
    _write_codes(book, book.create_sheet(CODES), year, function_codes, economic_codes)
    lists = {**FIXED_LISTS, UNIT_CODES: units}
    write_choices(book, book.create_sheet(CHOICES), lists)
    named = {**lists, FUNCTION_CODES: function_codes, ECONOMIC_CODES: economic_codes}
    available = {name for name, values in named.items() if values}  # the lists the workbook defines a name for
    for sheet, data in zip(data_sheets, rows(budget).values(), strict=True):
        _write_data_sheet(sheet, data, available)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _unit_codes(department: Department) -> list[str]:
    """The codes a 单位编码 cell may hold: the department's and its units'."""
    return [department.code, *Department.objects.filter(parent=department).order_by("code").values_list("code", flat=True)]


def text_cell(
    sheet: WriteOnlyWorksheet, value: str, font: Font | None = None, fill: PatternFill | None = None,
    alignment: Alignment | None = None,
) -> WriteOnlyCell:
    """A text cell (codes keep leading zeros, amounts their two decimals, and a text starting with "=" stays text)."""
    cell = WriteOnlyCell(sheet)
    exports.put_text(cell, value)
    for name, style in (("font", font), ("fill", fill), ("alignment", alignment)):
        if style is not None:
            setattr(cell, name, style)
    return cell


def header_row(
    sheet: WriteOnlyWorksheet, titles: Sequence[str], widths: Iterable[float], read_only: Collection[str] = (),
) -> None:
    """The columns' widths and titles, frozen above the rows; the read-only columns' titles greyed."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, title, HEADER_FONT, READ_ONLY_FILL if title in read_only else HEADER_FILL)
                  for title in titles])


def _write_data_sheet(sheet: WriteOnlyWorksheet, data: list[list[str]], available: set[str]) -> None:
    name = sheet.title
    titles = columns(name)
    for index, title in enumerate(titles, start=1):
        if title in TEXT_COLUMNS:  # a code typed into the column stays text, as the code lists hold it
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"
    header_row(sheet, titles, [30 if title == NOTE else 18 for title in titles])
    example = EXAMPLES[name]
    sheet.append([text_cell(sheet, example.get(title, ""), EXAMPLE_FONT) for title in titles[:-1]]
                 + [text_cell(sheet, EXAMPLE_MARK, EXAMPLE_FONT)])
    for row in data:
        sheet.append([text_cell(sheet, value) for value in row])
    for column, list_name in VALIDATED[name].items():
        letter = get_column_letter(titles.index(column) + 1)
        if list_name == BY_LEVEL1:
            level1 = get_column_letter(titles.index("一级指标") + 1)
            formula = f"INDIRECT(${level1}{FIRST_DATA_ROW})"
        elif list_name in available:
            formula = list_name
        else:
            continue  # a blank template names no department's units; a year without lists has no codes
        validation = guidance(column, help_text(name, column), ("不是可选的值", _refusal(list_name)),
                              type="list", formula1=formula)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_VALIDATED_ROW}")
        sheet.data_validations.append(validation)


def guidance(title: str, prompt: str, refusal: tuple[str, str] | None = None, **rule: str) -> DataValidation:
    """A column's input message (how to fill it, shown when a cell is selected); with a rule (type="list",
    formula1=…), its cells refuse other values with the refusal's title and text."""
    error_title, error = refusal or (None, None)
    return DataValidation(
        **rule, allow_blank=True, showDropDown=False,  # False shows the arrow (sic)
        showInputMessage=True, promptTitle=title[:32], prompt=prompt[:255],
        showErrorMessage=bool(rule), errorTitle=error_title, error=error,
    )


def _refusal(list_name: str) -> str:
    if list_name in (FUNCTION_CODES, ECONOMIC_CODES):
        return f"请填写「{CODES}」表中本年度的{list_name}编码。"
    if list_name == BY_LEVEL1:
        return "请先选一级指标，再从下拉列表选择属于它的二级指标。"
    return "请从下拉列表中选择。"


def _write_codes(
    book: Workbook, sheet: WriteOnlyWorksheet, year: int | None, function_codes: list[CodeRow],
    economic_codes: list[CodeRow],
) -> None:
    """The year's 功能分类 项 (columns A–C) and 经济分类 款 (E–G), each with its path, the code columns named."""
    year_text = f"{year}年" if year else ""
    header_row(sheet, [f"{year_text}功能分类科目编码（项）", "科目名称", "类 › 款 › 项", "",
                       f"{year_text}经济分类科目编码（款）", "科目名称", "类 › 款"], [14, 24, 60, 3, 14, 24, 40])
    for index in range(max(len(function_codes), len(economic_codes))):
        left = function_codes[index] if index < len(function_codes) else ("", "", "")
        right = economic_codes[index] if index < len(economic_codes) else ("", "", "")
        sheet.append([text_cell(sheet, value) if value else None for value in (*left, "", *right)])
    if not function_codes and not economic_codes:
        sheet.append([text_cell(sheet, f"{year_text}的功能分类、经济分类科目表尚未导入：请系统管理员先导入，再下载本模板。")])
    for name, letter, count in ((FUNCTION_CODES, "A", len(function_codes)), (ECONOMIC_CODES, "E", len(economic_codes))):
        if count:
            _define(book, name, sheet.title, letter, count)
    sheet.protection.sheet = True  # a list to look codes up in, not to edit (unprotect it in Excel if need be)


def write_choices(book: Workbook, sheet: WriteOnlyWorksheet, lists: dict[str, list[str]]) -> None:
    """The closed lists, one column each, each a defined name the dropdowns refer to; the sheet is hidden."""
    lists = {name: values for name, values in lists.items() if values}
    sheet.sheet_state = "hidden"
    sheet.append([text_cell(sheet, name) for name in lists])
    for index in range(max(len(values) for values in lists.values())):
        sheet.append([text_cell(sheet, values[index]) if index < len(values) else None for values in lists.values()])
    for number, (name, values) in enumerate(lists.items(), start=1):
        _define(book, name, sheet.title, get_column_letter(number), len(values))
    sheet.protection.sheet = True


def _define(book: Workbook, name: str, sheet_title: str, letter: str, count: int) -> None:
    """A defined name for rows 2 to count + 1 of a column."""
    reference = f"{quote_sheetname(sheet_title)}!${letter}$2:${letter}${count + 1}"
    book.defined_names[name] = DefinedName(name, attr_text=reference)


def write_instructions(sheet: WriteOnlyWorksheet, lines: Iterable[tuple[str, ...]]) -> None:
    """An instructions sheet (说明) of rows (kind: "title", "heading" or "text"; then the texts of columns A, B, C …)."""
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 90
    for kind, *texts in lines:
        font = {"title": TITLE_FONT, "heading": HEADING_FONT}.get(kind)
        cells = [text_cell(sheet, text, font, alignment=WRAPPED) if text else None for text in texts]
        sheet.append(cells)


def _instructions(budget: Budget | None, year: int | None, units: list[str]) -> list[tuple[str, ...]]:
    """The 说明 sheet's rows (kind, text of column A, B, C …): what the workbook is for, the order to fill it in, each
    column, and what the import refuses."""
    year_text = f"{year}年" if year else "（尚无科目表的年度）"
    if budget is not None:
        about = f"本工作簿是“{budget.title}”的填报数据（导出时状态：{budget.get_status_display()}），科目为{year_text}。"
        unit_text = f"本部门及所属单位的编码：{one_of(units)}。"
    else:
        about = f"本工作簿是空白的预算填报模板，「{CODES}」表中是{year_text}的科目；填报其他年度请在导入页面下载该年度的模板。"
        unit_text = "单位编码是部门或所属单位在系统中的编码（如 224、224001）；部门本身的支出可以留空。"
    rows: list[tuple[str, ...]] = [
        ("title", "预算填报模板 使用说明"),
        ("text", about),
        ("text", ""),
        ("heading", "一、这个工作簿做什么"),
        ("text", "用它填写一个部门一个年度的部门预算，再在管理后台导入。每一笔支出在「预算明细」中填一行（科目、支出类型、资金来源、金额）；"
                 "九张公开表、各项合计和说明中的数字都由明细自动计算，不需要也不能另外填写合计或万元数。"),
        ("text", ""),
        ("heading", "二、填写顺序"),
        ("text", f"1. 「{PROJECTS}」：每个项目一行。项目编码在本预算内不能重复，其他表用它指向项目。"),
        ("text", f"2. 「{INDICATORS}」：每个项目的绩效指标，每个指标一行；每个项目须有产出指标、效益指标、满意度指标三类。"),
        ("text", f"3. 「{LINES}」：每笔支出一行。科目编码查「{CODES}」表；项目支出须填项目编码，其他支出类型不填。"),
        ("text", f"4. 「{PROCUREMENT}」：有政府采购时，每个采购品目一行；没有就空着。"),
        ("text", f"5. 「{ASSETS}」：上年末的固定资产占用情况，每类一行；没有就空着。"),
        ("text", "6. 保存为 .xlsx 文件，在管理后台导入：部门预算 → 从文件导入（新年度的预算会自动建立为草稿），或在本预算页面点“导入”。"
                 "系统先逐行检查并预览合计，确认后才写入；文件中有任何一处问题都不会写入，并列出问题所在的表、行、列。"),
        ("text", ""),
        ("heading", "三、下拉列表、科目编码和示例行"),
        ("text", "带下拉箭头的列只能从列表中选择（支出类型、资金来源、是/否、一级指标、二级指标、指标值确定依据、国有资产项目"
                 + ("、单位编码" if units else "") + "）；二级指标的列表随同一行的一级指标变化，请先选一级指标。"),
        ("text", f"科目编码须是「{CODES}」表中{year_text}的编码：功能分类填到项（7位），经济分类填到款（5位）。"
                 "该表列出每个编码的名称和所属的类、款（如“201 一般公共服务支出 › 20101 人大事务 › 2010101 行政运行”），可用查找（Ctrl+F）按名称找编码。"),
        ("text", f"每张表的第2行是示例（灰色斜体，「{NOTE}」列写着“示例行”）。原样保留时导入会忽略它，也可以删除；"
                 "请不要在示例行上改写自己的数据：改动过的示例行导入时会被拒绝。请从第3行起填写。"),
        ("text", unit_text),
        ("text", ""),
        ("heading", "四、注意"),
        ("text", "金额的单位是元（不是万元），最多两位小数，如 12000.00；只填数字，不要带“元”“万元”等文字。"),
        ("text", "不要改动表名和第一行的列名，不要合并单元格；可以增加行，空行会被跳过。"),
        ("text", f"导入会替换本预算已有的预算明细、项目、绩效指标、政府采购和国有资产（只含预算明细的 CSV 文件只替换预算明细）。"
                 f"{FILE_LIMITS}"),
        ("text", "只能导入草稿或已退回的预算；部门会计只能导入本部门（及所属单位）的预算。"),
        ("text", ""),
    ]
    return rows + column_guide("五、各表各列的填法", {name: columns(name) for name in SHEETS}, help_text)


FILE_LIMITS = f"一个文件最多{spreadsheet.MAX_ROWS:,}行数据、{spreadsheet.MAX_FILE_BYTES // 1024 // 1024}MB。"


def column_guide(
    heading: str, sheets: Mapping[str, Sequence[str]], help_text: Callable[[str, str], str]
) -> list[tuple[str, ...]]:
    """The instructions' rows saying how to fill each column of each sheet (sheet → its columns)."""
    return [("heading", heading), ("heading", "工作表", "列", "怎么填"),
            *(("text", sheet, column, help_text(sheet, column)) for sheet, titles in sheets.items() for column in titles)]
