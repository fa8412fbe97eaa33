"""The all-or-nothing import of the budget entry workbook (预算填报模板, laid out in entry_workbook.py) or a CSV.

An import reads the whole file (through spreadsheet.read, which bounds what a hostile file can cost), checks
every row as the admin would (codes of the budget's year at leaf level, choices, amounts, projects) and
every object it would create against its model (lengths, digits, choices, validators), and collects every
problem with its sheet, row and column, so that a file the preview passes cannot fail on confirm (a file with
formula cells is refused for those alone: their values are not known). Only a
file without a single problem is written, in one transaction that replaces the budget's line items,
projects, indicators, procurement and assets. Codes are resolved from two dictionaries of the year's
subjects, so 10,000 lines take a few queries, not 10,000.

The budget may be new (unsaved): it is then saved as a draft in the same transaction, so that a refused or
failed import leaves no budget behind (import_file finds or starts a department's budget of a year). The
workbook's example rows are dropped while unchanged and refused once edited (drop_examples).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_model_for_model

from budget import access
from budget.exchange import spreadsheet
from budget.exchange.data_sheets import (
    Problems,
    choice,
    duplicates,
    model_errors,
    project_in_file,
    read_amount,
    read_cells,
    refuse_formulas,
)
from budget.exchange.entry_workbook import (
    AMOUNT,
    ASSET_CATEGORIES,
    ASSETS,
    EXAMPLE_MARK,
    EXAMPLES,
    KINDS,
    LINES,
    NOTE,
    PROCUREMENT,
    PROJECTS,
    SHEETS,
    SOURCES,
)
from budget.exchange.entry_workbook import YES_NO as YES_OR_NO
from budget.models import (
    AssetHolding,
    Budget,
    BudgetLine,
    EconomicSubject,
    FunctionSubject,
    ProcurementItem,
    Project,
    ReviewedDocument,
)
from departments.models import Department
from performance import workbook as indicator_sheet
from performance.models import PerformanceIndicator, ProjectEvaluation
from performance.workbook import INDICATORS

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import Model, QuerySet

    from budget.access import Actor

YES_NO = {**YES_OR_NO, "": False}  # an empty cell is 否
MAX_ERRORS_SHOWN = 200


# ------------------------------------------------------------------------------------------------ import


@dataclass
class Parsed:
    """What a valid file holds, as unsaved model objects, plus every problem found."""

    errors: list[str] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicators: list[PerformanceIndicator] = field(default_factory=list)
    lines: list[BudgetLine] = field(default_factory=list)
    purchases: list[ProcurementItem] = field(default_factory=list)
    holdings: list[AssetHolding] = field(default_factory=list)
    is_workbook: bool = True  # else a CSV of line items

    def summary(self) -> str:
        """What the file holds, counted, e.g. "预算明细7行，项目1个，绩效指标5个，政府采购1项，国有资产0项"."""
        counts: list[tuple[str, Sequence[Model], str]] = [("预算明细", self.lines, "行")]
        if self.is_workbook:
            counts += [("项目", self.projects, "个"), ("绩效指标", self.indicators, "个"),
                       ("政府采购", self.purchases, "项"), ("国有资产", self.holdings, "项")]
        return "，".join(f"{name}{len(objects)}{unit}" for name, objects, unit in counts)


def _units(budget: Budget) -> dict[str, Department]:
    """The department and its units by code; "" is the department itself."""
    department = budget.department
    units = {unit.code: unit for unit in Department.objects.filter(parent=department)}
    return {"": department, department.code: department, **units}


def _unit(problems: Problems, number: int, code: str, units: Mapping[str, Department]) -> Department | None:
    """The department or unit of that code, or None with a problem recorded."""
    if code not in units:
        problems.add(number, "单位编码", f"“{code}”不是{units[''].name}或其所属单位的编码。")
    return units.get(code)


def _parse_projects(parsed: Parsed, sheet: spreadsheet.Sheet, budget: Budget) -> None:
    problems = Problems(parsed.errors, PROJECTS)
    duplicates(problems, sheet, ["项目编码"])
    for position, (number, record) in enumerate(sheet.rows, start=1):
        if not record["项目编码"] or not record["项目名称"]:
            problems.add(number, "项目编码" if not record["项目编码"] else "项目名称", "不能为空。")
            continue
        plan: list[int | None] = []
        for column in PLAN_COLUMNS:
            text = record[column].rstrip("%")
            percent = spreadsheet.whole_number(text)
            if text and (percent is None or percent > 100):
                problems.add(number, column, f"“{record[column]}”应为0到100的整数（百分比）。")
            plan.append(percent)
        summary_position = spreadsheet.whole_number(record["支出说明排序"])
        if record["支出说明排序"] and summary_position is None:
            problems.add(number, "支出说明排序", f"“{record['支出说明排序']}”应为整数。")
        project = Project(
            budget=budget, code=record["项目编码"], name=record["项目名称"], purpose=record["资金用途"],
            goal=record["绩效目标"], plan_march=plan[0], plan_june=plan[1], plan_october=plan[2], plan_december=plan[3],
            position=position, short_name=record["简称"], summary_position=summary_position or 0,
            **read_cells(is_special_fund=choice(problems, number, "是否专项资金", record["是否专项资金"], YES_NO)),
        )
        model_errors(problems, number, project, PROJECT_COLUMNS, exclude=["budget"])
        parsed.projects.append(project)


PLAN_COLUMNS = ("3月底", "6月底", "10月底", "12月底")
PROJECT_COLUMNS = {
    "code": "项目编码", "name": "项目名称", "purpose": "资金用途", "goal": "绩效目标", "is_special_fund": "是否专项资金",
    **dict(zip(("plan_march", "plan_june", "plan_october", "plan_december"), PLAN_COLUMNS, strict=True)),
    "short_name": "简称", "summary_position": "支出说明排序",
}


def _parse_lines(
    parsed: Parsed, sheet: spreadsheet.Sheet, budget: Budget, units: Mapping[str, Department],
    projects: Mapping[str, Project],
) -> None:
    problems = Problems(parsed.errors, LINES)
    duplicates(problems, sheet, SHEETS[LINES])
    functions = {s.code: s for s in FunctionSubject.objects.filter(year=budget.year)}
    economics = {s.code: s for s in EconomicSubject.objects.filter(year=budget.year)}
    for number, record in sheet.rows:
        function = functions.get(record["功能分类科目编码"])
        economic = economics.get(record["经济分类科目编码"])
        for column, subject in (("功能分类科目编码", function), ("经济分类科目编码", economic)):
            if subject is None:
                problems.add(number, column, f"{budget.year}年的科目表中没有编码“{record[column]}”。")
        line = BudgetLine(
            budget=budget, unit=_unit(problems, number, record["单位编码"], units), function_subject=function, economic_subject=economic,
            project=project_in_file(problems, number, record["项目编码"], projects),
            **read_cells(
                kind=choice(problems, number, "支出类型", record["支出类型"], KINDS),
                source=choice(problems, number, "资金来源", record["资金来源"], SOURCES),
                is_carryover=choice(problems, number, "是否上年结转", record["是否上年结转"], YES_NO),
                amount=read_amount(problems, number, AMOUNT, record[AMOUNT]),
            ),
        )
        if function and economic and line.kind and line.amount is not None:
            model_errors(problems, number, line, LINE_COLUMNS,
                          exclude=BudgetLine.RELATIONS)
        parsed.lines.append(line)


LINE_COLUMNS = {"function_subject": "功能分类科目编码", "economic_subject": "经济分类科目编码", "amount": AMOUNT,
                "project": "项目编码", "unit": "单位编码", "kind": "支出类型", "source": "资金来源",
                "is_carryover": "是否上年结转"}


def _parse_procurement(
    parsed: Parsed, sheet: spreadsheet.Sheet, budget: Budget, units: Mapping[str, Department],
    projects: Mapping[str, Project],
) -> None:
    problems = Problems(parsed.errors, PROCUREMENT)
    duplicates(problems, sheet, SHEETS[PROCUREMENT])
    for number, record in sheet.rows:
        unit = _unit(problems, number, record["单位编码"], units)
        for column in ("采购物品名称", "政府采购目录序号", "计量单位"):
            if not record[column]:
                problems.add(number, column, "不能为空。")
        item = ProcurementItem(
            budget=budget, unit=unit, project=project_in_file(problems, number, record["项目编码"], projects),
            item_name=record["采购物品名称"], catalog_code=record["政府采购目录序号"],
            measure_unit=record["计量单位"],
            **read_cells(
                quantity=read_amount(problems, number, "数量", record["数量"]),
                unit_price=read_amount(problems, number, "单价（元）", record["单价（元）"]),
                source=choice(problems, number, "资金来源", record["资金来源"], SOURCES),
                is_carryover=choice(problems, number, "是否上年结转", record["是否上年结转"], YES_NO),
                amount=read_amount(problems, number, AMOUNT, record[AMOUNT]),
                sme_reserved=read_amount(problems, number, "预留中小微企业份额（元）",
                                         record["预留中小微企业份额（元）"] or "0", positive=False),
            ),
        )
        model_errors(problems, number, item, PROCUREMENT_COLUMNS, exclude=["budget", "unit", "project"])
        parsed.purchases.append(item)


PROCUREMENT_COLUMNS = {
    "item_name": "采购物品名称", "catalog_code": "政府采购目录序号", "measure_unit": "计量单位", "quantity": "数量",
    "unit_price": "单价（元）", "source": "资金来源", "is_carryover": "是否上年结转", "amount": AMOUNT,
    "sme_reserved": "预留中小微企业份额（元）",
}


def _parse_assets(parsed: Parsed, sheet: spreadsheet.Sheet, budget: Budget) -> None:
    problems = Problems(parsed.errors, ASSETS)
    duplicates(problems, sheet, ["项目"])
    for number, record in sheet.rows:
        category = choice(problems, number, "项目", record["项目"].strip(), ASSET_CATEGORIES)
        quantity = None
        if record["数量"]:
            quantity = read_amount(problems, number, "数量", record["数量"], positive=False)
        value = read_amount(problems, number, "价值（元）", record["价值（元）"] or "0", positive=False)
        holding = AssetHolding(budget=budget, quantity=quantity, **read_cells(category=category, value=value))
        model_errors(problems, number, holding, {"category": "项目", "quantity": "数量", "value": "价值（元）"},
                      exclude=["budget"])
        parsed.holdings.append(holding)


def require_classification_lists(year: int, noun: str = "预算") -> None:
    """Refuse a year whose 功能分类 or 经济分类 list is not loaded: no code of a file could be checked. noun: what the
    file is (预算; final accounts' imports: 决算)."""
    missing = [str(model._meta.verbose_name) for model in (FunctionSubject, EconomicSubject)
               if not model.objects.filter(year=year).exists()]
    if missing:
        raise ValidationError(f"系统中还没有{year}年的{'和'.join(missing)}表，无法导入{year}年的{noun}。"
                              f"请系统管理员先导入{year}年的科目表（管理后台或 manage.py load_subjects）。")


def drop_examples(
    errors: list[str], sheet: spreadsheet.Sheet, examples: Mapping[str, Mapping[str, str]] = EXAMPLES
) -> None:
    """Leave out the sheet's example rows (marked in the note column) while they are the workbook's example;
    an edited one is refused: its data might be meant, and importing or dropping it silently would both be wrong.
    examples: the workbook's example row of each sheet (the budget's, or the 决算填报模板's)."""
    example = {column: value for column, value in examples.get(sheet.name, {}).items() if value}
    kept: list[tuple[int, spreadsheet.Record]] = []
    for number, record in sheet.rows:
        if record[NOTE] != EXAMPLE_MARK:
            kept.append((number, record))
        elif {column: value for column, value in record.items() if column != NOTE} != example:
            Problems(errors, sheet.name).add(
                number, NOTE, f"这一行标为示例行，但内容已改动。要导入这一行，请清空本单元格的“{EXAMPLE_MARK}”；不要就删除这一行。")
    sheet.rows = kept


def is_workbook(filename: str) -> bool:
    """True for a workbook, false for a CSV (of its first data sheet's rows)."""
    return not filename.lower().endswith(".csv")


def read_sheets(
    filename: str, content: bytes, columns: Mapping[str, list[str]], csv_sheet: str,
    examples: Mapping[str, Mapping[str, str]], errors: list[str],
) -> dict[str, spreadsheet.Sheet]:
    """A file's sheets, each required one (a CSV: csv_sheet alone) with its columns, their example rows left out
    (drop_examples); a file without a required sheet or column is refused. A formula cell is recorded in errors and
    the rows are left unchecked: its value is the one the file stored with it, stale or none at all, and checked it
    would be refused again for that value, and so would every row referring to it (a project's lines and indicators).
    Both entry workbooks are read so: the budget's and the 决算填报模板 (final_accounts/exchange.py)."""
    sheets = spreadsheet.read(filename, content, csv_sheet_name=csv_sheet, only=columns)
    required = columns if is_workbook(filename) else {csv_sheet: columns[csv_sheet]}
    missing = [name for name in required if name not in sheets]
    if missing:
        raise ValidationError(f"工作簿缺少工作表：{'、'.join(missing)}（应有：{'、'.join(required)}；表名须与模板一致）。")
    for name, titles in required.items():
        spreadsheet.require_columns(sheets[name], titles, where=f"「{name}」")
        refuse_formulas(Problems(errors, name), sheets[name])
    if not errors:
        for name in required:
            drop_examples(errors, sheets[name], examples)
    return sheets


def parse(budget: Budget, filename: str, content: bytes) -> Parsed:
    """Read and check a workbook (its five data sheets) or a CSV of line items; nothing is written.

    The budget may be unsaved (a new one): a CSV then refers to no project."""
    require_classification_lists(budget.year)
    parsed = Parsed(is_workbook=is_workbook(filename))
    sheets = read_sheets(filename, content, SHEETS, LINES, EXAMPLES, parsed.errors)
    if parsed.errors:
        return parsed
    if parsed.is_workbook:
        _parse_projects(parsed, sheets[PROJECTS], budget)
        projects = {project.code: project for project in parsed.projects}
        parsed.indicators = indicator_sheet.parse(parsed.errors, sheets[INDICATORS], projects)
    else:
        projects = {project.code: project for project in budget.projects.all()} if budget.pk else {}
    units = _units(budget)
    _parse_lines(parsed, sheets[LINES], budget, units, projects)
    if parsed.is_workbook:
        _parse_procurement(parsed, sheets[PROCUREMENT], budget, units, projects)
        _parse_assets(parsed, sheets[ASSETS], budget)
    if not parsed.errors and not any(sheet.rows for sheet in sheets.values()):
        parsed.errors.append("文件中没有任何数据行（示例行不算）。")
    return parsed


def _record_deletions(queryset: QuerySet[Model], user: User | None, reason: str) -> None:
    """History rows, with who and why, for objects about to be deleted: one INSERT for all of them."""
    history = get_history_model_for_model(queryset.model)  # the model's `history` manager's, which no type names
    now = timezone.now()
    history.objects.bulk_create(
        history(history_date=now, history_user=user, history_change_reason=reason, history_type="-",
                **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields})
        for obj in queryset
    )


