"""The texts of a department's final accounts (部门决算): 第一部分 概况, 第三部分 情况说明 (eleven sections) and
第四部分 名词解释, as plain values.

Pure functions, like the budget's explanation (budget.builders.narrative): every figure a sentence prints derives from
the same plain values as the tables (facts.Accounts), so a sentence never disagrees with a table; what the lines
cannot supply (年初预算, last year's figures, "三公" counts, procurement, vehicles, performance, reasons) is handed in.
Amounts are 元 until a sentence prints them in 万元 (money.in_words); percentages have two decimals, rounded half-up.
A missing prior-year figure is said to be missing, never taken as zero (docs/final-accounts.md).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from budget.builders import codes, tables
from budget.builders.money import CENT, TAIL_DIFFERENCE_NOTE, ZERO, in_words, percent, to_wan
from budget.builders.narrative import Sentence, Total, change_phrase, closed, punctuated
from final_accounts.builders import facts

# The kinds of paragraph a section holds: running text, a subheading ("（一）…", never closed by a mark) and an
# item of a numbered list ("1、…").
TEXT = "text"
SUBHEADING = "subheading"
ITEM = "item"

SECTION_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一")

OVERSEAS = "因公出国（境）费"
VEHICLE = "公务用车购置及运行维护费"
RECEPTION = "公务接待费"

# 本年收入 by source, in the order the 收入决算表 prints its columns; the three fiscal funds are one 财政拨款收入.
INCOME_SOURCES = (
    ("财政拨款收入", tables.FISCAL_SOURCES),
    ("上级补助收入", (tables.SUPERIOR_GRANT,)),
    ("事业收入", (tables.SERVICE_REVENUE, tables.SPECIAL_ACCOUNT)),
    ("经营收入", (tables.BUSINESS_REVENUE,)),
    ("附属单位上缴收入", (tables.AFFILIATE_REMITTANCE,)),
    ("其他收入", (tables.OTHER_REVENUE,)),
)
# 本年支出 by kind, in the order the 支出决算表 prints its columns.
EXPENDITURE_KINDS = (
    ("基本支出", tables.BASIC),
    ("项目支出", tables.PROJECT),
    ("上缴上级支出", tables.REMITTANCE),
    ("经营支出", tables.OPERATING),
    ("对附属单位补助支出", tables.AFFILIATE_SUBSIDY),
)
VEHICLE_KINDS = (
    ("ministerial", "部级领导干部用车"),
    ("principal", "主要领导干部用车"),
    ("confidential", "机要通信用车"),
    ("emergency", "应急保障用车"),
    ("enforcement", "执法执勤用车"),
    ("special", "特种专业技术用车"),
    ("retired_cadres", "离退休干部用车"),
    ("other", "其他用车"),
)
FUND_NAMES = {
    facts.GOVERNMENT_FUND: "政府性基金预算财政拨款",
    facts.STATE_CAPITAL: "国有资本经营预算财政拨款",
}
MERGED_UNIT = "预算不单列，并入本级"


# ---------------------------------------------------------------------------------------------------------------
# What the builders are given


@dataclass(frozen=True)
class PriorYear:
    """Last year's figures in 元, None where unknown (never zero); from_platform: taken from last year's final accounts
    published on the platform rather than entered."""

    total: Decimal | None = None  # 收入支出总计
    fiscal_total: Decimal | None = None  # 财政拨款收入支出总计
    general_budget_expenditure: Decimal | None = None  # 一般公共预算财政拨款支出
    running_cost: Decimal | None = None  # 机关运行经费
    three_public: Decimal | None = None  # "三公"经费财政拨款支出决算
    three_public_items: dict[str, Decimal] | None = None  # by facts.THREE_PUBLIC_ITEMS, where known
    from_platform: bool = False


@dataclass(frozen=True)
class ThreePublicCounts:
    """What the "三公" section counts besides money."""

    overseas_groups: int = 0  # 因公出国（境）团组
    overseas_people: int = 0  # 因公出国（境）人次
    vehicles_purchased: int = 0
    vehicles_held: int = 0  # 公务用车保有量 at 31 December
    reception_batches: int = 0  # 国内公务接待批次
    reception_people: int = 0  # 国内公务接待人次


@dataclass(frozen=True)
class Procurement:
    """政府采购 of the year by contract, in 元."""

    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    sme_reserved: Decimal = ZERO  # 面向中小企业预留项目预算金额
    small_micro_reserved: Decimal = ZERO  # 面向小微企业预留项目预算金额
    sme_awarded_reserved: Decimal = ZERO  # 预留项目中由中小企业中标或成交
    small_micro_awarded_reserved: Decimal = ZERO  # 小微企业预留项目中由小微企业中标或成交
    sme_awarded_other: Decimal = ZERO  # 其他项目中由中小企业中标或成交

    @property
    def total(self) -> Decimal:
        """政府采购金额."""
        return self.goods + self.works + self.services


@dataclass(frozen=True)
class Assets:
    """国有资产占有使用情况 at 31 December: vehicles by kind (VEHICLE_KINDS), equipment of 100万元 or more each."""

    ministerial: int = 0
    principal: int = 0
    confidential: int = 0
    emergency: int = 0
    enforcement: int = 0
    special: int = 0
    retired_cadres: int = 0
    other: int = 0
    equipment_over_million: int = 0

    @property
    def vehicles(self) -> int:
        """车辆 of every kind."""
        return sum(getattr(self, kind) for kind, _ in VEHICLE_KINDS)


@dataclass(frozen=True)
class Performance:
    """预算绩效管理情况: the department's own account and the year's counts (amounts in 元)."""

    management: str = ""  # 本部门制定了……，建立了……
    targets_projects: int = 0
    targets_amount: Decimal = ZERO
    tracked_projects: int = 0
    tracked_amount: Decimal = ZERO
    evaluated_projects: int = 0
    evaluated_amount: Decimal = ZERO
    average_score: Decimal | None = None
    grade_excellent: int = 0
    grade_good: int = 0
    grade_pass: int = 0
    grade_fail: int = 0
    problems_found: int = 0
    problems_fixed: int = 0
    problems_fixing: int = 0


@dataclass(frozen=True)
class Reasons:
    """The accountant's reasons printed beside computed figures ("" where none was given)."""

    total_change: str = ""  # 收入支出总计 against last year
    fiscal_change: str = ""  # 财政拨款收入支出总计 against last year
    general_budget_change: str = ""  # 一般公共预算财政拨款支出 against last year
    budget_difference: str = ""  # 一般公共预算财政拨款支出决算 against 年初预算
    three_public_difference: str = ""  # "三公"经费决算 against 预算
    running_cost_change: str = ""  # 机关运行经费 against last year


