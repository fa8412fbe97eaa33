"""The year-end self-evaluation workbook (绩效自评表): a published budget's projects and targets, pre-filled with what
is already entered, for the department's accountant to fill in Excel, and its import, all or nothing
(docs/data-formats.md, "The 绩效自评 workbook"; the rules: docs/self-evaluation.md).

Two data sheets: 项目 (each project's 全年预算数, 全年执行数 and 实际完成情况) and 指标 (each target's 分值, 实际完成值,
完成程度, 评定得分 and 偏差原因). Their rows are the budget's own, all listed: the accountant fills them in and adds
none. What comes from the published budget (names, 年初预算数, 指标值) is greyed, locked and not imported; the keys
(项目编码, 三级指标) are locked too, and read to find each row's project and target. The sheets are protected
without a password, against slips rather than intent: the import checks everything again.

The import reads the file through spreadsheet.read, with the entry workbook's limits, refuses formula cells, and
checks every row against its model (a qualitative score within its band, amounts of at most two decimals, …);
only a file without a single problem replaces the budget's evaluations, in one transaction recorded in their
history with who and why.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter

from budget import access
from budget.exchange import entry_workbook, imports, spreadsheet
from budget.exchange.data_sheets import (
    Problems,
    choice,
    duplicates,
    labels,
    model_errors,
    one_of,
    read_amount,
    read_cells,
    refuse_formulas,
)
from budget.exchange.entry_workbook import FIRST_DATA_ROW, NOTE, WRAPPED, guidance, header_row, text_cell
from budget.models import Budget
from performance import evaluation, scoring
from performance.models import EvaluationReview, IndicatorEvaluation, PerformanceIndicator, ProjectEvaluation

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from budget.access import Actor
    from performance.evaluation import ProjectSelfEvaluation, Target

PROJECTS = "项目"
TARGETS = "指标"
SHEETS = (PROJECTS, TARGETS)

CODE = "项目编码"
NAME = "三级指标"
FULL_YEAR = "全年预算数（元）"
EXECUTED = "全年执行数（元）"
ACHIEVED_GOAL = "年度总体目标实际完成情况"
WEIGHT = "分值"
ACTUAL = "实际完成值"
ACHIEVEMENT = "完成程度"
JUDGED = "评定得分"
DEVIATION = "偏差原因分析及改进措施"

COLUMNS = {
    PROJECTS: [CODE, "项目名称", "年初预算数（元）", "绩效目标", FULL_YEAR, EXECUTED, ACHIEVED_GOAL],
    TARGETS: [CODE, "一级指标", "二级指标", NAME, "指标值", WEIGHT, ACTUAL, ACHIEVEMENT, JUDGED, DEVIATION],
}
KEYS = {PROJECTS: [CODE], TARGETS: [CODE, NAME]}  # locked, but read: they find the row's project and target
ENTERED = {PROJECTS: [FULL_YEAR, EXECUTED, ACHIEVED_GOAL], TARGETS: [WEIGHT, ACTUAL, ACHIEVEMENT, JUDGED, DEVIATION]}
QUALITATIVE_ONLY = {ACHIEVEMENT, JUDGED}  # locked on a quantitative target's row: its score is computed
NUMBERS = {FULL_YEAR, EXECUTED, WEIGHT, JUDGED}  # Excel refuses a negative number or text in them as it is typed
WRAPPED_COLUMNS = {ACHIEVED_GOAL, DEVIATION, "绩效目标"}  # paragraphs of text
WIDTHS = {ACHIEVED_GOAL: 40, DEVIATION: 40, "绩效目标": 40, "项目名称": 30, NAME: 24, CODE: 24, NOTE: 24}

ACHIEVEMENTS = labels(IndicatorEvaluation.Achievement.choices)  # the dropdown's list, a defined name of 选项
PROJECT_FIELDS = {"full_year_budget": FULL_YEAR, "executed": EXECUTED, "achieved_goal": ACHIEVED_GOAL}
TARGET_FIELDS = {"weight": WEIGHT, "actual_number": ACTUAL, "actual_text": ACTUAL, "achievement": ACHIEVEMENT,
                 "judged_score": JUDGED, "deviation": DEVIATION}

READ_ONLY_HELP = "只读：来自已公开的预算，导入时不读取。"
HELP = {  # sheet → column → how to fill it, for the 说明 sheet and the cell's input message (at most 255 characters)
    PROJECTS: {
        CODE: "只读。导入时用它找到本预算的项目，请不要改动。",
        "年初预算数（元）": "只读：项目在已公开预算中的金额（其项目支出明细之和），单位元。",
        "绩效目标": "只读：编制预算时设定的年度绩效目标，对照它填写实际完成情况。",
        FULL_YEAR: "自评时必填。年初预算加年中调整后的全年预算，单位元（不是万元），不小于零，最多两位小数，如 250000.00。",
        EXECUTED: "自评时必填。全年实际执行（支出）数，单位元，不小于零，最多两位小数；执行率 = 执行数 ÷ 全年预算数。",
        ACHIEVED_GOAL: "对照绩效目标，写年度总体目标的实际完成情况（文字）。",
    },
    TARGETS: {
        CODE: "只读。导入时与三级指标一起用来找到指标，请不要改动。",
        NAME: "只读。指标名称，导入时用它找到指标，请不要改动。",
        "指标值": "只读：编制预算时设定的指标值。数字的（如 ≥90%）是定量指标，文字的（如“明显提升”）是定性指标。",
        WEIGHT: "必填。指标的分值，已按默认比例预填（产出指标50、效益指标30、满意度指标10，同类平分），可以调整；"
                "一个项目各指标的分值合计应为90分（另10分是预算执行率）。",
        ACTUAL: "定量指标只填数字，可带指标值的单位（如 7600 或 7600条）；定性指标写文字，如“已完成”。",
        ACHIEVEMENT: f"仅定性指标，从下拉列表选择：{one_of(ACHIEVEMENTS)}。定量指标不填（灰色）。",
        JUDGED: "仅定性指标：在完成程度的区间内评定，达成为分值的80%–100%，部分达成60%–80%，未达成0–60%，最多两位小数。"
                "定量指标不填（灰色），得分由系统计算。",
        DEVIATION: "未完成指标值的必须填写：偏差的原因和改进措施。",
    },
}
NOTE_HELP = "不导入，可写备注。"


def help_text(sheet: str, column: str) -> str:
    return NOTE_HELP if column == NOTE else HELP[sheet].get(column, READ_ONLY_HELP)


# ------------------------------------------------------------------------------------------------ the workbook


class Row(NamedTuple):
    """A data row: its cells' texts, in the sheet's columns, and the columns the accountant may fill in it."""

    cells: list[str]
    entered: Collection[str]


def workbook(budget: Budget) -> bytes:
    """The budget's 绩效自评表 as .xlsx bytes: its projects and targets, with what is already entered."""
    self_evaluations = evaluation.for_budget(budget)
    book = Workbook(write_only=True)
    entry_workbook.write_instructions(book.create_sheet(entry_workbook.INSTRUCTIONS), _instructions(budget))
    _write_sheet(book.create_sheet(PROJECTS), [_project_row(each) for each in self_evaluations])
    _write_sheet(book.create_sheet(TARGETS), [row for each in self_evaluations for row in _target_rows(each)])
    entry_workbook.write_choices(book, book.create_sheet(entry_workbook.CHOICES), {ACHIEVEMENT: list(ACHIEVEMENTS)})
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _number(value: Decimal | None) -> str:
    """A score or value as typed: 30, 16.67, 7600 (not 30.00)."""
    return "" if value is None else f"{value.normalize():f}"


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _project_row(self_evaluation: ProjectSelfEvaluation) -> Row:
    project, done = self_evaluation.project, self_evaluation.evaluation
    return Row([
        project.code, project.name, _money(self_evaluation.initial_budget), project.goal,
        _money(done.full_year_budget if done else None), _money(done.executed if done else None),
        done.achieved_goal if done else "",
    ], ENTERED[PROJECTS])


