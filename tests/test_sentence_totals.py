"""Each generated sentence that prints a total beside its parts takes both from the same lines, whatever the funding
sources: over random budgets (every source, kind, carry-over and a mix of personnel, public and 三公 codes), each
printed total is the sum of its printed parts within the rounding of its figures, and the sentence reports a rounding
difference (for the 尾差 note) exactly where its printed figures differ. The sentences are read back from their text."""

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budget.builders import narrative, tables
from budget.builders.money import to_wan

CLASSIFICATIONS = tables.Classifications(function_names={}, economic_names={}, personnel_classes=frozenset({"301", "303"}))
# 人员经费 (301, 303), 公用经费 (302, 310, 399) and the 三公 codes among them.
ECONOMIC_CODES = ["30101", "30302", "30201", "30212", "30217", "30231", "31002", "31013", "30913", "39999"]
KINDS = [tables.BASIC, tables.PROJECT, tables.OPERATING, tables.REMITTANCE, tables.AFFILIATE_SUBSIDY]
SOURCES = [*tables.FISCAL_SOURCES, tables.SPECIAL_ACCOUNT, *tables.UNIT_FUND_SOURCES]
HALF_CENT = Decimal("0.005")

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
lines = st.lists(
    st.builds(
        tables.Line,
        function_code=st.sampled_from(["2010101", "2080505", "2210201"]),
        economic_code=st.sampled_from(ECONOMIC_CODES),
        kind=st.sampled_from(KINDS),
        source=st.sampled_from(SOURCES),
        is_carryover=st.booleans(),
        amount=amounts,
    ),
    max_size=40,
)
priors = st.builds(
    narrative.PriorYear,
    total=st.none() | amounts, basic=st.none() | amounts, project=st.none() | amounts, three_public=st.none() | amounts,
)
F = r"(\d+\.\d{2})万元"
SIGNED = r"(增加|减少)(?:不足0\.01万元|(\d+\.\d{2})万元)"  # a change under 0.005万元 prints as "不足0.01万元"


def figures(pattern, text):
    match = re.search(pattern, text)
    assert match, f"{pattern} not in {text}"
    return match


def signed(direction, figure):
    """A printed change as a signed figure; one printed as under 0.01万元 counts as 0.00."""
    return Decimal(figure or "0.00") * (-1 if direction == "减少" else 1)


def check(total, parts):
    """The printed total is its printed parts' sum within their rounding; returns whether they differ at all."""
    total, parts = Decimal(total), [Decimal(part) for part in parts]
    assert abs(total - sum(parts)) <= HALF_CENT * (len(parts) + 1), (total, parts)
    return total != sum(parts)


@settings(max_examples=300, deadline=None)
@given(lines=lines)
def test_income_is_the_sum_of_its_sources(lines):
    sentence = narrative.income_statement(2024, narrative.summarize(lines, CLASSIFICATIONS))
    match = figures(
        f"预算收入{F}，其中：一般公共预算收入{F}，基金预算收入{F}，国有资本经营预算收入{F}，财政专户核拨收入{F}，"
        f"单位资金收入{F}，上年结转结余{F}。",
        sentence.text,
    )
    assert sentence.has_tail_difference == check(match[1], match.groups()[1:])


@settings(max_examples=300, deadline=None)
@given(lines=lines)
def test_expenditure_and_basic_expenditure_are_the_sums_of_their_parts(lines):
    sentence = narrative.expenditure_statement("某部门", 2024, narrative.summarize(lines, CLASSIFICATIONS), ["甲项目"])
    match = figures(
        f"支出预算{F}，其中基本支出{F}，包括人员经费{F}和日常公用经费{F}；项目支出{F}(?:，主要为[^；。]*)?(?:；经营支出等其他支出{F})?。$",
        sentence.text,
    )
    total, basic, personnel, public, project, other = match.groups()
    differs = [check(total, [basic, project, other or "0.00"]), check(basic, [personnel, public])]
    assert sentence.has_tail_difference == any(differs)


@settings(max_examples=300, deadline=None)
@given(lines=lines, prior=priors)
def test_three_public_is_the_sum_of_its_items_and_last_year_plus_its_change(lines, prior):
    sentence = narrative.three_public_statement(2024, narrative.summarize(lines, CLASSIFICATIONS), prior, "")
    match = figures(
        f"预算安排{F}，其中因公出国（境）费{F}；公务用车购置及运维费{F}（其中：公务用车购置费为{F}，公务用车运维费{F}）；"
        f"公务接待费{F}。",
        sentence.text,
    )
    total, overseas, vehicle, purchase, upkeep, reception = match.groups()
    differs = [check(total, [overseas, vehicle, reception]), check(vehicle, [purchase, upkeep])]
    change = re.search(f"与2023年相比{SIGNED}", sentence.text)
    if change:
        differs.append(check(total, [to_wan(prior.three_public), signed(*change.groups())]))
    assert sentence.has_tail_difference == any(differs)


@settings(max_examples=300, deadline=None)
@given(lines=lines, prior=priors)
def test_the_change_is_this_year_less_last_year_and_the_sum_of_the_kinds_changes(lines, prior):
    summary = narrative.summarize(lines, CLASSIFICATIONS)
    sentence = narrative.change_statement(2024, summary, prior, "", "")
    if prior.total is None:
        assert sentence.text.endswith("无2023年预算数据，不作比较。") and not sentence.has_tail_difference
        return
    total = figures(f"预算收支安排{F}", sentence.text)[1]
    change = re.search(f"较2023年预算{SIGNED}", sentence.text)
    change_figure = signed(*change.groups()) if change else Decimal("0.00")
    differs = [check(total, [to_wan(prior.total), change_figure])]
    kinds = re.findall(f"(基本支出|项目支出|经营支出等其他支出)(?:{SIGNED}|无增减变化)", sentence.text)
    if prior.basic is not None and prior.project is not None:  # every kind's change printed: they add to the total's
        differs.append(check(change_figure, [signed(direction, figure) for _, direction, figure in kinds if direction]))
    assert sentence.has_tail_difference == any(differs)


def test_basic_expenditure_of_several_sources_is_the_sum_of_its_printed_parts():
    """The sentence the issue found wrong: 基本支出 counted every source, its two parts only 一般公共预算."""
    lines = [
        tables.Line("2010101", "30101", tables.BASIC, tables.GENERAL_BUDGET, False, Decimal("3075600.00")),
        tables.Line("2010101", "30201", tables.BASIC, tables.GENERAL_BUDGET, False, Decimal("711100.00")),
        tables.Line("2010101", "30201", tables.BASIC, tables.SERVICE_REVENUE, False, Decimal("201500.00")),
    ]
    summary = narrative.summarize(lines, CLASSIFICATIONS)

    text = narrative.expenditure_statement("某部门", 2024, summary, []).text

    assert "其中基本支出398.82万元，包括人员经费307.56万元和日常公用经费91.26万元" in text
    running_cost = narrative.running_cost_statement(2024, summary, "").text
    assert "机关运行经费共计安排71.11万元" in running_cost  # 机关运行经费 stays table 6's: 一般公共预算 only