@dataclass(frozen=True)
class ExplanationFacts:
    """Everything the explanation needs: the accounts (whose three_public_budget is the "三公" 预算数), the year's
    classification names, the 年初预算 per 项 and what the lines cannot supply."""

    department_name: str
    year: int
    accounts: facts.Accounts
    classifications: tables.Classifications
    item_budgets: tuple[facts.ItemBudget, ...] = ()
    budget_from_platform: bool = False  # 年初预算 and "三公" 预算数 taken from the year's published budget
    prior: PriorYear = field(default_factory=PriorYear)
    counts: ThreePublicCounts = field(default_factory=ThreePublicCounts)
    # 机关运行经费 is reported by 行政单位 and 参照公务员法管理的事业单位 only.
    has_running_cost: bool = True
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    performance: Performance = field(default_factory=Performance)
    reasons: Reasons = field(default_factory=Reasons)


def from_fields(
    department_name: str, year: int, accounts: facts.Accounts, classifications: tables.Classifications,
    fields: Mapping[str, Any], *, item_budgets: Sequence[facts.ItemBudget] = (), budget_from_platform: bool = False,
    prior: PriorYear | None = None, has_running_cost: bool = True,
) -> ExplanationFacts:
    """ExplanationFacts from a final accounts' entered fields, by the model's names (prior_total, procurement_goods,
    vehicles_enforcement, performance_management, total_change_reason, …): a field not given is zero or empty, and
    last year's figures unknown. prior, where given, replaces the entered ones (last year's published figures)."""

    def amount(name: str) -> Decimal:
        return Decimal(fields.get(name) or 0)

    def count(name: str) -> int:
        return int(fields.get(name) or 0)

    def text(name: str) -> str:
        return str(fields.get(name) or "")

    def optional(name: str) -> Decimal | None:
        value = fields.get(name)
        return None if value is None else Decimal(value)

    if prior is None:
        prior = PriorYear(
            total=optional("prior_total"), fiscal_total=optional("prior_fiscal_total"),
            general_budget_expenditure=optional("prior_general_budget_expenditure"),
            running_cost=optional("prior_running_cost"), three_public=optional("prior_three_public"),
        )
    return ExplanationFacts(
        department_name=department_name, year=year, accounts=accounts, classifications=classifications,
        item_budgets=tuple(item_budgets), budget_from_platform=budget_from_platform, prior=prior,
        counts=ThreePublicCounts(**{name: count(name) for name in ThreePublicCounts.__dataclass_fields__}),
        has_running_cost=has_running_cost,
        procurement=Procurement(
            goods=amount("procurement_goods"), works=amount("procurement_works"), services=amount("procurement_services"),
            sme_reserved=amount("sme_reserved"), small_micro_reserved=amount("small_micro_reserved"),
            sme_awarded_reserved=amount("sme_awarded_reserved"),
            small_micro_awarded_reserved=amount("small_micro_awarded_reserved"),
            sme_awarded_other=amount("sme_awarded_other"),
        ),
        assets=Assets(**{kind: count(f"vehicles_{kind}") for kind, _ in VEHICLE_KINDS},
                      equipment_over_million=count("equipment_over_million")),
        performance=Performance(
            management=text("performance_management"),
            targets_amount=amount("targets_amount"), tracked_amount=amount("tracked_amount"),
            evaluated_amount=amount("evaluated_amount"), average_score=optional("average_score"),
            **{name: count(name) for name in (
                "targets_projects", "tracked_projects", "evaluated_projects", "grade_excellent", "grade_good",
                "grade_pass", "grade_fail", "problems_found", "problems_fixed", "problems_fixing",
            )},
        ),
        reasons=Reasons(**{name: text(f"{name}_reason") for name in Reasons.__dataclass_fields__}),
    )