def _target_rows(self_evaluation: ProjectSelfEvaluation) -> list[Row]:
    defaults = _default_weights(self_evaluation.targets)
    rows = []
    for target in self_evaluation.targets:
        indicator, done = target.indicator, target.evaluation
        quantitative = indicator.target_number is not None
        weight = done.weight if done else defaults.get(indicator.pk)
        actual = "" if done is None else _number(done.actual_number) if quantitative else done.actual_text
        rows.append(Row([
            self_evaluation.project.code, indicator.get_level1_display(), indicator.get_level2_display(), indicator.name,
            indicator.target, _number(weight), actual,
            done.get_achievement_display() if done else "", _number(done.judged_score if done else None),
            done.deviation if done else "",
        ], [column for column in ENTERED[TARGETS] if not (quantitative and column in QUALITATIVE_ONLY)]))
    return rows


def _default_weights(targets: Sequence[Target]) -> dict[int, Decimal]:
    """Each target's weight under the default split (scoring.default_weights), by indicator id, the targets taken
    by 一级指标 (产出, 效益, 满意度) so that the rounding's remainder falls on the last 满意度 target, as in the demo."""
    levels = list(PerformanceIndicator.Level1.values)
    ordered = sorted((target.indicator for target in targets), key=lambda i: (levels.index(i.level1), i.position, i.pk))
    return dict(zip([i.pk for i in ordered], scoring.default_weights([i.level1 for i in ordered]), strict=True))


