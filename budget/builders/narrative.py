"""The figures the explanation (第一部分 说明) quotes, and its generated sentences.

Pure functions, like the table builders: the same lines give the figures, so a sentence can never
disagree with a table. Every amount is 元 until a sentence prints it in 万元 (money.in_words). A sentence
knows which of its figures are totals of which others, so the document can note a rounding difference (尾差)
exactly where one is printed (docs/tables.md).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budget.builders import codes, tables
from budget.builders.money import ZERO, has_tail_difference, in_words, to_wan

CAPITAL_CLASS = "310"  # 资本性支出: the economic 类 whose lines buy fixed assets


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
    basic_personnel: Decimal  # 基本支出's 人员经费 and 公用经费, every source: the two parts of 基本支出
    basic_public_expense: Decimal
    personnel: Decimal  # table 6's 人员经费 and 公用经费: 一般公共预算 only
    public_expense: Decimal
    fixed_asset_purchase: Decimal  # 经济分类 310 资本性支出: what buys fixed assets
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

    def basic(personnel: bool, *sources: str) -> Decimal:
        return total(lambda line: line.kind == tables.BASIC and (not sources or line.source in sources)
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
        basic_personnel=basic(True),
        basic_public_expense=basic(False),
        personnel=basic(True, tables.GENERAL_BUDGET),
        public_expense=basic(False, tables.GENERAL_BUDGET),
        fixed_asset_purchase=total(lambda line: codes.class_code(line.economic_code) == CAPITAL_CLASS),
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

    @property
    def other_kinds(self) -> Decimal | None:
        """Last year's expenditure other than 基本 and 项目, where all three figures are known."""
        if self.total is None or self.basic is None or self.project is None:
            return None
        return self.total - self.basic - self.project


@dataclass(frozen=True)
class Total:
    """A printed total and the printed figures it is the sum of (元; a decrease is a negative part)."""

    total: Decimal
    parts: tuple[Decimal, ...]


@dataclass(frozen=True)
class Sentence:
    """A generated paragraph and the totals it prints beside their parts."""

    text: str
    totals: tuple[Total, ...] = ()

    @property
    def has_tail_difference(self) -> bool:
        """True when one of its totals differs from the sum of its printed parts (the 尾差 note)."""
        return any(has_tail_difference(total.total, total.parts) for total in self.totals)


# An accountant's text may end with its own mark; the template's join then replaces it, never adds a second.
TRAILING_MARKS = "。；，、,;.： \n"
# A paragraph ending in one of these is closed; a closing quote or bracket after one of them too.
CLOSING_MARKS = "。！？；：…"
CLOSING_QUOTES = "”’）》」"
LIST_MARKER = re.compile(r"^(\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)")


def punctuated(text: str, mark: str = "。") -> str:
    """text ending in exactly one mark: its own trailing punctuation (and spaces) give way to mark."""
    return text.rstrip(TRAILING_MARKS) + mark


def is_list_heading(paragraph: str) -> bool:
    """True for a heading of a list in an accountant's text: a list marker and no punctuation after it
    ("1、网络安全技术支持项目"); printed as a subheading, kept with what follows, with no closing mark."""
    text = paragraph.strip()
    return bool(LIST_MARKER.match(text)) and not re.search(r"[，。；：,;:]", LIST_MARKER.sub("", text))


def closed(paragraph: str) -> str:
    """A paragraph of an accountant's text as printed: ending in its closing mark (。 added where it has none), except
    a list's heading (is_list_heading), which has none."""
    text = paragraph.strip()
    if not text or is_list_heading(text):
        return text
    if text.rstrip(CLOSING_QUOTES)[-1:] in CLOSING_MARKS:
        return text
    return punctuated(text)


def adjacent_book_titles(text: str) -> str:
    """Book titles in a row with no 顿号 between them, as the national punctuation standard (GB/T 15834) writes
    them: "《预算法》《地方预决算公开操作规程》"."""
    return re.sub(r"》\s*、\s*《", "》《", text)


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


def _comparable(text: str) -> str:
    """text without spaces and with brackets full-width, for finding a reason that repeats the sentence."""
    return matched_brackets(re.sub(r"\s", "", text))