# ---------------------------------------------------------------------------------------------------------------
# What they build


@dataclass(frozen=True)
class Paragraph(Sentence):
    """A paragraph of a section: its text, kind (TEXT, SUBHEADING or ITEM) and the totals it prints beside their
    parts (for the 尾差 note)."""

    kind: str = TEXT


@dataclass(frozen=True)
class Section:
    """A numbered section of the explanation (一…十一)."""

    number: str
    title: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def heading(self) -> str:
        """"一、收入支出决算总体情况说明"."""
        return f"{self.number}、{self.title}"

    @property
    def has_tail_difference(self) -> bool:
        """True when one of its paragraphs prints a total that differs from the sum of its printed parts."""
        return any(paragraph.has_tail_difference for paragraph in self.paragraphs)

    @property
    def tail_difference_note(self) -> str:
        """The 尾差 note printed under the section, "" where none applies."""
        return TAIL_DIFFERENCE_NOTE if self.has_tail_difference else ""


@dataclass(frozen=True)
class UnitRow:
    """A row of 部门决算单位构成: 序号, 单位名称, 备注."""

    number: int
    name: str
    remark: str = ""


@dataclass(frozen=True)
class Unit:
    """A unit of the department, as the overview lists it: has_lines is False where its accounts are merged into the
    department's own (预算不单列，并入本级)."""

    name: str
    has_lines: bool = False


@dataclass(frozen=True)
class Overview:
    """第一部分 概况: 主要职能's paragraphs and 部门决算单位构成's paragraph and rows."""

    title: str
    duties: tuple[str, ...]
    composition: str
    units: tuple[UnitRow, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    """One entry of 第四部分 名词解释."""

    position: str  # 一, 二, …
    term: str
    definition: str


# ---------------------------------------------------------------------------------------------------------------
# The figures, from the accounts


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO)


@dataclass(frozen=True)
class Figures:
    """The explanation's figures in 元, each derived from the accounts' lines, income and carry-overs."""

    income: dict[str, Decimal]  # 本年收入 by INCOME_SOURCES label
    expenditure: dict[str, Decimal]  # 本年支出 by EXPENDITURE_KINDS label
    start_carryover: Decimal  # 年初结转和结余, every fund
    fiscal_start_carryover: Decimal  # 年初财政拨款结转和结余
    non_fiscal_balance_used: Decimal
    general_budget: Decimal  # 一般公共预算财政拨款支出
    general_by_class: dict[str, Decimal]  # by 功能分类 类
    general_by_item: dict[str, Decimal]  # by 功能分类 项
    general_basic: Decimal
    personnel: dict[str, Decimal]  # 一般公共预算 基本支出 by economic 款 of the personnel classes
    public_expense: dict[str, Decimal]  # … of the others (公用经费)
    three_public: dict[str, Decimal]  # 财政拨款 "三公" by facts.THREE_PUBLIC_ITEMS
    funds: dict[str, tuple[Decimal, Decimal, Decimal, Decimal]]  # (年初, 收入, 支出, 年末) by fund

    @property
    def income_total(self) -> Decimal:
        """本年收入合计."""
        return _sum(self.income.values())

    @property
    def expenditure_total(self) -> Decimal:
        """本年支出合计."""
        return _sum(self.expenditure.values())

    @property
    def total(self) -> Decimal:
        """收入支出总计: 本年收入, 使用非财政拨款结余 and 年初结转和结余."""
        return self.income_total + self.non_fiscal_balance_used + self.start_carryover

    @property
    def fiscal_total(self) -> Decimal:
        """财政拨款收入支出总计: 财政拨款收入 and 年初财政拨款结转和结余."""
        return self.income["财政拨款收入"] + self.fiscal_start_carryover

    @property
    def personnel_total(self) -> Decimal:
        """人员经费."""
        return _sum(self.personnel.values())

    @property
    def public_expense_total(self) -> Decimal:
        """公用经费; also 机关运行经费 where the department reports one."""
        return _sum(self.public_expense.values())


