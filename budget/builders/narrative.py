"""The figures the explanation (第一部分 说明) quotes, and its generated sentences.

Pure functions, like the table builders: the same lines give the figures, so a sentence can never
disagree with a table. Every amount is 元 until a sentence prints it in 万元 (money.in_words).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from budget.builders import codes, tables
from budget.builders.money import ZERO, in_words


@dataclass(frozen=True)
class Summary:
    """A budget's headline figures, in 元."""

    general_budget: Decimal
    government_fund: Decimal
    state_capital: Decimal
    special_account: Decimal
    unit_funds: Decimal
    carryover: Decimal
    basic: Decimal
    project: Decimal
    other_kinds: Decimal
    personnel: Decimal
    public_expense: Decimal
    overseas_travel: Decimal
    vehicle_purchase: Decimal
    vehicle_upkeep: Decimal
    reception: Decimal

    @property
    def income_total(self) -> Decimal:
        """收入总计: this year's income and last year's carry-over."""
        return (self.general_budget + self.government_fund + self.state_capital + self.special_account
                + self.unit_funds + self.carryover)

    @property
    def expenditure_total(self) -> Decimal:
        """支出总计."""
        return self.basic + self.project + self.other_kinds

    @property
    def administrative_running_cost(self) -> Decimal:
        """机关运行经费: table 6's 公用经费."""
        return self.public_expense

    @property
    def vehicle(self) -> Decimal:
        """公务用车购置及运维费."""
        return self.vehicle_purchase + self.vehicle_upkeep

    @property
    def three_public(self) -> Decimal:
        """财政拨款"三公"经费."""
        return self.overseas_travel + self.vehicle + self.reception


def summarize(lines: Iterable[tables.Line], classifications: tables.Classifications) -> Summary:
    """The Summary of a budget's lines."""
    listed = list(lines)

    def total(predicate: Callable[[tables.Line], bool]) -> Decimal:
        return sum((line.amount for line in listed if predicate(line)), ZERO)

    def current(*sources: str) -> Decimal:
        return total(lambda line: line.source in sources and not line.is_carryover)

    def general_basic(personnel: bool) -> Decimal:
        return total(lambda line: line.source == tables.GENERAL_BUDGET and line.kind == tables.BASIC
                     and (codes.class_code(line.economic_code) in classifications.personnel_classes) == personnel)

    def three_public(economic_codes: tuple[str, ...]) -> Decimal:
        return total(lambda line: line.source in tables.FISCAL_SOURCES and line.economic_code in economic_codes)

    return Summary(
        general_budget=current(tables.GENERAL_BUDGET),
        government_fund=current(tables.GOVERNMENT_FUND),
        state_capital=current(tables.STATE_CAPITAL),
        special_account=current(tables.SPECIAL_ACCOUNT),
        unit_funds=current(*tables.UNIT_FUND_SOURCES),
        carryover=total(lambda line: line.is_carryover),
        basic=total(lambda line: line.kind == tables.BASIC),
        project=total(lambda line: line.kind == tables.PROJECT),
        other_kinds=total(lambda line: line.kind not in (tables.BASIC, tables.PROJECT)),
        personnel=general_basic(personnel=True),
        public_expense=general_basic(personnel=False),
        overseas_travel=three_public(tables.OVERSEAS_TRAVEL),
        vehicle_purchase=three_public(tables.VEHICLE_PURCHASE),
        vehicle_upkeep=three_public(tables.VEHICLE_UPKEEP),
        reception=three_public(tables.RECEPTION),
    )


@dataclass(frozen=True)
class PriorYear:
    """Last year's totals in 元; None where there is no figure (never taken as zero)."""

    total: Decimal | None = None
    basic: Decimal | None = None
    project: Decimal | None = None
    three_public: Decimal | None = None


# An accountant's text may end with its own mark; the template's join then replaces it, never adds a second.
TRAILING_MARKS = "。；，、,;.： \n"


def punctuated(text: str, mark: str = "。") -> str:
    """text ending in exactly one mark: its own trailing punctuation (and spaces) give way to mark."""
    return text.rstrip(TRAILING_MARKS) + mark


def introduced(lead: str, reason: str) -> str:
    """lead + reason, unless the reason already opens with 主要 (主要是, 主要为, 主要原因…) or the lead itself:
    "主要为主要是…" reads as a slip."""
    reason = reason.strip()
    return reason if reason.startswith(("主要", lead)) else lead + reason


def matched_brackets(text: str) -> str:
    """An ASCII ")" closing a full-width "（" becomes "）", as the full-width pair is the document's style."""
    result, open_full_width = [], 0
    for char in text:
        if char == "（":
            open_full_width += 1
        elif char == "）" and open_full_width:
            open_full_width -= 1
        elif char == ")" and open_full_width:
            open_full_width -= 1
            char = "）"
        result.append(char)
    return "".join(result)


def change_phrase(current: Decimal, prior: Decimal | None) -> str | None:
    """"增加1.00万元" / "减少1.00万元", or None when there is no prior figure."""
    if prior is None:
        return None
    difference = current - prior
    return f"{'减少' if difference < 0 else '增加'}{in_words(abs(difference))}万元"


