"""The final accounts' entry workbook (决算填报模板) and its all-or-nothing import, with a CSV of actual lines.

The workbook follows the budget's (budget/exchange/entry_workbook.py), built from its parts: an instructions sheet
(说明), four data sheets (支出明细, 收入明细, 结转和结余, 年初预算与说明) with dropdowns on every closed-list column
and one example row each, the year's codes (科目编码) and a hidden sheet of the lists (选项). Where the year's
budget is published on the platform, 年初预算与说明 comes prefilled with its 一般公共预算 figures per 功能分类 项
(FinalAccounts.published_initial_budgets), which the import then takes from the platform, never from the file.

The import reads the file through budget/exchange/spreadsheet.py (bounded whatever the file), checks every row
(codes of the year at 项/款 level, choices, amounts, units of the department) and every object against its model,
and collects every problem with its sheet, row and column; only a file without a single problem is written, in
one transaction. A workbook replaces the four kinds of rows; a CSV of actual lines (支出明细's columns) replaces
the actual lines alone.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook

from budget import access
from budget.builders import codes
from budget.exchange import entry_workbook, spreadsheet
from budget.exchange.data_sheets import (
    Problems,
    choice,
    duplicates,
    labels,
    model_errors,
    one_of,
    read_amount,
    read_cells,
)
from budget.exchange.entry_workbook import (
    EXAMPLE_FONT,
    EXAMPLE_MARK,
    NOTE,
    READ_ONLY_FILL,
    column_guide,
    guidance,
    header_row,
    text_cell,
    write_choices,
    write_instructions,
)
from budget.exchange.imports import is_workbook, read_sheets, refusal, replace, require_classification_lists, start
from budget.models import EconomicSubject, ExpenditureKind, FunctionSubject, FundingSource
from departments.models import Department
from final_accounts.models import FUNDS_BY_ITEM, ActualLine, CarryOver, FinalAccounts, IncomeLine, ItemBudget

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from budget.access import Actor

INSTRUCTIONS = "说明"
LINES = "支出明细"
INCOME = "收入明细"
CARRYOVERS = "结转和结余"
ITEMS = "年初预算与说明"
CODES = "科目编码"
CHOICES = "选项"

AMOUNT = "金额（元）"
UNIT = "单位编码"
FUNCTION = "功能分类科目编码"
ECONOMIC = "经济分类科目编码"
SUBJECT_NAME = "科目名称"
INITIAL = "年初预算数（元）"
PURPOSE = "主要用于"
REASON = "决算数与预算数差异的主要原因"
SHEETS = {
    LINES: [UNIT, FUNCTION, ECONOMIC, "支出类型", "资金来源", AMOUNT],
    INCOME: [UNIT, FUNCTION, "收入来源", AMOUNT],
    CARRYOVERS: [UNIT, "资金性质", "时点", FUNCTION, AMOUNT],
    ITEMS: [FUNCTION, SUBJECT_NAME, INITIAL, PURPOSE, REASON],
}
READ_ONLY = {SUBJECT_NAME}  # written for the reader, never imported

KINDS = labels(ExpenditureKind.choices)
SOURCES = labels(FundingSource.choices)
FUNDS = labels(CarryOver.Fund.choices)
MOMENTS = labels(CarryOver.Moment.choices)

UNIT_CODES = entry_workbook.UNIT_CODES  # the lists' defined names, as the budget's workbook names them
FUNCTION_CODES = entry_workbook.FUNCTION_CODES
ECONOMIC_CODES = entry_workbook.ECONOMIC_CODES
FIXED_LISTS = {"支出类型": list(KINDS), "资金来源": list(SOURCES), "资金性质": list(FUNDS), "时点": list(MOMENTS)}
VALIDATED = {  # sheet → column → the list its cells must come from
    LINES: {UNIT: UNIT_CODES, FUNCTION: FUNCTION_CODES, ECONOMIC: ECONOMIC_CODES, "支出类型": "支出类型", "资金来源": "资金来源"},
    INCOME: {UNIT: UNIT_CODES, FUNCTION: FUNCTION_CODES, "收入来源": "资金来源"},
    CARRYOVERS: {UNIT: UNIT_CODES, "资金性质": "资金性质", "时点": "时点", FUNCTION: FUNCTION_CODES},
    ITEMS: {FUNCTION: FUNCTION_CODES},
}
TEXT_COLUMNS = {UNIT, FUNCTION, ECONOMIC}  # keep leading zeros
FIRST_DATA_ROW = 2
LAST_VALIDATED_ROW = spreadsheet.MAX_ROWS + FIRST_DATA_ROW

HELP = {  # sheet → column → how to fill it (the 说明 sheet and the cell's input message, at most 255 characters)
    LINES: {
        UNIT: "花这笔钱的所属单位的编码；部门本身的支出留空（或填部门编码）。",
        FUNCTION: "必填。支出功能分类科目，填到项（7位编码），须是「科目编码」表中本年度的编码。",
        ECONOMIC: "必填。支出经济分类科目，填到款（5位编码），须是「科目编码」表中本年度的编码。",
        "支出类型": f"必填，从下拉列表选择：{one_of(KINDS)}。",
        "资金来源": f"必填，从下拉列表选择：{one_of(SOURCES)}。",
        AMOUNT: "必填。本年实际支出，单位元（不是万元），大于零，最多两位小数，如 12000.00。",
    },
    INCOME: {
        UNIT: "取得这笔收入的所属单位的编码；部门本身留空（或填部门编码）。",
        FUNCTION: "必填。收入对应的支出功能分类科目，填到项（7位编码）。",
        "收入来源": f"必填，从下拉列表选择：{one_of(SOURCES)}。",
        AMOUNT: "必填。本年收入，单位元，大于零，最多两位小数。",
    },
    CARRYOVERS: {
        UNIT: "单位编码；部门本身留空（或填部门编码）。",
        "资金性质": f"必填，从下拉列表选择：{one_of(FUNDS)}。",
        "时点": f"必填，从下拉列表选择：{one_of(MOMENTS)}。",
        FUNCTION: "政府性基金、国有资本经营预算财政拨款的结转和结余须填到项（7位编码）；其他可不填。",
        AMOUNT: "必填。结转和结余金额，单位元，大于零，最多两位小数；没有就不填这一行。",
    },
    ITEMS: {
        FUNCTION: "必填。一般公共预算财政拨款支出的功能分类科目，填到项（7位编码），每项一行。",
        SUBJECT_NAME: "供对照，不导入。",
        INITIAL: "本年度部门预算已在本平台公开时，已按公开的预算填好（灰色），不要改动；未在本平台公开时，填写年初预算数，单位元。",
        PURPOSE: "该项支出主要用于什么，如“局本部人员经费及公用经费等的基本支出”。",
        REASON: "决算数与年初预算数有差异时，说明主要原因。",
    },
}
NOTE_HELP = "不导入，可写备注。示例行在这一列标明“示例行”。"

EXAMPLES = {  # one example row per data sheet, under the header
    LINES: {UNIT: "", FUNCTION: "2010101", ECONOMIC: "30201", "支出类型": "基本支出", "资金来源": "一般公共预算拨款",
            AMOUNT: "12000.00"},
    INCOME: {UNIT: "", FUNCTION: "2010101", "收入来源": "一般公共预算拨款", AMOUNT: "12000.00"},
    CARRYOVERS: {UNIT: "", "资金性质": "一般公共预算财政拨款", "时点": "年末结转和结余", FUNCTION: "", AMOUNT: "5000.00"},
    ITEMS: {FUNCTION: "2010101", SUBJECT_NAME: "行政运行", INITIAL: "100000.00", PURPOSE: "机关人员经费及公用经费等的基本支出。",
            REASON: "人员减少，支出相应减少。"},
}


def help_text(sheet: str, column: str) -> str:
    return HELP[sheet].get(column, NOTE_HELP)


def columns(sheet: str) -> list[str]:
    """A data sheet's columns as written: its own, then the note."""
    return [*SHEETS[sheet], NOTE]