def figures(accounts: facts.Accounts, classifications: tables.Classifications) -> Figures:
    """The Figures of one department's final accounts."""
    lines = accounts.lines
    general = [line for line in lines if line.source == tables.GENERAL_BUDGET]
    by_class: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    by_item: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    personnel: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    public: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in general:
        by_class[codes.class_code(line.function_code)] += line.amount
        by_item[line.function_code] += line.amount
        if line.kind == tables.BASIC:
            is_personnel = codes.class_code(line.economic_code) in classifications.personnel_classes
            (personnel if is_personnel else public)[line.economic_code] += line.amount
    three_public = {
        item: _sum(line.amount for line in lines if line.source in tables.FISCAL_SOURCES and line.economic_code in codes_)
        for item, codes_ in facts.THREE_PUBLIC_CODES.items()
    }

    def carried(moment: str, funds: Sequence[str]) -> Decimal:
        return _sum(c.amount for c in accounts.carryovers if c.moment == moment and c.fund in funds)

    funds = {
        fund: (
            carried(facts.START, (fund,)),
            _sum(i.amount for i in accounts.income if i.source == fund),
            _sum(line.amount for line in lines if line.source == fund),
            carried(facts.END, (fund,)),
        )
        for fund in FUND_NAMES
    }
    return Figures(
        income={label: _sum(i.amount for i in accounts.income if i.source in sources) for label, sources in INCOME_SOURCES},
        expenditure={label: _sum(line.amount for line in lines if line.kind == kind) for label, kind in EXPENDITURE_KINDS},
        start_carryover=carried(facts.START, facts.FUNDS),
        fiscal_start_carryover=carried(facts.START, tables.FISCAL_SOURCES),
        non_fiscal_balance_used=accounts.non_fiscal_balance_used,
        general_budget=_sum(line.amount for line in general),
        general_by_class=dict(sorted(by_class.items())),
        general_by_item=dict(sorted(by_item.items())),
        general_basic=_sum(line.amount for line in general if line.kind == tables.BASIC),
        personnel=dict(sorted(personnel.items())),
        public_expense=dict(sorted(public.items())),
        three_public=three_public,
        funds=funds,
    )


# ---------------------------------------------------------------------------------------------------------------
# Wording rules


def share(part: Decimal, whole: Decimal) -> str:
    """part as a percentage of whole with two decimals, as the reference prints them ("98.20%")."""
    return percent(part, whole, CENT)


def rate_phrase(current: Decimal, prior: Decimal) -> str:
    """"增长1.40%" / "下降1.87%" of a change against a non-zero prior figure; a change that rounds to 0.00% is said to
    be under 0.01%."""
    rate = (abs(current - prior) * 100 / abs(prior)).quantize(CENT)
    verb = "下降" if current < prior else "增长"
    return f"{verb}不足0.01%" if not rate else f"{verb}{share(abs(current - prior), abs(prior))}"


def change_with_rate(current: Decimal, prior: Decimal) -> str:
    """"减少56.95万元，下降1.87%", "持平", or without the rate where last year's figure is zero (no rate of nothing)."""
    phrase = change_phrase(current, prior) or ""
    if current == prior or not prior:
        return phrase
    return f"{phrase}，{rate_phrase(current, prior)}"


def no_prior(year: int) -> str:
    """What is said where last year's figure is unknown: never a change from zero."""
    return f"无{year - 1}年度可比数据，不作比较。"


def reason_text(reason: str) -> str:
    """An accountant's reason without an opening 主要原因 (the sentence has its own) and with one closing 。."""
    text = reason.strip()
    for lead in ("主要原因是", "主要原因：", "主要原因:", "主要原因"):
        if text.startswith(lead):
            text = text[len(lead):]
            break
    return punctuated(text)


def year_on_year(label: str, current: Decimal, prior: Decimal | None, year: int, reason: str) -> Sentence:
    """"与2023年度相比，<label>减少56.95万元，下降1.87%。主要原因：…。"; 持平 needs no reason; a change without one
    says so; an unknown prior figure is said to be unknown."""
    if prior is None:
        return Sentence(no_prior(year))
    text = f"与{year - 1}年度相比，{label}{change_with_rate(current, prior)}。"
    totals = (Total(current, (prior, current - prior)),)
    if current == prior:
        return Sentence(text, totals)
    if reason.strip():
        return Sentence(text + f"主要原因：{reason_text(reason)}", totals)
    return Sentence(text + "本部门未说明增减变化原因。", totals)


def against_budget(budget: Decimal, actual: Decimal, reason: str) -> str:
    """The actual against its 年初预算: 持平 only when exactly equal, 基本持平 when they print the same in 万元, else
    which is larger and the reason (or that none was given)."""
    if actual == budget:
        return "决算数与预算数持平。"
    if to_wan(actual) == to_wan(budget):
        return "决算数与预算数基本持平。" + (f"差异的主要原因：{reason_text(reason)}" if reason.strip() else "")
    comparison = "大于" if actual > budget else "小于"
    if reason.strip():
        return f"决算数{comparison}预算数的主要原因：{reason_text(reason)}"
    return f"决算数{comparison}预算数，本部门未说明原因。"


def completion(budget: Decimal, actual: Decimal, of: str = "年初预算") -> str:
    """"完成年初预算的98.20%", or, where there was no 年初预算, that none was planned (no rate of nothing)."""
    return f"完成{of}的{share(actual, budget)}" if budget else "年初未安排预算"