def income_statement(year: int, summary: Summary) -> str:
    """收入说明."""
    s = summary
    return (
        f"反映本部门当年全部收入。{year}年预算收入{in_words(s.income_total)}万元，其中：一般公共预算收入"
        f"{in_words(s.general_budget)}万元，基金预算收入{in_words(s.government_fund)}万元，国有资本经营预算收入"
        f"{in_words(s.state_capital)}万元，财政专户核拨收入{in_words(s.special_account)}万元，单位资金收入"
        f"{in_words(s.unit_funds)}万元，上年结转结余{in_words(s.carryover)}万元。"
    )


def expenditure_statement(department_name: str, year: int, summary: Summary, project_names: list[str]) -> str:
    """支出说明, naming the projects the project expenditure is mainly for."""
    s = summary
    text = (
        f"收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映{department_name}年度部门预算中"
        f"支出预算的总体情况。{year}年支出预算{in_words(s.expenditure_total)}万元，其中基本支出{in_words(s.basic)}万元，"
        f"包括人员经费{in_words(s.personnel)}万元和日常公用经费{in_words(s.public_expense)}万元；"
        f"项目支出{in_words(s.project)}万元"
    )
    if project_names:
        text += f"，主要为{'、'.join(project_names)}等项目资金"
    if s.other_kinds:
        text += f"；经营支出等其他支出{in_words(s.other_kinds)}万元"
    return text


def change_statement(
    year: int, summary: Summary, prior: PriorYear, basic_reason: str, project_reason: str
) -> str:
    """比上年增减情况; says so plainly when last year's figures are not known. A change is followed by the
    accountant's reason when there is one; no change is said as 无增减变化. The last clause takes no closing
    mark, as the reference prints it."""
    s = summary
    total = change_phrase(s.expenditure_total, prior.total)
    if total is None:
        return f"{year}年预算收支安排{in_words(s.expenditure_total)}万元，无{year - 1}年预算数据，不作比较。"
    text = f"{year}年预算收支安排{in_words(s.expenditure_total)}万元，"
    text += f"与{year - 1}年预算相比无增减变化" if s.expenditure_total == prior.total else f"较{year - 1}年预算{total}"
    parts = []
    for label, current, previous, reason in (
        ("基本支出", s.basic, prior.basic, basic_reason),
        ("项目支出", s.project, prior.project, project_reason),
    ):
        phrase = change_phrase(current, previous)
        if phrase is None:
            continue
        if reason.strip():
            parts.append(f"{label}{phrase}，{introduced('主要为', reason)}".rstrip(TRAILING_MARKS))
        elif current == previous:
            parts.append(f"{label}无增减变化")
        else:
            parts.append(f"{label}{phrase}")
    if parts:
        text += "，其中：" + "。".join(parts)
    return text


def running_cost_statement(year: int, summary: Summary, uses: str) -> str:
    """三、机关运行经费安排情况."""
    text = f"{year}年，我部门机关运行经费共计安排{in_words(summary.administrative_running_cost)}万元"
    return punctuated(f"{text}，{introduced('主要用于', uses)}") if uses.strip() else text + "。"


def three_public_statement(year: int, summary: Summary, prior: PriorYear, reason: str) -> str:
    """四、财政拨款"三公"经费预算情况及增减变化原因."""
    s = summary
    text = (
        f"{year}年，我部门财政拨款“三公”经费预算安排{in_words(s.three_public)}万元，其中因公出国（境）费"
        f"{in_words(s.overseas_travel)}万元；公务用车购置及运维费{in_words(s.vehicle)}万元（其中：公务用车购置费为"
        f"{in_words(s.vehicle_purchase)}万元，公务用车运维费{in_words(s.vehicle_upkeep)}万元）；公务接待费"
        f"{in_words(s.reception)}万元。"
    )
    change = change_phrase(s.three_public, prior.three_public)
    if change is None:
        return text + f"无{year - 1}年“三公”经费预算数据，不作比较。"
    if reason.strip():
        return matched_brackets(text + f"与{year - 1}年相比{change}，{introduced('增减变化的主要原因是', punctuated(reason))}")
    if s.three_public == prior.three_public:
        return text + f"“三公”经费与{year - 1}年持平，无增减变化。"
    # The heading promises a reason; without one (rule C13's warning explained to the reviewer instead) the
    # sentence says so in plain words rather than leaving the promise silently unkept (docs/tables.md).
    return text + f"与{year - 1}年相比{change}，本部门未说明增减变化原因。"


def assets_statement(department_name: str, assets_total: Decimal, planned_purchase: Decimal) -> str:
    """九、国有资产信息's sentence."""
    return (
        f"{department_name}（含所属单位）上年末固定资产金额为{in_words(assets_total)}万元（详见下表）。"
        f"本年度拟购置固定资产总额为{in_words(planned_purchase)}万元，已按要求列入政府采购预算，详见政府采购预算表。"
    )
