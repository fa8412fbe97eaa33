"""The review rules (审核规则) a budget must pass before submission (docs/workflow.md, Checks).

An error blocks submission; a warning blocks it until the accountant has written an explanation
(WarningExplanation, same rule and target) of the warning as it reads now: an explanation written
when the warning's figures were different is stale (过期) and no longer counts. The rules are small
functions of one Facts bundle, read in a constant number of queries whatever the number of lines and
projects; every amount is Decimal 元 and every message quotes 万元 as the document does (money.in_words).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Required, TypedDict

from django.core.exceptions import ValidationError
from django.db.models import Field, Model

from budget import access, document
from budget.builders import codes, narrative
from budget.builders.money import ZERO, in_words, percent
from budget.models import (
    Budget,
    BudgetLine,
    CheckRun,
    ControlFigure,
    ExpenditureKind,
    FunctionSubject,
    FundingSource,
    Project,
    PublishedVersion,
    WarningExplanation,
)
from performance.models import PerformanceIndicator

if TYPE_CHECKING:
    from budget.access import Actor

ERROR = "error"
WARNING = "warning"

REQUIRED_TEXTS = ("duties", "running_cost_uses", "overall_goal")
PROJECT_TEXTS = ("name", "short_name", "purpose", "goal")
INDICATOR_TEXTS = ("name", "description", "target_text", "target_unit")
# workflow.PLACEHOLDERS plus the full-width ＸＸ; not lower-case "xx", which gov.cn addresses use (…/xxgk/).
PLACEHOLDERS = re.compile(r"XX|ＸＸ|××|待填写|待补充|TODO")
PLAN_MONTHS = ("3月底", "6月底", "10月底", "12月底")
CHANGE_THRESHOLD = Decimal("0.1")  # a change of 10% or more needs a reason


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, and where it points."""

    rule: str
    severity: str
    message: str
    table: str = ""
    row: str = ""
    field: str = ""

    @property
    def target(self) -> str:
        """"table/row/field" without the empty parts: the key of a WarningExplanation."""
        return "/".join(part for part in (self.table, self.row, self.field) if part)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class FindingFields(TypedDict, total=False):
    """What a rule yields of each Finding: all but its rule and severity."""

    message: Required[str]
    table: str
    row: str
    field: str


Check = Callable[["Facts"], Iterable[FindingFields]]  # a rule's function: the findings of a budget's Facts


@dataclass(frozen=True)
class Rule:
    """A rule: its stable id, severity, short Chinese title and the function that finds its problems."""

    id: str
    severity: str
    title: str
    check: Check


RULES: list[Rule] = []


def rule(id: str, severity: str, title: str) -> Callable[[Check], Check]:
    """Register the decorated function, which yields Finding fields, as a rule. The rules run in id order,
    whichever module registers them (performance/checks.py registers the indicators' rules)."""

    def register(check: Check) -> Check:
        bisect.insort(RULES, Rule(id, severity, title, check), key=lambda registered: registered.id)
        return check

    return register


LineError = tuple[BudgetLine, str, str]  # (line, field, message)


@dataclass(frozen=True)
class Facts:
    """Everything the rules read about a budget."""

    budget: Budget
    doc: document.Document
    lines: list[BudgetLine]  # with their subjects, project and unit loaded
    line_errors: list[LineError]  # from the model's own validation
    control_figures: dict[tuple[str, str], Decimal]  # (kind, source) → 元
    classes: dict[str, Decimal]  # function 类 → 元 in this budget
    prior_classes: dict[str, Decimal] | None  # function 类 → 元 in last year's published budget, if any
    class_names: dict[str, str]  # function 类 → name


def gather(budget: Budget, doc: document.Document | None = None) -> Facts:
    """The Facts of a budget (a constant number of queries); doc is its document if already built."""
    doc = doc or document.build(budget)
    lines = list(budget.lines.select_related("function_subject", "economic_subject", "project", "unit"))
    classes = _class_sums(lines)
    prior_classes = _prior_class_sums(doc.prior_version)
    return Facts(
        budget=budget,
        doc=doc,
        lines=lines,
        line_errors=[error for line in lines for error in _line_errors(line)],
        control_figures=_control_figures(budget),
        classes=classes,
        prior_classes=prior_classes,
        class_names={} if prior_classes is None else _class_names(budget.year, {*classes, *prior_classes}),
    )