# ------------------------------------------------------------------------------------------------ the workbook


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}"


def _unit_code(unit: Department | None) -> str:
    return "" if unit is None else unit.code


def rows(accounts: FinalAccounts | None) -> dict[str, list[list[str]]]:
    """The workbook's data rows, sheet by sheet: the final accounts' own, the 年初预算 of the year's published
    budget added for every 项 not yet there; empty sheets for a blank template."""
    data: dict[str, list[list[str]]] = {name: [] for name in SHEETS}
    if accounts is None:
        return data
    for line in accounts.lines.select_related("unit", "function_subject", "economic_subject"):
        data[LINES].append([_unit_code(line.unit), line.function_subject.code, line.economic_subject.code,
                            line.get_kind_display(), line.get_source_display(), _money(line.amount)])
    for income in accounts.income_lines.select_related("unit", "function_subject"):
        data[INCOME].append([_unit_code(income.unit), income.function_subject.code, income.get_source_display(),
                             _money(income.amount)])
    for carryover in accounts.carryovers.select_related("unit", "function_subject"):
        data[CARRYOVERS].append([_unit_code(carryover.unit), carryover.get_fund_display(), carryover.get_moment_display(),
                                 carryover.function_subject.code if carryover.function_subject else "",
                                 _money(carryover.amount)])
    data[ITEMS] = _item_rows(accounts)
    return data