def new_sentences(reason: str, printed: str) -> str:
    """The sentences of an accountant's reason that the paragraph has not printed already: a reason that copies the
    generated sentence before it ("…公务接待费0.00万元。“三公”经费与2023年持平") would print it twice."""
    already = _comparable(printed)
    sentences = re.findall(r"[^。；]+[。；]?", reason.strip())
    kept = [s for s in sentences if _comparable(s).rstrip("。；") and _comparable(s).rstrip("。；") not in already]
    return "".join(kept).strip()


def change_phrase(current: Decimal, prior: Decimal | None) -> str | None:
    """"增加1.00万元" / "减少1.00万元", "持平" when equal, or None when there is no prior figure. A change of less
    than half a hundredth of a 万元 is no 0.00万元 change: it is said to be less than 0.01万元."""
    if prior is None:
        return None
    difference = current - prior
    direction = "减少" if difference < 0 else "增加"
    if not difference:
        return "持平"
    if not to_wan(abs(difference)):
        return f"{direction}不足0.01万元"
    return f"{direction}{in_words(abs(difference))}万元"


def _year_on_year(current: Decimal, prior: Decimal) -> Total:
    """This year's total as last year's and the change: the change printed is rounded on its own too."""
    return Total(current, (prior, current - prior))


def income_statement(year: int, summary: Summary) -> Sentence:
    """收入说明."""
    s = summary
    parts = (s.general_budget, s.government_fund, s.state_capital, s.special_account, s.unit_funds, s.carryover)
    text = (
        f"反映本部门当年全部收入。{year}年预算收入{in_words(s.income_total)}万元，其中：一般公共预算收入"
        f"{in_words(s.general_budget)}万元，基金预算收入{in_words(s.government_fund)}万元，国有资本经营预算收入"
        f"{in_words(s.state_capital)}万元，财政专户核拨收入{in_words(s.special_account)}万元，单位资金收入"
        f"{in_words(s.unit_funds)}万元，上年结转结余{in_words(s.carryover)}万元。"
    )
    return Sentence(text, (Total(s.income_total, parts),))


def expenditure_statement(department_name: str, year: int, summary: Summary, project_names: list[str]) -> Sentence:
    """支出说明, naming the projects the project expenditure is mainly for. 基本支出's two parts count every funding
    source, as 基本支出 does (table 6's 人员经费 and 公用经费 are 一般公共预算 only)."""
    s = summary
    text = (
        f"收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映{department_name}年度部门预算中"
        f"支出预算的总体情况。{year}年支出预算{in_words(s.expenditure_total)}万元，其中基本支出{in_words(s.basic)}万元，"
        f"包括人员经费{in_words(s.basic_personnel)}万元和日常公用经费{in_words(s.basic_public_expense)}万元；"
        f"项目支出{in_words(s.project)}万元"
    )
    if project_names:
        text += f"，主要为{'、'.join(project_names)}等项目资金"
    if s.other_kinds:
        text += f"；经营支出等其他支出{in_words(s.other_kinds)}万元"
    totals = (
        Total(s.expenditure_total, (s.basic, s.project, s.other_kinds)),
        Total(s.basic, (s.basic_personnel, s.basic_public_expense)),
    )
    return Sentence(text + "。", totals)


def change_statement(
    year: int, summary: Summary, prior: PriorYear, basic_reason: str, project_reason: str
) -> Sentence:
    """比上年增减情况; says so plainly when last year's figures are not known. A change is followed by the
    accountant's reason when there is one; no change is said as 无增减变化, with no reason to give."""
    s = summary
    if prior.total is None:
        return Sentence(f"{year}年预算收支安排{in_words(s.expenditure_total)}万元，无{year - 1}年预算数据，不作比较。")
    text = f"{year}年预算收支安排{in_words(s.expenditure_total)}万元，"
    if s.expenditure_total == prior.total:
        text += f"与{year - 1}年预算相比无增减变化"
    else:
        text += f"较{year - 1}年预算{change_phrase(s.expenditure_total, prior.total)}"
    kinds = [
        ("基本支出", s.basic, prior.basic, basic_reason),
        ("项目支出", s.project, prior.project, project_reason),
    ]
    if s.other_kinds or prior.other_kinds:
        kinds.append(("经营支出等其他支出", s.other_kinds, prior.other_kinds, ""))
    parts, changes = [], []
    for label, current, previous, reason in kinds:
        if previous is None:
            continue
        changes.append(current - previous)
        if current == previous:
            parts.append(f"{label}无增减变化")
        elif reason.strip():
            parts.append(f"{label}{change_phrase(current, previous)}，{introduced('主要为', reason)}".rstrip(TRAILING_MARKS))
        else:
            parts.append(f"{label}{change_phrase(current, previous)}")
    if parts:
        text += "，其中：" + "。".join(parts)
    totals = [_year_on_year(s.expenditure_total, prior.total)]
    if len(changes) == len(kinds):  # every kind's change printed: together they are the total's
        totals.append(Total(s.expenditure_total - prior.total, tuple(changes)))
    return Sentence(text + "。", tuple(totals))