def _paragraph(sentence: Sentence | str, kind: str = TEXT, totals: tuple[Total, ...] = ()) -> Paragraph:
    if isinstance(sentence, Sentence):
        return Paragraph(sentence.text, sentence.totals + totals, kind)
    return Paragraph(sentence, totals, kind)


def _subheading(text: str) -> Paragraph:
    return Paragraph(text, (), SUBHEADING)


def _listed(amounts: dict[str, Decimal], whole: Decimal) -> list[str]:
    """"财政拨款收入2940.05万元，占99.79%" for each non-zero amount."""
    return [f"{label}{in_words(amount)}万元，占{share(amount, whole)}" for label, amount in amounts.items() if amount]


# ---------------------------------------------------------------------------------------------------------------
# The eleven sections


def _overall(f: ExplanationFacts, fig: Figures) -> Section:
    lead = f"{f.department_name}{f.year}年度收入支出总计{in_words(fig.total)}万元。"
    change = year_on_year("收入支出总计", fig.total, f.prior.total, f.year, f.reasons.total_change)
    return Section("一", "收入支出决算总体情况说明", (_paragraph(Sentence(lead + change.text, change.totals)),))


def _income(fig: Figures) -> Section:
    total = fig.income_total
    listed = _listed(fig.income, total)
    text = f"本年收入合计{in_words(total)}万元" + (f"，其中：{'；'.join(listed)}。" if listed else "。")
    totals = (Total(total, tuple(amount for amount in fig.income.values() if amount)),)
    return Section("二", "收入决算情况说明", (Paragraph(text, totals),))


def _expenditure(fig: Figures) -> Section:
    total = fig.expenditure_total
    listed = _listed(fig.expenditure, total)
    text = f"本年支出合计{in_words(total)}万元" + (f"，其中：{'；'.join(listed)}。" if listed else "。")
    totals = (Total(total, tuple(amount for amount in fig.expenditure.values() if amount)),)
    return Section("三", "支出决算情况说明", (Paragraph(text, totals),))


def _fiscal(f: ExplanationFacts, fig: Figures) -> Section:
    lead = f"{f.department_name}{f.year}年度财政拨款收入支出总计{in_words(fig.fiscal_total)}万元。"
    change = year_on_year("财政拨款收入支出总计", fig.fiscal_total, f.prior.fiscal_total, f.year, f.reasons.fiscal_change)
    return Section("四", "财政拨款收入支出决算总体情况说明", (_paragraph(Sentence(lead + change.text, change.totals)),))


def _item_path(code: str, names: dict[str, str]) -> str:
    """"一般公共服务支出（类）财政事务（款）行政运行（项）" of a 项's code."""
    levels = ((codes.class_code(code), "类"), (code[:5], "款"), (code, "项"))
    return "".join(f"{names.get(level, level)}（{suffix}）" for level, suffix in levels)


def _item(position: int, code: str, budget: facts.ItemBudget | None, actual: Decimal, names: dict[str, str]) -> Paragraph:
    initial = budget.initial_budget if budget else ZERO
    text = f"{position}、{_item_path(code, names)}。"
    if budget and budget.purpose.strip():
        text += f"主要用于：{punctuated(budget.purpose.strip())}"
    text += f"年初预算为{in_words(initial)}万元，支出决算为{in_words(actual)}万元。"
    text += against_budget(initial, actual, budget.reason if budget else "")
    return Paragraph(text, (), ITEM)


def _general_budget(f: ExplanationFacts, fig: Figures) -> Section:
    names = f.classifications.function_names
    general = fig.general_budget
    share_of_all = f"，占本年支出合计的{share(general, fig.expenditure_total)}" if fig.expenditure_total else ""
    change = year_on_year(
        "一般公共预算财政拨款支出", general, f.prior.general_budget_expenditure, f.year, f.reasons.general_budget_change
    )
    paragraphs = [
        _subheading("（一）一般公共预算财政拨款支出决算总体情况"),
        _paragraph(Sentence(f"一般公共预算财政拨款支出{in_words(general)}万元{share_of_all}。" + change.text, change.totals)),
        _subheading("（二）一般公共预算财政拨款支出决算结构情况"),
    ]
    classes = [f"{names.get(code, code)}（类）{in_words(amount)}万元，占{share(amount, general)}"
               for code, amount in fig.general_by_class.items() if amount]
    if classes:
        structure = f"一般公共预算财政拨款支出{in_words(general)}万元，主要用于以下方面：{'；'.join(classes)}。"
    else:
        structure = f"{f.department_name}{f.year}年度无一般公共预算财政拨款支出。"
    paragraphs.append(Paragraph(structure, (Total(general, tuple(fig.general_by_class.values())),)))
    paragraphs.append(_subheading("（三）一般公共预算财政拨款支出决算具体情况"))
    budgets = {budget.function_code: budget for budget in f.item_budgets}
    initial_total = _sum(budget.initial_budget for budget in f.item_budgets)
    item_codes = sorted(set(budgets) | {code for code, amount in fig.general_by_item.items() if amount})
    item_codes = [code for code in item_codes if fig.general_by_item.get(code) or budgets[code].initial_budget]
    text = (f"一般公共预算财政拨款支出年初预算为{in_words(initial_total)}万元，支出决算为{in_words(general)}万元，"
            f"{completion(initial_total, general)}。{against_budget(initial_total, general, f.reasons.budget_difference)}")
    if item_codes:
        text += "其中："
    actuals = tuple(fig.general_by_item.get(code, ZERO) for code in item_codes)
    initials = tuple(budgets[code].initial_budget if code in budgets else ZERO for code in item_codes)
    paragraphs.append(Paragraph(text, (Total(general, actuals), Total(initial_total, initials))))
    paragraphs += [
        _item(position, code, budgets.get(code), fig.general_by_item.get(code, ZERO), names)
        for position, code in enumerate(item_codes, start=1)
    ]
    return Section("五", "一般公共预算财政拨款支出决算情况说明", tuple(paragraphs))