UNLOCKED = Protection(locked=False)


def _write_sheet(sheet: WriteOnlyWorksheet, rows: list[Row]) -> None:
    """A data sheet: the header, the rows (what comes from the budget greyed and locked), each column's guidance and
    the 完成程度 dropdown; protected without a password."""
    name = sheet.title
    titles = [*COLUMNS[name], NOTE]
    read_only = [title for title in titles if title not in ENTERED[name] and title != NOTE]
    header_row(sheet, titles, [WIDTHS.get(title, 16) for title in titles], read_only)
    for row in rows:
        cells = []
        for title, value in zip(titles, [*row.cells, ""], strict=True):
            entered = title in row.entered or title == NOTE
            cell = text_cell(sheet, value, fill=None if entered else entry_workbook.READ_ONLY_FILL,
                             alignment=WRAPPED if title in WRAPPED_COLUMNS else None)
            if entered:
                cell.protection = UNLOCKED
            if title == ACTUAL:
                cell.number_format = "@"  # 95% typed stays the text "95%", not the number 0.95
            cells.append(cell)
        sheet.append(cells)
    last = max(len(rows), 1) + FIRST_DATA_ROW - 1
    for index, title in enumerate(titles, start=1):
        if title == ACHIEVEMENT:
            validation = guidance(title, help_text(name, title), ("不是可选的值", "请从下拉列表中选择。"),
                                  type="list", formula1=ACHIEVEMENT)
        elif title in NUMBERS:
            validation = guidance(title, help_text(name, title), ("不是有效的数字", "请填写不小于零的数字，不带单位。"),
                                  type="decimal", operator="greaterThanOrEqual", formula1="0")
        else:
            validation = guidance(title, help_text(name, title))
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        sheet.data_validations.append(validation)
    sheet.protection.sheet = True  # without a password: against slips; widths and heights stay adjustable
    sheet.protection.formatColumns = sheet.protection.formatRows = False