def _control_figures(budget: Budget) -> dict[tuple[str, str], Decimal]:
    """The bureau's control figures for the budget's department and year, by (kind, source)."""
    figures = ControlFigure.objects.filter(department=budget.department_id, year=budget.year)
    return {(kind, source): amount for kind, source, amount in figures.values_list("kind", "source", "amount")}


def _class_names(year: int, class_codes: Collection[str]) -> dict[str, str]:
    """The names of the year's function 类 of these codes."""
    return dict(FunctionSubject.objects.filter(year=year, code__in=class_codes).values_list("code", "name"))


def _line_errors(line: BudgetLine) -> list[LineError]:
    """The model's own validation of a line, as (line, field, message); lines may arrive by bulk import."""
    errors: list[LineError] = []
    # Foreign keys are left out: validating one costs a query per line, and they are loaded anyway.
    for validate in (lambda: line.clean_fields(exclude=BudgetLine.RELATIONS), line.clean):
        try:
            validate()
        except ValidationError as error:
            errors += [(line, field, message) for field, messages in error.message_dict.items() for message in messages]
    return errors


def _prior_class_sums(previous: PublishedVersion | None) -> dict[str, Decimal] | None:
    """元 by function 类 as last year's published version froze them; None without one."""
    if previous is None:
        return None
    return {code: Decimal(amount) for code, amount in previous.figures["function_classes"].items()}


def _class_sums(lines: Iterable[BudgetLine]) -> dict[str, Decimal]:
    """元 by function 类 (the first three digits of the 项 code)."""
    sums: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        sums[codes.class_code(line.function_subject.code)] += line.amount
    return dict(sums)


# Where findings point, and how messages name things.

def _line_row(line: BudgetLine) -> str:
    return f"{line.function_subject.code}/{line.economic_subject.code}"


def _project_label(project: Project) -> str:
    return f"项目“{project.name}”（{project.code}）"


def about_project(project: Project, text: str, table: str, field: str, row: str = "") -> FindingFields:
    """Finding fields of a project: the message starts with its name and code."""
    return FindingFields(message=f"{_project_label(project)}{text}", table=table, row=row or project.code, field=field)