def _main_items(amounts: dict[str, Decimal], names: dict[str, str]) -> str:
    """"，主要包括：基本工资、津贴补贴…" of the 款 with a non-zero amount, in code order."""
    listed = [names.get(code, code) for code, amount in sorted(amounts.items()) if amount]
    return f"，主要包括：{'、'.join(listed)}" if listed else ""


def _basic(fig: Figures, classifications: tables.Classifications) -> Section:
    names = classifications.economic_names
    personnel, public = fig.personnel_total, fig.public_expense_total
    text = (
        f"一般公共预算财政拨款基本支出{in_words(fig.general_basic)}万元。其中：人员经费{in_words(personnel)}万元"
        f"{_main_items(fig.personnel, names)}；公用经费{in_words(public)}万元{_main_items(fig.public_expense, names)}。"
    )
    return Section("六", "一般公共预算财政拨款基本支出决算情况说明",
                   (Paragraph(text, (Total(fig.general_basic, (personnel, public)),)),))


def _three_public_items(values: dict[str, Decimal]) -> tuple[tuple[str, Decimal], ...]:
    """The three "三公" items as the explanation names them: the two vehicle items are one."""
    return (
        (OVERSEAS, values.get(facts.OVERSEAS_TRAVEL, ZERO)),
        (VEHICLE, values.get(facts.VEHICLE_PURCHASE, ZERO) + values.get(facts.VEHICLE_UPKEEP, ZERO)),
        (RECEPTION, values.get(facts.RECEPTION, ZERO)),
    )


def _three_public(f: ExplanationFacts, fig: Figures) -> Section:
    year, prior = f.year, f.prior
    actual_items = _three_public_items(fig.three_public)
    budget_items = dict(_three_public_items(f.accounts.three_public_budget))
    actual = _sum(amount for _, amount in actual_items)
    budget = _sum(budget_items.values())
    by_item = "；".join(
        f"{label}支出决算为{in_words(amount)}万元，{completion(budget_items[label], amount, '预算')}"
        for label, amount in actual_items
    )
    overall = (
        f"“三公”经费财政拨款支出年初预算为{in_words(budget)}万元，支出决算为{in_words(actual)}万元，"
        f"{completion(budget, actual, '预算')}，其中：{by_item}。"
        f"{year}年度“三公”经费支出{against_budget(budget, actual, f.reasons.three_public_difference)}"
    )
    paragraphs = [
        _subheading("（一）“三公”经费财政拨款支出决算总体情况说明"),
        Paragraph(overall, (Total(actual, tuple(amount for _, amount in actual_items)),)),
    ]
    if prior.three_public is None:
        paragraphs.append(Paragraph(f"{year}年度“三公”经费财政拨款支出决算数{no_prior(year)}"))
    else:
        text = f"{year}年度“三公”经费财政拨款支出决算数"
        text += f"与{year - 1}年度持平" if actual == prior.three_public else f"比{year - 1}年度{change_with_rate(actual, prior.three_public)}"
        prior_items = prior.three_public_items
        if prior_items is None and prior.three_public == 0:
            # No item can be negative: a total of nothing last year was nothing in each item.
            prior_items = dict.fromkeys(facts.THREE_PUBLIC_ITEMS, ZERO)
        if prior_items is not None:
            changes = [
                f"{label}支出决算" + ("持平" if amount == previous else change_with_rate(amount, previous))
                for (label, amount), (_, previous) in zip(actual_items, _three_public_items(prior_items), strict=True)
            ]
            text += "。其中：" + "；".join(changes)
        paragraphs.append(Paragraph(text + "。", (Total(actual, (prior.three_public, actual - prior.three_public)),)))
    paragraphs.append(_subheading("（二）“三公”经费财政拨款支出决算具体情况说明"))
    if not actual:
        paragraphs.append(Paragraph(f"{f.department_name}{year}年度无“三公”经费财政拨款支出。"))
    else:
        paragraphs += _three_public_details(f, fig)
    return Section("七", "财政拨款“三公”经费支出决算情况说明", tuple(paragraphs))