def _instructions(budget: Budget) -> list[tuple[str, ...]]:
    """The 说明 sheet's rows (kind, text of column A, B, C …)."""
    rows: list[tuple[str, ...]] = [
        ("title", "绩效自评表 使用说明"),
        ("text", f"本工作簿是“{budget.title}”各项目的年度绩效自评（项目支出绩效自评表），已填写的自评内容已列出。"),
        ("text", ""),
        ("heading", "一、这个工作簿做什么"),
        ("text", "年度终了，对照编制预算时设定的绩效目标，逐个项目填写全年预算数、全年执行数和年度总体目标的实际完成情况，"
                 "逐个绩效指标填写实际完成值、分值和偏差原因，再在管理后台导入。得分由系统按评分规则计算："
                 "预算执行率10分（执行率×10，最多10分），绩效指标共90分；总分90分以上为优，80–90良，60–80中，60以下差。"),
        ("text", ""),
        ("heading", "二、填写"),
        ("text", f"1. 「{PROJECTS}」：每个项目一行，填全年预算数、全年执行数（单位元，最多两位小数）和年度总体目标实际完成情况。"),
        ("text", f"2. 「{TARGETS}」：每个绩效指标一行。分值已按默认比例预填，可以调整，每个项目的分值合计应为90分。"),
        ("text", "定量指标（指标值是数字）：实际完成值只填数字，完成程度和评定得分不填（灰色），得分按完成比例计算。"
                 "例：指标值“≥8000条”，实际完成值填 7600，得分为分值×7600÷8000，并须填写偏差原因分析及改进措施。"),
        ("text", "定性指标（指标值是文字）：实际完成值写文字，从下拉列表选完成程度，在它的区间内评定得分："
                 "达成为分值的80%–100%，部分达成60%–80%，未达成0–60%。例：分值10分、部分达成，评定得分应在6至8分之间。"),
        ("text", f"一行的{ACTUAL}、{ACHIEVEMENT}、{JUDGED}、{DEVIATION}都空着，视为该指标尚未自评（预填的分值不导入）；"
                 f"项目行的{FULL_YEAR}、{EXECUTED}和完成情况都空着，视为该项目尚未自评。可以分几次填写、导入。"),
        ("text", ""),
        ("heading", "三、注意"),
        ("text", f"灰色的格子来自已公开的预算或不适用，已锁定，导入时不读取；{CODE}和{NAME}用来找到项目和指标，不要改动。"
                 "工作表已保护（没有密码），防止误改：请不要增删行、不要改表名和列名。"),
        ("text", "只填数值，不要用公式：含公式的单元格导入时会被拒绝（请复制后“选择性粘贴 → 数值”）。"),
        ("text", "导入会替换本预算已导入的全部绩效自评；逐行检查，有任何一处问题都不会写入，并列出问题所在的表、行、列。"
                 + entry_workbook.FILE_LIMITS),
        ("text", "只有本部门的会计可以导入，且只在预算公开之后（发起更正期间不能导入）。"),
        ("text", ""),
    ]
    guide = entry_workbook.column_guide("四、各表各列的填法", {name: [*COLUMNS[name], NOTE] for name in SHEETS}, help_text)
    return rows + guide


# ------------------------------------------------------------------------------------------------ the import


class Upload(Protocol):
    """A file to import: Django's UploadedFile, or a File opened on a path."""

    name: str | None
    size: int

    def read(self, size: int = -1) -> bytes: ...


@dataclass
class Parsed:
    """A file's evaluations, unsaved, and every problem found."""

    errors: list[str] = field(default_factory=list)
    projects: list[ProjectEvaluation] = field(default_factory=list)
    targets: list[IndicatorEvaluation] = field(default_factory=list)

    def summary(self) -> str:
        """What the file holds, counted: "项目自评6个，指标自评40个"."""
        return f"项目自评{len(self.projects)}个，指标自评{len(self.targets)}个"