def _item_rows(accounts: FinalAccounts) -> list[list[str]]:
    """One row per 项: the entered ones, and the published budget's (its figure in 年初预算数, greyed)."""
    published = accounts.published_initial_budgets()
    entered = {item.function_subject.code: item for item in accounts.item_budgets.select_related("function_subject")}
    names = dict(FunctionSubject.objects.filter(year=accounts.year).values_list("code", "name"))
    rows = []
    for code in sorted(set(entered) | set(published or {})):
        item = entered.get(code)
        initial = (published or {}).get(code) if published is not None else (item.initial_budget if item else None)
        rows.append([code, names.get(code, ""), _money(initial), item.purpose if item else "", item.reason if item else ""])
    return rows


def workbook(accounts: FinalAccounts | None = None, year: int | None = None) -> bytes:
    """The 决算填报模板 as .xlsx bytes: filled with the final accounts' data (and their year's published budget),
    or blank with the codes of `year` (by default the newest year whose lists are loaded)."""
    if accounts is not None:
        year = accounts.year
    elif year is None:
        year = next(iter(entry_workbook.years_with_lists()), None)
    function_codes = entry_workbook.code_rows(FunctionSubject, year, codes.FUNCTION_LENGTHS) if year else []
    economic_codes = entry_workbook.code_rows(EconomicSubject, year, codes.ECONOMIC_LENGTHS) if year else []
    units = _unit_list(accounts.department) if accounts is not None else []
    published = accounts.published_initial_budgets() if accounts is not None else None

    book = Workbook(write_only=True)  # streams rows: memory stays flat whatever the number of lines
    write_instructions(book.create_sheet(INSTRUCTIONS), _instructions(accounts, year, units, published is not None))
    data_sheets = [book.create_sheet(name) for name in SHEETS]
    entry_workbook._write_codes(book, book.create_sheet(CODES), year, function_codes, economic_codes)
    lists = {**FIXED_LISTS, UNIT_CODES: units}
    write_choices(book, book.create_sheet(CHOICES), lists)
    named = {**lists, FUNCTION_CODES: function_codes, ECONOMIC_CODES: economic_codes}
    available = {name for name, values in named.items() if values}
    for sheet, data in zip(data_sheets, rows(accounts).values(), strict=True):
        _write_data_sheet(sheet, data, available, greyed=published is not None)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _unit_list(department: Department) -> list[str]:
    return [department.code, *Department.objects.filter(parent=department).order_by("code").values_list("code", flat=True)]