def running_cost_statement(year: int, summary: Summary, uses: str) -> Sentence:
    """三、机关运行经费安排情况."""
    text = f"{year}年，我部门机关运行经费共计安排{in_words(summary.administrative_running_cost)}万元"
    return Sentence(punctuated(f"{text}，{introduced('主要用于', uses)}") if uses.strip() else text + "。")


def three_public_statement(year: int, summary: Summary, prior: PriorYear, reason: str) -> Sentence:
    """四、财政拨款"三公"经费预算情况及增减变化原因."""
    s = summary
    text = (
        f"{year}年，我部门财政拨款“三公”经费预算安排{in_words(s.three_public)}万元，其中因公出国（境）费"
        f"{in_words(s.overseas_travel)}万元；公务用车购置及运维费{in_words(s.vehicle)}万元（其中：公务用车购置费为"
        f"{in_words(s.vehicle_purchase)}万元，公务用车运维费{in_words(s.vehicle_upkeep)}万元）；公务接待费"
        f"{in_words(s.reception)}万元。"
    )
    totals: tuple[Total, ...] = (
        Total(s.three_public, (s.overseas_travel, s.vehicle, s.reception)),
        Total(s.vehicle, (s.vehicle_purchase, s.vehicle_upkeep)),
    )
    if prior.three_public is None:
        return Sentence(text + f"无{year - 1}年“三公”经费预算数据，不作比较。", totals)
    if s.three_public == prior.three_public:
        text += f"“三公”经费与{year - 1}年持平，无增减变化。"
        remark = new_sentences(reason, text)
        return Sentence(matched_brackets(text + (punctuated(remark) if remark else "")), totals)
    totals += (_year_on_year(s.three_public, prior.three_public),)
    text += f"与{year - 1}年相比{change_phrase(s.three_public, prior.three_public)}，"
    reason = new_sentences(reason, text)
    if reason:
        return Sentence(matched_brackets(text + introduced("增减变化的主要原因是", punctuated(reason))), totals)
    # The heading promises a reason; without one (rule C13's warning explained to the reviewer instead) the
    # sentence says so in plain words rather than leaving the promise silently unkept (docs/tables.md).
    return Sentence(text + "本部门未说明增减变化原因。", totals)


def assets_statement(
    department_name: str, year: int, counted_on: date, assets_total: Decimal, fixed_asset_purchase: Decimal,
    procured_goods: Decimal,
) -> Sentence:
    """九、国有资产信息's sentence: the holdings on the day they were counted, and this year's purchase of fixed assets
    as the lines budget it (经济分类 310 资本性支出), with the goods of the procurement budget where there are any."""
    counted = "上年末" if counted_on == date(year - 1, 12, 31) else f"截至{counted_on.year}年{counted_on.month}月{counted_on.day}日"
    if assets_total:
        text = f"{department_name}（含所属单位）{counted}固定资产金额为{in_words(assets_total)}万元（详见下表）。"
    else:
        text = f"{department_name}（含所属单位）{counted}无固定资产。"
    if not fixed_asset_purchase:
        return Sentence(text + "本年度未安排购置固定资产。")
    text += f"本年度拟购置固定资产总额为{in_words(fixed_asset_purchase)}万元"
    if procured_goods:
        text += f"，政府采购预算安排货物类采购{in_words(procured_goods)}万元，详见政府采购预算表"
    return Sentence(text + "。")