def import_evaluation(budget: Budget, file: Upload, user: Actor) -> Parsed:
    """Replace the budget's self-evaluation with a workbook's; raises PermissionDenied for whoever may not evaluate
    it, ValidationError with every problem of the file, writing nothing either way."""
    _require_may_evaluate(user, budget)
    spreadsheet.check_size(file.size)
    filename = Path(file.name or "").name
    sheets = _read(filename, file.read(spreadsheet.MAX_FILE_BYTES + 1))  # a size that lies is checked again
    reason = f"导入绩效自评表 {filename}"
    recorded = access.recorded_user(user)
    with transaction.atomic():
        # The budget locked and asked again: reopened for a correction meanwhile, its targets may be new rows.
        locked = Budget.objects.select_for_update().select_related("department").get(pk=budget.pk)
        _require_may_evaluate(user, locked)
        parsed = _parse(locked, sheets)
        if parsed.errors:
            raise imports.refusal(parsed.errors)
        # Targets' evaluations first: nothing refers to either, but the order reads as the dependency does.
        imports.replace(IndicatorEvaluation.objects.filter(indicator__project__budget=locked), parsed.targets,
                        recorded, reason)
        imports.replace(ProjectEvaluation.objects.filter(project__budget=locked), parsed.projects, recorded, reason)
    return parsed


def _require_may_evaluate(user: Actor, budget: Budget) -> None:
    if budget.status != Budget.Status.PUBLISHED:
        raise PermissionDenied(f"预算公开后才能导入绩效自评，本预算状态为“{budget.get_status_display()}”。")
    status = access.evaluation_status(budget)
    if status not in Budget.EDITABLE_STATUSES:
        raise PermissionDenied(f"绩效自评{EvaluationReview.Status(status).label}，退回后才能导入。")
    if not access.may_evaluate(user, budget):
        raise PermissionDenied("只能导入本部门预算的绩效自评。")


def _read(filename: str, content: bytes) -> dict[str, spreadsheet.Sheet]:
    """The file's two data sheets, each with its columns; the instructions and lists are not read."""
    if Path(filename).suffix.lower() != ".xlsx":
        raise ValidationError("请上传从系统下载的绩效自评表（.xlsx 工作簿）。")
    sheets = spreadsheet.read(filename, content, only=SHEETS)
    missing = [name for name in SHEETS if name not in sheets]
    if missing:
        raise ValidationError(f"工作簿缺少工作表：{'、'.join(missing)}（应有：{'、'.join(SHEETS)}；表名须与绩效自评表一致）。")
    for name in SHEETS:
        spreadsheet.require_columns(sheets[name], KEYS[name] + ENTERED[name], where=f"「{name}」")
    return sheets


def _parse(budget: Budget, sheets: Mapping[str, spreadsheet.Sheet]) -> Parsed:
    """Check every row against the budget's projects and targets and against the models; nothing is written."""
    parsed = Parsed()
    projects = {each.project.code: each for each in evaluation.for_budget(budget)}
    _parse_projects(parsed, sheets[PROJECTS], projects)
    _parse_targets(parsed, sheets[TARGETS], projects)
    if not parsed.errors and not parsed.projects and not parsed.targets:  # a blank file would erase everything
        parsed.errors.append("文件中没有填写任何自评内容（全年预算数、实际完成值等）。")
    return parsed


class _CellProblems(Problems):
    """Problems, the first one a cell: a formula cell, refused as such, is not refused again for the value the file
    stored for it (none at all from a program that does not calculate)."""

    def add(self, row: int, column: str, message: str) -> None:
        if not self.has(row, column):
            super().add(row, column, message)


def _project(
    problems: Problems, number: int, code: str, projects: Mapping[str, ProjectSelfEvaluation]
) -> ProjectSelfEvaluation | None:
    """The row's project of this budget, or None with a problem recorded."""
    if code not in projects:
        problems.add(number, CODE, f"“{code}”不是本预算的项目编码。" if code else "不能为空。")
    return projects.get(code)