def _write_data_sheet(sheet: WriteOnlyWorksheet, data: list[list[str]], available: set[str], greyed: bool) -> None:
    name = sheet.title
    titles = columns(name)
    read_only = READ_ONLY | ({INITIAL} if greyed else set())  # 年初预算 from the published budget
    for index, title in enumerate(titles, start=1):
        if title in TEXT_COLUMNS:
            sheet.column_dimensions[_letter(index)].number_format = "@"
    header_row(sheet, titles, [30 if title in (NOTE, PURPOSE, REASON) else 18 for title in titles], read_only)
    example = EXAMPLES[name]
    sheet.append([text_cell(sheet, example.get(title, ""), EXAMPLE_FONT) for title in titles[:-1]]
                 + [text_cell(sheet, EXAMPLE_MARK, EXAMPLE_FONT)])
    for row in data:
        sheet.append([text_cell(sheet, value, fill=READ_ONLY_FILL if title in read_only else None)
                      for title, value in zip(titles, row, strict=False)])
    for index, title in enumerate(titles, start=1):
        list_name = VALIDATED[name].get(title)
        if list_name is not None and list_name not in available:
            continue  # a blank template names no department's units; a year without lists has no codes
        refusal = ("不是可选的值", f"请填写「{CODES}」表中本年度的编码。" if list_name in (FUNCTION_CODES, ECONOMIC_CODES)
                   else "请从下拉列表中选择。") if list_name else None
        rule = {"type": "list", "formula1": list_name} if list_name else {}
        validation = guidance(title, help_text(name, title), refusal, **rule)
        letter = _letter(index)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_VALIDATED_ROW}")
        sheet.data_validations.append(validation)


def _letter(index: int) -> str:
    return spreadsheet.column_letter(index)


def _instructions(
    accounts: FinalAccounts | None, year: int | None, units: list[str], from_budget: bool
) -> list[tuple[str, ...]]:
    """The 说明 sheet's rows: what the workbook is for, the order to fill it in, each column, what is refused."""
    year_text = f"{year}年" if year else "（尚无科目表的年度）"
    if accounts is not None:
        about = f"本工作簿是“{accounts.title}”的填报数据，科目为{year_text}。"
        unit_text = f"本部门及所属单位的编码：{one_of(units)}。"
    else:
        about = f"本工作簿是空白的决算填报模板，「{CODES}」表中是{year_text}的科目；填报其他年度请在导入页面下载该年度的模板。"
        unit_text = "单位编码是部门或所属单位在系统中的编码；部门本身可以留空。"
    budget_text = ("本年度部门预算已在本平台公开：「年初预算与说明」已按公开预算的一般公共预算拨款逐项填好年初预算数（灰色），"
                   "导入时以公开的预算为准，请只填写“主要用于”和差异原因。" if from_budget else
                   "本年度部门预算未在本平台公开：请在「年初预算与说明」中逐项填写一般公共预算财政拨款的年初预算数。")
    lines: list[tuple[str, ...]] = [
        ("title", "决算填报模板 使用说明"),
        ("text", about),
        ("text", ""),
        ("heading", "一、这个工作簿做什么"),
        ("text", "用它填写一个部门一个年度的部门决算，再在管理后台导入。每一笔实际支出在「支出明细」中填一行，每一笔收入在「收入明细」中填一行；"
                 "九张决算表、各项合计和说明中的数字都由明细计算，不需要也不能另外填写合计或万元数。"),
        ("text", ""),
        ("heading", "二、填写顺序"),
        ("text", f"1. 「{LINES}」：每笔实际支出一行（科目、支出类型、资金来源、金额）。"),
        ("text", f"2. 「{INCOME}」：每笔本年收入一行（科目、收入来源、金额）。"),
        ("text", f"3. 「{CARRYOVERS}」：年初、年末的结转和结余，按资金性质各填一行；政府性基金、国有资本经营的须按项填写。"),
        ("text", f"4. 「{ITEMS}」：一般公共预算财政拨款支出的每个项一行：年初预算数、主要用途和决算数与预算数差异的原因。"),
        ("text", budget_text),
        ("text", "5. 保存为 .xlsx 文件，在管理后台导入：部门决算 → 本决算页面的“导入”。系统先逐行检查，文件中有任何一处问题都不会写入，"
                 "并列出问题所在的表、行、列。"),
        ("text", ""),
        ("heading", "三、下拉列表、科目编码和示例行"),
        ("text", "带下拉箭头的列只能从列表中选择（支出类型、资金来源、资金性质、时点" + ("、单位编码" if units else "") + "）。"),
        ("text", f"科目编码须是「{CODES}」表中{year_text}的编码：功能分类填到项（7位），经济分类填到款（5位）。"),
        ("text", f"每张表的第2行是示例（灰色斜体，「{NOTE}」列写着“示例行”）。原样保留时导入会忽略它，也可以删除；改动过的示例行导入时会被拒绝。"),
        ("text", unit_text),
        ("text", ""),
        ("heading", "四、注意"),
        ("text", "金额的单位是元（不是万元），最多两位小数；只填数字，不要带文字，不要用公式（公式单元格请粘贴为数值）。"),
        ("text", "不要改动表名和第一行的列名，不要合并单元格；可以增加行，空行会被跳过。"),
        ("text", f"导入会替换本决算已有的支出明细、收入明细、结转和结余、年初预算与说明（只含支出明细的 CSV 文件只替换支出明细）。"
                 f"{entry_workbook.FILE_LIMITS}"),
        ("text", "只能导入草稿或已退回的决算；部门会计只能导入本部门（及所属单位）的决算。"),
        ("text", ""),
    ]
    return lines + column_guide("五、各表各列的填法", {name: columns(name) for name in SHEETS}, help_text)