def replace(queryset: QuerySet[Model], objects: Sequence[Model], user: User | None, reason: str) -> list[Model]:
    """Delete what the queryset holds and create the objects, both recorded in the history."""
    _record_deletions(queryset, user, reason)
    # One DELETE, not Django's object by object, whose signal would make simple-history record every deletion a
    # second time, without its reason. Nothing may refer to these rows any more: import_budget deletes in dependency
    # order.
    queryset._raw_delete(queryset.db)
    return bulk_create_with_history(objects, type(objects[0]) if objects else queryset.model,
                                    default_user=user, default_change_reason=reason) if objects else []


def import_budget(budget: Budget, filename: str, content: bytes, actor: Actor) -> Parsed:
    """Replace a draft budget's data with a file's; raises ValidationError with every problem, writing nothing.

    An unsaved budget (a department's first of the year) is saved as a draft in the import's transaction.
    actor: the user importing, or access.COMMAND_LINE for the import_budget command.
    """
    if not budget.is_open_for_editing:
        raise ValidationError(f"只能导入草稿或已退回的预算，本预算状态为“{budget.get_status_display()}”。")
    if budget.pk is None and not access.may_start_budget(actor, budget.department):
        raise ValidationError("只能为本部门或所属单位建立预算。")
    if budget.pk is not None and not access.may_edit_budget(actor, budget):
        raise ValidationError("只能导入本部门的预算。")
    user = access.recorded_user(actor)
    parsed = parse(budget, filename, content)
    if parsed.errors:
        raise refusal(parsed.errors)
    if parsed.is_workbook and ProjectEvaluation.objects.filter(project__budget=budget.pk).exists():
        # A workbook replaces the projects and their targets; their year-end evaluation would go with them.
        raise ValidationError(
            "本预算的项目已有绩效自评，整表导入会替换项目和绩效指标并删除其自评。请在项目页面逐项更正，或只导入明细（CSV）。"
        )
    reason = f"导入 {filename}"
    with transaction.atomic():
        if budget.pk is None:
            start(budget, user, reason)
        # Delete in dependency order (lines and purchases protect their projects), create in reverse.
        # A CSV holds line items only: it replaces them and leaves the rest.
        if parsed.is_workbook:
            replace(ProcurementItem.objects.filter(budget=budget), [], user, reason)
        replace(BudgetLine.objects.filter(budget=budget), [], user, reason)
        if parsed.is_workbook:
            replace(PerformanceIndicator.objects.filter(project__budget=budget), [], user, reason)
            replace(Project.objects.filter(budget=budget), parsed.projects, user, reason)
            replace(PerformanceIndicator.objects.none(), parsed.indicators, user, reason)
            replace(AssetHolding.objects.filter(budget=budget), parsed.holdings, user, reason)
        replace(BudgetLine.objects.none(), parsed.lines, user, reason)
        if parsed.is_workbook:
            replace(ProcurementItem.objects.none(), parsed.purchases, user, reason)
        budget.record_change()
    return parsed


def refusal(errors: list[str]) -> ValidationError:
    """A file's problems as one error, at most MAX_ERRORS_SHOWN of them listed."""
    shown = errors[:MAX_ERRORS_SHOWN]
    if len(errors) > MAX_ERRORS_SHOWN:
        shown.append(f"……另有{len(errors) - MAX_ERRORS_SHOWN}处问题未列出，请先改正以上问题。")
    return ValidationError(shown)


def start(document: ReviewedDocument, user: User | None, reason: str, noun: str = "预算") -> None:
    """Save a new document (a draft budget, or final accounts: noun 决算), recorded in its history as started by
    this import."""
    document._history_user, document._change_reason = user, f"{reason}时建立"
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:  # another import or page started it meanwhile
        raise ValidationError(
            f"{document.department.name}的{document.year}年{noun}刚刚已由他人建立，请刷新后再导入。"
        ) from error


def budget_for(department: Department, year: int) -> Budget:
    """The department's budget of the year, or a new unsaved draft that an import would start."""
    return (Budget.objects.select_related("department").filter(department=department, year=year).first()
            or Budget(department=department, year=year))