def _parse_projects(parsed: Parsed, sheet: spreadsheet.Sheet, projects: Mapping[str, ProjectSelfEvaluation]) -> None:
    problems = _CellProblems(parsed.errors, PROJECTS)
    refuse_formulas(problems, sheet)
    duplicates(problems, sheet, [CODE])
    for number, record in sheet.rows:
        found = _project(problems, number, record[CODE], projects)
        if found is None or not any(record[column] for column in ENTERED[PROJECTS]):
            continue  # not evaluated yet
        entered = ProjectEvaluation(
            project=found.project, achieved_goal=record[ACHIEVED_GOAL],
            **read_cells(
                full_year_budget=read_amount(problems, number, FULL_YEAR, record[FULL_YEAR], positive=False),
                executed=read_amount(problems, number, EXECUTED, record[EXECUTED], positive=False),
            ),
        )
        model_errors(problems, number, entered, PROJECT_FIELDS, exclude=["project"])
        parsed.projects.append(entered)


def _parse_targets(parsed: Parsed, sheet: spreadsheet.Sheet, projects: Mapping[str, ProjectSelfEvaluation]) -> None:
    problems = _CellProblems(parsed.errors, TARGETS)
    refuse_formulas(problems, sheet)
    rows_of: dict[int, int] = {}  # indicator id → the row evaluating it
    for number, record in sheet.rows:
        found = _project(problems, number, record[CODE], projects)
        indicator = _indicator(problems, number, record, found) if found else None
        if indicator is None:
            continue
        if indicator.pk in rows_of:
            problems.add(number, NAME, f"与第{rows_of[indicator.pk]}行是同一个指标。")
            continue
        rows_of[indicator.pk] = number
        if not any(record[column] for column in ENTERED[TARGETS] if column != WEIGHT):
            continue  # not evaluated yet: its 分值 is the workbook's default, not a choice
        entered = IndicatorEvaluation(
            indicator=indicator, deviation=record[DEVIATION],
            **read_cells(
                weight=read_amount(problems, number, WEIGHT, record[WEIGHT], positive=False),
                achievement=choice(problems, number, ACHIEVEMENT, record[ACHIEVEMENT], {"": "", **ACHIEVEMENTS}),
            ),
            judged_score=read_amount(problems, number, JUDGED, record[JUDGED], positive=False) if record[JUDGED] else None,
            **_actual(problems, number, record[ACTUAL], indicator),
        )
        model_errors(problems, number, entered, TARGET_FIELDS, exclude=["indicator"])
        parsed.targets.append(entered)


def _indicator(
    problems: Problems, number: int, record: spreadsheet.Record, found: ProjectSelfEvaluation
) -> PerformanceIndicator | None:
    """The project's target the row names (by 三级指标; by its 一级 and 二级指标 too where two share a name), or None
    with a problem recorded."""
    name, code = record[NAME], found.project.code
    matches = [target.indicator for target in found.targets if target.indicator.name == name]
    if len(matches) > 1:
        levels = (record["一级指标"], record["二级指标"])
        matches = [i for i in matches if (i.get_level1_display(), i.get_level2_display()) == levels]
    if len(matches) == 1:
        return matches[0]
    if not name:
        problems.add(number, NAME, "不能为空。")
    elif any(target.indicator.name == name for target in found.targets):
        problems.add(number, NAME, f"项目“{code}”有多个名为“{name}”的绩效指标：一级指标、二级指标须与预算中的一致。")
    else:
        problems.add(number, NAME, f"“{name}”不是项目“{code}”的绩效指标（三级指标须与已公开的预算一致）。")
    return None


def _actual(problems: Problems, number: int, text: str, indicator: PerformanceIndicator) -> dict[str, object]:
    """实际完成值: a number for a quantitative target (its unit, as in the 指标值, allowed after it), else a text."""
    if indicator.target_number is None:
        return {"actual_text": text}
    unit = indicator.target_unit
    value = text.removesuffix(unit).strip() if unit else text
    return {"actual_number": read_amount(problems, number, ACTUAL, value, positive=False) if value else None}