# ------------------------------------------------------------------------------------------------ import


@dataclass
class Parsed:
    """What a valid file holds, as unsaved model objects, plus every problem found."""

    errors: list[str] = field(default_factory=list)
    lines: list[ActualLine] = field(default_factory=list)
    income: list[IncomeLine] = field(default_factory=list)
    carryovers: list[CarryOver] = field(default_factory=list)
    items: list[ItemBudget] = field(default_factory=list)
    is_workbook: bool = True  # else a CSV of actual lines

    def summary(self) -> str:
        """What the file holds, counted, e.g. "支出明细7行，收入明细2行，结转和结余3行，年初预算与说明4项"."""
        counts: list[tuple[str, Sequence[Any], str]] = [(LINES, self.lines, "行")]
        if self.is_workbook:
            counts += [(INCOME, self.income, "行"), (CARRYOVERS, self.carryovers, "行"), (ITEMS, self.items, "项")]
        return "，".join(f"{name}{len(objects)}{unit}" for name, objects, unit in counts)


class _Context:
    """What every sheet's rows are checked against: the year's codes and the department's units."""

    def __init__(self, accounts: FinalAccounts) -> None:
        self.accounts, self.year = accounts, accounts.year
        self.functions = {s.code: s for s in FunctionSubject.objects.filter(year=self.year)}
        self.economics = {s.code: s for s in EconomicSubject.objects.filter(year=self.year)}
        department = accounts.department
        self.units: dict[str, Department | None] = {"": None, department.code: None}  # None: the department itself
        self.units.update({unit.code: unit for unit in Department.objects.filter(parent=department)})

    def unit(self, problems: Problems, number: int, code: str) -> Department | None:
        if code not in self.units:
            problems.add(number, UNIT, f"“{code}”不是{self.accounts.department.name}或其所属单位的编码。")
        return self.units.get(code)

    def function(self, problems: Problems, number: int, code: str, required: bool = True) -> FunctionSubject | None:
        """The 功能分类 项 of that code in the year, or None with a problem recorded."""
        return self._subject(problems, number, FUNCTION, code, self.functions, "功能分类", codes.ITEM_LENGTH, "项", required)

    def economic(self, problems: Problems, number: int, code: str) -> EconomicSubject | None:
        return self._subject(problems, number, ECONOMIC, code, self.economics, "经济分类", codes.SECTION_LENGTH, "款", True)

    def _subject(
        self, problems: Problems, number: int, column: str, code: str, subjects: Mapping[str, Any], kind: str,
        length: int, level: str, required: bool,
    ) -> Any:
        if not code:
            if required:
                problems.add(number, column, "不能为空。")
            return None
        subject = subjects.get(code)
        if subject is None:
            problems.add(number, column, f"{kind}科目{code}在{self.year}年度不存在。")
        elif len(code) != length:
            problems.add(number, column, f"{kind}科目{code}不是{level}，须填到{level}（{length}位编码）。")
            return None
        return subject