def _three_public_details(f: ExplanationFacts, fig: Figures) -> list[Paragraph]:
    """One paragraph per "三公" item: its amount and what it paid for, counted."""
    c, t = f.counts, fig.three_public
    purchase, upkeep = t.get(facts.VEHICLE_PURCHASE, ZERO), t.get(facts.VEHICLE_UPKEEP, ZERO)
    overseas = f"1、{OVERSEAS}支出{in_words(t.get(facts.OVERSEAS_TRAVEL, ZERO))}万元"
    overseas += (f"，全年安排因公出国（境）团组{c.overseas_groups}个，累计{c.overseas_people}人次。"
                 if c.overseas_groups or c.overseas_people else "，未安排因公出国（境）团组。")
    vehicle = (
        f"2、{VEHICLE}支出{in_words(purchase + upkeep)}万元，其中：公务用车购置费{in_words(purchase)}万元，"
        f"购置公务用车{c.vehicles_purchased}辆；公务用车运行维护费{in_words(upkeep)}万元，"
        f"截至{f.year}年12月31日，公务用车保有量{c.vehicles_held}辆。"
    )
    reception = f"3、{RECEPTION}支出{in_words(t.get(facts.RECEPTION, ZERO))}万元"
    reception += (f"，国内公务接待{c.reception_batches}批次、{c.reception_people}人次。"
                  if c.reception_batches or c.reception_people else "，未发生国内公务接待。")
    return [
        Paragraph(overseas, (), ITEM),
        Paragraph(vehicle, (Total(purchase + upkeep, (purchase, upkeep)),), ITEM),
        Paragraph(reception, (), ITEM),
    ]


def _fund(number: str, fund: str, f: ExplanationFacts, fig: Figures) -> Section:
    name = FUND_NAMES[fund]
    start, income, spent, end = fig.funds[fund]
    title = f"{name}收入支出决算情况说明"
    if not (start or income or spent or end):
        return Section(number, title, (Paragraph(f"{f.department_name}{f.year}年度无{name}收入和支出。"),))
    text = (f"{f.department_name}{f.year}年度{name}年初结转和结余{in_words(start)}万元，本年收入{in_words(income)}万元，"
            f"本年支出{in_words(spent)}万元，年末结转和结余{in_words(end)}万元。")
    return Section(number, title, (Paragraph(text),))


def _performance(f: ExplanationFacts) -> Section:
    p, year = f.performance, f.year
    text = f"{f.department_name}{year}年度预算绩效管理工作开展情况如下："
    if p.management.strip():
        text += punctuated(p.management.strip(), "；")
    score = f"，平均得分{p.average_score:.2f}分" if p.average_score is not None else ""
    text += (
        f"实行全过程绩效管理实施情况跟踪：编报绩效目标的{year}年度项目{p.targets_projects}个，涉及预算金额"
        f"{in_words(p.targets_amount)}万元；绩效跟踪评价的{year}年度项目{p.tracked_projects}个，涉及预算金额"
        f"{in_words(p.tracked_amount)}万元；绩效自评的{year}年度项目{p.evaluated_projects}个，涉及预算金额"
        f"{in_words(p.evaluated_amount)}万元{score}（其中，绩效评级为“优”的项目{p.grade_excellent}个；"
        f"绩效评级为“良”的项目{p.grade_good}个；绩效评级为“合格”的项目{p.grade_pass}个；"
        f"绩效评级为“不合格”的项目{p.grade_fail}个。绩效自评中共发现问题{p.problems_found}个，"
        f"已经完成整改的{p.problems_fixed}个，正在整改的{p.problems_fixing}个）。"
    )
    return Section("十", "预算绩效管理情况", (Paragraph(text),))


def _running_cost(f: ExplanationFacts, fig: Figures) -> Paragraph:
    if not f.has_running_cost:
        return Paragraph(f"{f.department_name}不属于行政单位和参照公务员法管理的事业单位，不统计机关运行经费。")
    cost, prior = fig.public_expense_total, f.prior.running_cost
    text = f"机关运行经费支出{in_words(cost)}万元"
    if prior is None:
        return Paragraph(f"{text}，{no_prior(f.year)}")
    totals = (Total(cost, (prior, cost - prior)),)
    if cost == prior:
        return Paragraph(f"{text}，与{f.year - 1}年度持平。", totals)
    text += f"，比{f.year - 1}年度{change_with_rate(cost, prior)}。"
    reason = f.reasons.running_cost_change
    return Paragraph(text + (f"主要原因是{reason_text(reason)}" if reason.strip() else "本部门未说明增减变化原因。"), totals)