def field_label(model: type[Model], name: str) -> str:
    """The label of a model's field by its name (the checks name fields, never a reverse relation)."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # get_field also finds reverse relations, which have no verbose_name
    return str(field.verbose_name)


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _change_needs_reason(current: Decimal, prior: Decimal | None) -> bool:
    """True when current differs from a known prior figure by 10% or more (any change from zero)."""
    return prior is not None and current != prior and abs(current - prior) >= prior * CHANGE_THRESHOLD


def _change_words(current: Decimal, prior: Decimal | None) -> str:
    """"本年X万元，上年Y万元，增加Z万元（16.4%）"."""
    text = f"本年{in_words(current)}万元，上年{in_words(prior)}万元，{narrative.change_phrase(current, prior)}"
    return text + (f"（{percent(abs(current - prior), prior)}）" if prior else "")


def _kind_source_label(kind: str, source: str) -> str:
    """E.g. "基本支出·一般公共预算拨款"; an unknown value (bulk import) is shown as it is."""
    return f"{dict(ExpenditureKind.choices).get(kind, kind)}·{dict(FundingSource.choices).get(source, source)}"


def _current_by_kind_source(lines: Iterable[BudgetLine]) -> dict[tuple[str, str], Decimal]:
    """This year's money (上年结转 excluded: a control figure caps the year's new money) by kind and source."""
    sums: defaultdict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        if not line.is_carryover:
            sums[(line.kind, line.source)] += line.amount
    return dict(sums)


def _against_control_figures(facts: Facts) -> Iterator[tuple[str, Decimal, Decimal]]:
    """(label, this year's amount, control figure) for each control figure of the department and year."""
    sums = _current_by_kind_source(facts.lines)
    for (kind, source), ceiling in facts.control_figures.items():
        yield _kind_source_label(kind, source), sums.get((kind, source), ZERO), ceiling


def _control_finding(label: str, amount: Decimal, ceiling: Decimal, difference: str) -> FindingFields:
    return FindingFields(
        message=f"{label}本年安排{in_words(amount)}万元，预算控制数{in_words(ceiling)}万元，{difference}。",
        table="预算控制数", row=label,
    )


def _line_findings(facts: Facts, fields: Collection[str]) -> Iterator[FindingFields]:
    """Findings of the lines' own validation errors on the given fields."""
    for line, field, message in facts.line_errors:
        if field in fields:
            row = _line_row(line)
            yield FindingFields(
                message=f"预算明细{row}（{in_words(line.amount)}万元）：{message}",
                table="预算明细", row=row, field=field_label(BudgetLine, field),
            )


# Errors: they block submission.

@rule("C01", ERROR, "科目须为本年度末级科目（功能分类项级、经济分类款级）")
def subjects_valid_and_leaf(facts: Facts) -> Iterable[FindingFields]:
    """Every line's function subject is a 项 and its economic subject a 款 of the budget's year."""
    return _line_findings(facts, {"function_subject", "economic_subject"})


@rule("C02", ERROR, "项目支出须选择本预算的项目，其他支出不选项目")
def project_lines_have_projects(facts: Facts) -> Iterable[FindingFields]:
    """A 项目支出 line has a project of this budget; any other line has none."""
    return _line_findings(facts, {"project"})


@rule("C03", ERROR, "明细的单位须为本部门或其所属单位")
def line_units_belong(facts: Facts) -> Iterable[FindingFields]:
    """A line's unit is the department or one of its units."""
    return _line_findings(facts, {"unit"})


@rule("C04", ERROR, "明细的支出类型、资金来源须为规定选项，金额须大于零")
def line_values_valid(facts: Facts) -> Iterable[FindingFields]:
    """Each line's kind and source are among the choices and its amount is positive."""
    return _line_findings(facts, {"kind", "source", "amount", "is_carryover"})


@rule("C05", ERROR, "项目须有预算明细")
def projects_have_lines(facts: Facts) -> Iterable[FindingFields]:
    """A project with no lines has no amount: it would print 0.00万元."""
    for sheet in facts.doc.project_sheets:
        if not sheet.amount:
            yield about_project(sheet.project, "没有项目支出明细，项目金额为0.00万元。", "项目", "项目金额")


@rule("C08", ERROR, "资金支出计划须填写完整、逐期不减，12月底为100%")
def spending_plan_rises_to_100(facts: Facts) -> Iterable[FindingFields]:
    """The cumulative plan at the end of March, June, October and December is complete, rising, 100 at the end."""
    for sheet in facts.doc.project_sheets:
        project, plan = sheet.project, sheet.project.spending_plan
        missing = [month for month, percent in zip(PLAN_MONTHS, plan, strict=True) if percent is None]
        if missing:
            yield about_project(project, f"的资金支出计划未填写{'、'.join(missing)}。", "项目", "资金支出计划")
            continue
        drops = [
            f"{PLAN_MONTHS[i + 1]}{plan[i + 1]}%低于{PLAN_MONTHS[i]}{plan[i]}%"
            for i in range(len(plan) - 1) if plan[i + 1] < plan[i]
        ]
        if drops:
            yield about_project(project, f"的资金支出计划是累计数，不应减少：{'；'.join(drops)}。", "项目", "资金支出计划")
        if plan[-1] != 100:
            yield about_project(project, f"的资金支出计划12月底应为100%，现为{plan[-1]}%。", "项目", "资金支出计划")


@rule("C09", ERROR, "必填说明文字不能为空")
def required_texts_present(facts: Facts) -> Iterable[FindingFields]:
    """部门职责, 机关运行经费主要用途 and 总体绩效目标 are written."""
    for field in REQUIRED_TEXTS:
        if _blank(getattr(facts.budget, field)):
            name = field_label(Budget, field)
            yield FindingFields(message=f"未填写{name}。", table="说明文字", field=name)


@rule("C10", ERROR, "收入总计须等于支出总计")
def income_equals_expenditure(facts: Facts) -> Iterable[FindingFields]:
    """Table 1's 收入总计 equals its 支出总计."""
    summary = facts.doc.summary
    income, expenditure = summary.income_total, summary.expenditure_total
    if income != expenditure:
        yield FindingFields(
            message=(
                f"收支总表的收入总计{in_words(income)}万元不等于支出总计{in_words(expenditure)}万元"
                f"（相差{abs(income - expenditure)}元）。"
            ),
            table="收支总表", row="收入总计/支出总计",
        )


@rule("C11", ERROR, "预算不得超过财政局下达的控制数")
def within_control_figures(facts: Facts) -> Iterable[FindingFields]:
    """This year's money of each kind and source is not above the bureau's control figure."""
    for label, amount, ceiling in _against_control_figures(facts):
        if amount > ceiling:
            yield _control_finding(label, amount, ceiling, f"超出{in_words(amount - ceiling)}万元")


@rule("C12", ERROR, "文字中不得留有占位符（XX、××、待填写、待补充、TODO）")
def no_placeholder_text(facts: Facts) -> Iterable[FindingFields]:
    """No template placeholder in the explanation, the projects or their indicators."""
    for field in document.TEXT_FIELDS:
        yield from _placeholder(getattr(facts.budget, field), "说明文字", "", Budget, field, "")
    for sheet in facts.doc.project_sheets:
        project = sheet.project
        label = _project_label(project)
        for field in PROJECT_TEXTS:
            yield from _placeholder(getattr(project, field), "项目", project.code, Project, field, label + "的")
        for indicator in project.indicators.all():
            row, owner = f"{project.code}/{indicator.name}", f"{label}的绩效指标“{indicator.name}”的"
            for field in INDICATOR_TEXTS:
                yield from _placeholder(getattr(indicator, field), "绩效指标", row, PerformanceIndicator, field, owner)


def _placeholder(
    text: str | None, table: str, row: str, model: type[Model], field: str, owner: str
) -> Iterator[FindingFields]:
    """A finding when text holds a placeholder."""
    match = PLACEHOLDERS.search(text or "")
    if match:
        name = field_label(model, field)
        yield FindingFields(
            message=f"{owner}{name}含有占位文字“{match.group(0)}”，请改为实际内容。",
            table=table, row=row, field=name,
        )


# Warnings: they need a written explanation before submission.

@rule("C13", WARNING, "“三公”经费比上年增减，须说明原因")
def three_public_change_explained(facts: Facts) -> Iterable[FindingFields]:
    """三公 above or below last year's figure comes with a written reason: its section's heading promises one."""
    current, prior = facts.doc.summary.three_public, facts.doc.prior.three_public
    if prior is not None and current != prior and _blank(facts.budget.three_public_change_reason):
        name = field_label(Budget, "three_public_change_reason")
        yield FindingFields(
            message=f"财政拨款“三公”经费{_change_words(current, prior)}，未填写{name}。",
            table="说明文字", field=name,
        )


@rule("C14", WARNING, "基本支出、项目支出比上年增减10%以上，须说明原因")
def basic_and_project_changes_explained(facts: Facts) -> Iterable[FindingFields]:
    """A change of 10% or more of the basic or project total from last year comes with a reason."""
    summary, prior = facts.doc.summary, facts.doc.prior
    for label, current, previous, field in (
        ("基本支出", summary.basic, prior.basic, "basic_change_reason"),
        ("项目支出", summary.project, prior.project, "project_change_reason"),
    ):
        if _change_needs_reason(current, previous) and _blank(getattr(facts.budget, field)):
            name = field_label(Budget, field)
            yield FindingFields(
                message=f"{label}{_change_words(current, previous)}，未填写{name}。", table="说明文字", field=name
            )


@rule("C15", WARNING, "功能分类类级支出比上年增减10%以上，须说明原因")
def class_changes_explained(facts: Facts) -> Iterable[FindingFields]:
    """A function 类 that changed by 10% or more from last year's published budget is explained."""
    if facts.prior_classes is None:
        return
    for code in sorted(set(facts.classes) | set(facts.prior_classes)):
        amount, previous = facts.classes.get(code, ZERO), facts.prior_classes.get(code, ZERO)
        if _change_needs_reason(amount, previous):
            yield FindingFields(
                message=(
                    f"功能分类{code}{facts.class_names.get(code, '')}{_change_words(amount, previous)}，"
                    f"变动达10%以上，请说明原因。"
                ),
                table="支出总表", row=code,
            )


@rule("C16", WARNING, "预算低于财政局下达的控制数")
def control_figures_used(facts: Facts) -> Iterable[FindingFields]:
    """This year's money of each kind and source below its control figure is explained."""
    for label, amount, ceiling in _against_control_figures(facts):
        if amount < ceiling:
            yield _control_finding(label, amount, ceiling, f"尚有{in_words(ceiling - amount)}万元未安排")


@rule("C17", WARNING, "有预算但没有对应的控制数")
def control_figures_cover_lines(facts: Facts) -> Iterable[FindingFields]:
    """Money of a kind and source the bureau gave no control figure for, when it gave the department some."""
    if not facts.control_figures:
        return
    for (kind, source), amount in sorted(_current_by_kind_source(facts.lines).items()):
        if (kind, source) not in facts.control_figures:
            label = _kind_source_label(kind, source)
            yield FindingFields(
                message=f"{label}本年安排{in_words(amount)}万元，但财政局没有下达该项预算控制数。",
                table="预算控制数", row=label,
            )


# The interface the admin and the workflow use.

def run(budget: Budget, doc: document.Document | None = None) -> list[Finding]:
    """All findings for a budget, errors first, in rule order (a constant number of queries); doc is its
    document if the caller has already built it."""
    facts = gather(budget, doc)
    findings = [Finding(rule.id, rule.severity, **fields) for rule in RULES for fields in rule.check(facts)]
    unique = list(dict.fromkeys(findings))  # lines with the same codes repeat the same finding
    return sorted(unique, key=lambda finding: not finding.is_error)


def record(budget: Budget, user: Actor, findings: Sequence[Finding]) -> CheckRun:
    """Save a CheckRun of these findings."""
    return CheckRun.objects.create(
        budget=budget,
        user=access.recorded_user(user),
        errors=sum(1 for finding in findings if finding.is_error),
        warnings=sum(1 for finding in findings if not finding.is_error),
        findings=[{**asdict(finding), "target": finding.target} for finding in findings],
    )


@dataclass(frozen=True)
class Explained:
    """A finding with the accountant's explanation of it, if any (errors have none)."""

    finding: Finding
    explanation: WarningExplanation | None

    @property
    def is_stale(self) -> bool:
        """The explanation was written when the warning read otherwise (its figures have changed since)."""
        return self.explanation is not None and self.explanation.warning_message != self.finding.message

    @property
    def is_explained(self) -> bool:
        """A warning with a non-blank explanation of what it says now."""
        return self.explanation is not None and not _blank(self.explanation.text) and not self.is_stale


def explanations(budget: Budget, findings: Iterable[Finding]) -> list[Explained]:
    """Each finding with its explanation (same rule and target), in the findings' order (one query)."""
    stored = {(e.rule, e.target): e for e in budget.warning_explanations.all()}
    return [
        Explained(finding, None if finding.is_error else stored.get((finding.rule, finding.target)))
        for finding in findings
    ]


def explain(budget: Budget, finding: Finding, text: str, user: Actor) -> WarningExplanation:
    """Store the explanation of a warning as explaining what the warning says now."""
    explanation, _ = WarningExplanation.objects.update_or_create(
        budget=budget, rule=finding.rule, target=finding.target,
        defaults={"text": text, "warning_message": finding.message, "user": access.recorded_user(user)},
    )
    return explanation


def save_explanations(
    budget: Budget, user: Actor, findings: Iterable[Finding], texts: Mapping[tuple[str, str], str],
    confirmed: Collection[tuple[str, str]],
) -> int:
    """Store the warnings' explanations as typed on the checks page; the number stored.

    texts maps (rule, target) to the text typed; confirmed holds the (rule, target) of stale explanations
    the accountant says still hold. A blank text changes nothing, nor does an unchanged one: a stale
    explanation stays stale until it is rewritten or confirmed, not merely re-sent with the page.
    """
    saved = 0
    for item in explanations(budget, findings):
        finding = item.finding
        key = (finding.rule, finding.target)
        text = texts.get(key, "").strip()
        if finding.is_error or not text:
            continue
        unchanged = item.explanation is not None and item.explanation.text == text
        if unchanged and not (item.is_stale and key in confirmed):
            continue
        explain(budget, finding, text, user)
        saved += 1
    return saved


def unexplained_warnings(budget: Budget, findings: Iterable[Finding]) -> list[Finding]:
    """The warnings with no current written explanation (none, blank, or stale)."""
    return [item.finding for item in explanations(budget, findings) if not item.finding.is_error
            and not item.is_explained]


def blocking(budget: Budget, findings: Sequence[Finding]) -> list[Finding]:
    """What stops submission: the errors and the unexplained warnings."""
    return [f for f in findings if f.is_error] + unexplained_warnings(budget, findings)