def _parse_lines(parsed: Parsed, sheet: spreadsheet.Sheet, context: _Context) -> None:
    problems = Problems(parsed.errors, LINES)
    duplicates(problems, sheet, SHEETS[LINES])
    for number, record in sheet.rows:
        line = ActualLine(
            final_accounts=context.accounts, unit=context.unit(problems, number, record[UNIT]),
            function_subject=context.function(problems, number, record[FUNCTION]),
            economic_subject=context.economic(problems, number, record[ECONOMIC]),
            **read_cells(
                kind=choice(problems, number, "支出类型", record["支出类型"], KINDS),
                source=choice(problems, number, "资金来源", record["资金来源"], SOURCES),
                amount=read_amount(problems, number, AMOUNT, record[AMOUNT]),
            ),
        )
        model_errors(problems, number, line, LINE_COLUMNS, exclude=RELATIONS)
        parsed.lines.append(line)


RELATIONS = ["final_accounts", "unit", "function_subject", "economic_subject"]  # checked by the parser itself
LINE_COLUMNS = {"function_subject": FUNCTION, "economic_subject": ECONOMIC, "unit": UNIT, "kind": "支出类型",
                "source": "资金来源", "amount": AMOUNT}


def _parse_income(parsed: Parsed, sheet: spreadsheet.Sheet, context: _Context) -> None:
    problems = Problems(parsed.errors, INCOME)
    duplicates(problems, sheet, SHEETS[INCOME])
    for number, record in sheet.rows:
        income = IncomeLine(
            final_accounts=context.accounts, unit=context.unit(problems, number, record[UNIT]),
            function_subject=context.function(problems, number, record[FUNCTION]),
            **read_cells(
                source=choice(problems, number, "收入来源", record["收入来源"], SOURCES),
                amount=read_amount(problems, number, AMOUNT, record[AMOUNT]),
            ),
        )
        model_errors(problems, number, income, {"function_subject": FUNCTION, "unit": UNIT, "source": "收入来源",
                                                "amount": AMOUNT}, exclude=RELATIONS)
        parsed.income.append(income)


def _parse_carryovers(parsed: Parsed, sheet: spreadsheet.Sheet, context: _Context) -> None:
    problems = Problems(parsed.errors, CARRYOVERS)
    duplicates(problems, sheet, [UNIT, "资金性质", "时点", FUNCTION])
    for number, record in sheet.rows:
        fund = choice(problems, number, "资金性质", record["资金性质"], FUNDS)
        subject = context.function(problems, number, record[FUNCTION], required=fund in FUNDS_BY_ITEM)
        carryover = CarryOver(
            final_accounts=context.accounts, unit=context.unit(problems, number, record[UNIT]), function_subject=subject,
            **read_cells(
                fund=fund, moment=choice(problems, number, "时点", record["时点"], MOMENTS),
                amount=read_amount(problems, number, AMOUNT, record[AMOUNT]),
            ),
        )
        model_errors(problems, number, carryover, {"function_subject": FUNCTION, "unit": UNIT, "fund": "资金性质",
                                                   "moment": "时点", "amount": AMOUNT}, exclude=RELATIONS)
        parsed.carryovers.append(carryover)