def _procurement(f: ExplanationFacts) -> list[Paragraph]:
    p, who = f.procurement, f"{f.department_name}{f.year}年度"
    if not (p.total or p.sme_reserved or p.small_micro_reserved):
        return [Paragraph(f"{who}无政府采购支出。")]
    amounts = Paragraph(
        f"{who}政府采购金额（以合同签订为准）为{in_words(p.total)}万元，其中：货物采购金额{in_words(p.goods)}万元、"
        f"工程采购金额{in_words(p.works)}万元、服务采购金额{in_words(p.services)}万元。",
        (Total(p.total, (p.goods, p.works, p.services)),),
    )
    smes = Paragraph(
        f"{f.year}年度本部门面向中小企业预留政府采购项目预算金额{in_words(p.sme_reserved)}万元，面向小微企业预留政府采购"
        f"项目预算金额{in_words(p.small_micro_reserved)}万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或"
        f"成交的，采购金额{in_words(p.sme_awarded_reserved)}万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标"
        f"或成交的，采购金额{in_words(p.small_micro_awarded_reserved)}万元；在其他政府采购项目中，由中小企业供应商中标或"
        f"成交的，采购金额{in_words(p.sme_awarded_other)}万元。"
    )
    return [amounts, smes]


def _assets(f: ExplanationFacts) -> Paragraph:
    a = f.assets
    kinds = "、".join(f"{label}{getattr(a, kind)}辆" for kind, label in VEHICLE_KINDS)
    return Paragraph(
        f"截至{f.year}年12月31日，{f.department_name}共有车辆{a.vehicles}辆，其中：{kinds}。"
        f"单价100万元（含）以上设备（不含车辆）{a.equipment_over_million}台（套）。"
    )


def _other(f: ExplanationFacts, fig: Figures) -> Section:
    return Section("十一", "其他重要事项的情况说明", (
        _subheading("（一）机关运行经费支出情况"),
        _running_cost(f, fig),
        _subheading("（二）政府采购支出情况"),
        *_procurement(f),
        _subheading("（三）国有资产占有使用情况说明"),
        _assets(f),
    ))


def baseline_note(f: ExplanationFacts) -> str:
    """Where the comparisons' other figures come from, for the document to print where it marks them: the platform's
    published budget and final accounts, or the department's own entry (the first year on the platform)."""
    budget = f"年初预算数取自本平台公开的{f.year}年部门预算" if f.budget_from_platform else "年初预算数由本部门填报"
    p = f.prior
    known = (p.total, p.fiscal_total, p.general_budget_expenditure, p.running_cost, p.three_public)
    if p.from_platform:
        prior = f"{f.year - 1}年度数据取自本平台公开的{f.year - 1}年度部门决算"
    elif any(figure is not None for figure in known):
        prior = f"{f.year - 1}年度数据由本部门填报"
    else:
        prior = f"无{f.year - 1}年度可比数据"
    return f"注：{budget}；{prior}。"


def explanation_title(department_name: str, year: int) -> str:
    """第三部分's title."""
    return f"第三部分 {department_name}{year}年度部门决算情况说明"


def explanation(f: ExplanationFacts) -> list[Section]:
    """第三部分 情况说明: the eleven sections, in order."""
    fig = figures(f.accounts, f.classifications)
    return [
        _overall(f, fig),
        _income(fig),
        _expenditure(fig),
        _fiscal(f, fig),
        _general_budget(f, fig),
        _basic(fig, f.classifications),
        _three_public(f, fig),
        _fund("八", facts.GOVERNMENT_FUND, f, fig),
        _fund("九", facts.STATE_CAPITAL, f, fig),
        _performance(f),
        _other(f, fig),
    ]


# ---------------------------------------------------------------------------------------------------------------
# 第一部分 概况 and 第四部分 名词解释


def overview(department_name: str, year: int, duties: str | Sequence[str], units: Sequence[Unit] = ()) -> Overview:
    """第一部分 概况: 主要职能 (a text of one paragraph a line, or the paragraphs) and 部门决算单位构成, the
    department itself (本级) first, then its units; a unit without lines of its own is merged into the department's."""
    lines = duties.splitlines() if isinstance(duties, str) else list(duties)
    rows = [UnitRow(1, f"{department_name}（本级）")]
    rows += [UnitRow(position, unit.name, "" if unit.has_lines else MERGED_UNIT)
             for position, unit in enumerate(units, start=2)]
    scope = f"{department_name}本级决算" + ("、下属行政事业单位决算" if units else "")
    composition = (
        f"从预算单位构成看，{department_name}部门决算包括：{scope}。纳入{department_name}{year}年度部门决算编制范围的"
        "单位包括："
    )
    return Overview(
        title=f"第一部分 {department_name}概况",
        duties=tuple(closed(line) for line in lines if line.strip()),
        composition=composition,
        units=tuple(rows),
    )


GLOSSARY_TITLE = "第四部分 名词解释"
GLOSSARY = tuple(GlossaryEntry(SECTION_NUMBERS[index], term, definition) for index, (term, definition) in enumerate((
    ("财政拨款收入", "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营"
     "预算财政拨款。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("其他收入", "指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"),
    ("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。"),
    ("项目支出", "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。"),
    ("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("“三公”经费", "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中：因公出国（境）费"
     "反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等"
     "支出；公务接待费反映全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务所需住宿费、"
     "交通费、伙食费等支出；公务用车购置及运行维护费反映编制内公务车辆的报废更新，以及用于安排市内因公出差、公务文件交换、"
     "日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"),
)))