def _parse_items(parsed: Parsed, sheet: spreadsheet.Sheet, context: _Context) -> None:
    """Each 项's 年初预算, use and reason. Where the year's budget is published here its figure is the platform's:
    a cell left as prefilled (or emptied) is fine, another figure refused; a row with nothing entered is left out."""
    problems = Problems(parsed.errors, ITEMS)
    duplicates(problems, sheet, [FUNCTION])
    published = context.accounts.published_initial_budgets()
    for number, record in sheet.rows:
        subject = context.function(problems, number, record[FUNCTION])
        initial = None
        if published is not None:
            typed = spreadsheet.decimal_or_none(record[INITIAL]) if record[INITIAL] else None
            platform = published.get(record[FUNCTION], Decimal(0))
            if record[INITIAL] and typed != platform:
                problems.add(number, INITIAL, f"本年度部门预算已在本平台公开，年初预算数取自公开的预算（{platform:.2f}元），"
                                              f"请不要改动（可留空）。")
            if not record[PURPOSE] and not record[REASON]:
                continue  # the prefilled row, nothing entered
        elif record[INITIAL]:
            initial = read_amount(problems, number, INITIAL, record[INITIAL], positive=False)
        item = ItemBudget(final_accounts=context.accounts, function_subject=subject, initial_budget=initial,
                          purpose=record[PURPOSE], reason=record[REASON])
        model_errors(problems, number, item, {"initial_budget": INITIAL, "purpose": PURPOSE, "reason": REASON},
                     exclude=["final_accounts", "function_subject"])
        parsed.items.append(item)


def parse(accounts: FinalAccounts, filename: str, content: bytes) -> Parsed:
    """Read and check a 决算填报模板 (its four data sheets) or a CSV of actual lines; nothing is written."""
    require_classification_lists(accounts.year, "决算")
    parsed = Parsed(is_workbook=is_workbook(filename))
    sheets = read_sheets(filename, content, SHEETS, LINES, EXAMPLES, parsed.errors)
    if parsed.errors:
        return parsed
    context = _Context(accounts)
    _parse_lines(parsed, sheets[LINES], context)
    if parsed.is_workbook:
        _parse_income(parsed, sheets[INCOME], context)
        _parse_carryovers(parsed, sheets[CARRYOVERS], context)
        _parse_items(parsed, sheets[ITEMS], context)
    if not parsed.errors and not any(sheet.rows for sheet in sheets.values()):
        parsed.errors.append("文件中没有任何数据行（示例行不算）。")
    return parsed


def import_final_accounts(accounts: FinalAccounts, filename: str, content: bytes, actor: Actor) -> Parsed:
    """Replace the final accounts' data with a file's; raises ValidationError with every problem, writing nothing.

    Unsaved final accounts (a department's first of the year) are saved as a draft in the import's transaction.
    actor: the user importing, or access.COMMAND_LINE for the import_final_accounts command."""
    if not accounts.is_open_for_editing:
        raise ValidationError(f"只能导入草稿或已退回的决算，本决算状态为“{accounts.get_status_display()}”。")
    if accounts.pk is None and not access.may_start_final_accounts(actor, accounts.department):
        raise ValidationError("只能为本部门或所属单位建立决算。")
    if accounts.pk is not None and not access.may_edit_final_accounts(actor, accounts):
        raise ValidationError("只能导入本部门的决算。")
    user = access.recorded_user(actor)
    parsed = parse(accounts, filename, content)
    if parsed.errors:
        raise refusal(parsed.errors)
    reason = f"导入 {filename}"
    with transaction.atomic():
        if accounts.pk is None:
            start(accounts, user, reason, "决算")
        replace(ActualLine.objects.filter(final_accounts=accounts), parsed.lines, user, reason)
        if parsed.is_workbook:
            replace(IncomeLine.objects.filter(final_accounts=accounts), parsed.income, user, reason)
            replace(CarryOver.objects.filter(final_accounts=accounts), parsed.carryovers, user, reason)
            replace(ItemBudget.objects.filter(final_accounts=accounts), parsed.items, user, reason)
        accounts.record_change()
    return parsed


def accounts_for(department: Department, year: int) -> FinalAccounts:
    """The department's final accounts of the year, or new unsaved ones (a draft) that an import would start."""
    return (FinalAccounts.objects.select_related("department").filter(department=department, year=year).first()
            or FinalAccounts(department=department, year=year))
