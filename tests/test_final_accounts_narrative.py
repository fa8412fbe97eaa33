"""The final accounts' texts (final_accounts/builders/narrative.py): the demo's facts give the reference's 第三部分
section by section, paragraph by paragraph, as corrected (tests/reference_final_accounts_text.py names each slip and
why), its 第一部分 and 第四部分; and the wording rules hold for any facts: 持平 only when equal, no prior year said as
such (never a change from zero), no rate of a 年初预算 of 0, an empty fund said to be empty, 尾差 noted where printed."""

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from budget.builders import tables
from budget.builders.money import TAIL_DIFFERENCE_NOTE, to_wan
from final_accounts.builders import facts, narrative
from final_accounts.samples import putuo
from tests import reference_final_accounts_text as reference
from tests.reference_final_accounts import classifications

FACTS = reference.putuo_facts()
SECTIONS = narrative.explanation(FACTS)
NAMES = classifications()


def texts(section: narrative.Section) -> list[str]:
    return [paragraph.text for paragraph in section.paragraphs]


def section(sections: list[narrative.Section], number: str) -> narrative.Section:
    return next(s for s in sections if s.number == number)


def whole(sections: list[narrative.Section]) -> str:
    return "".join(p.text for s in sections for p in s.paragraphs)


# ---------------------------------------------------------------------------------------------------------------
# The reference, from the demo's facts


def test_eleven_sections_titled_as_the_reference():
    assert [s.heading for s in SECTIONS] == [heading for heading, _ in reference.SECTIONS]


@pytest.mark.parametrize("index", range(11))
def test_each_section_says_what_the_reference_says_corrected(index):
    heading, expected = reference.expected_sections()[index]
    assert SECTIONS[index].heading == heading
    assert texts(SECTIONS[index]) == expected


def test_every_slip_corrects_something():
    """A slip that no longer matches anything would hide a transcription that changed."""
    transcribed = [(p, reference.is_subheading(p)) for _, paragraphs in reference.SECTIONS for p in paragraphs]
    transcribed += [(entry, False) for entry in REFERENCE_GLOSSARY]
    for pattern, _, why in reference.SLIPS:
        subheading_only = pattern in reference.SUBHEADING_SLIPS
        assert any(re.search(pattern, text) for text, is_sub in transcribed if is_sub == subheading_only), why


def test_the_transcription_is_the_reference_text():
    text = reference.reference_text()
    if text is None:
        pytest.skip("no copy of the reference document at hand")
    for _heading, paragraphs in reference.SECTIONS:
        for paragraph in paragraphs:
            assert paragraph in text, paragraph
    assert reference.COMPOSITION in text
    for duty in putuo.DUTIES:
        assert duty in text, duty
    for entry in REFERENCE_GLOSSARY:
        assert entry in text, entry


def test_paragraph_kinds():
    five = section(SECTIONS, "五")
    assert [p.kind for p in five.paragraphs][:6] == [narrative.SUBHEADING, narrative.TEXT] * 3
    assert [p.text.split("、")[0] for p in five.paragraphs if p.kind == narrative.ITEM] == [str(n) for n in range(1, 12)]
    for s in SECTIONS:
        for p in s.paragraphs:
            if p.kind == narrative.SUBHEADING:
                assert re.match(r"^（[一二三]）", p.text) and p.text[-1] not in "。：；"
            else:
                assert p.text.endswith(("。", "：")), p.text


def test_tail_difference_noted_where_printed_figures_do_not_add_up():
    """五: the classes print 2106.66 + 326.72 + 60.99 + 445.69 = 2940.06 beside 2940.05; 十一: the procurement prints
    4.79 + 0.00 + 246.47 = 251.26 beside 251.25 (47,850 + 2,464,650 元 = 2,512,500 元). Nowhere else."""
    assert [s.number for s in SECTIONS if s.has_tail_difference] == ["五", "十一"]
    assert section(SECTIONS, "五").tail_difference_note == TAIL_DIFFERENCE_NOTE
    assert section(SECTIONS, "一").tail_difference_note == ""
    other = section(SECTIONS, "十一")
    assert [p.has_tail_difference for p in other.paragraphs].count(True) == 1
    assert next(p for p in other.paragraphs if p.has_tail_difference).text.startswith("上海市普陀区财政局2024年度政府采购金额")


def test_the_demo_figures_derive_from_the_lines():
    figures = narrative.figures(FACTS.accounts, NAMES)
    assert to_wan(figures.total) == Decimal("2995.39")
    assert to_wan(figures.start_carryover) == Decimal("49.14") and to_wan(figures.income_total) == Decimal("2946.25")
    assert to_wan(figures.fiscal_total) == Decimal("2961.68")
    assert to_wan(figures.personnel_total) == Decimal("2152.26") and to_wan(figures.public_expense_total) == Decimal("184.65")
    assert to_wan(figures.personnel["30309"]) == Decimal("0.31") and "30310" not in figures.personnel


# ---------------------------------------------------------------------------------------------------------------
# 第一部分 and 第四部分

REFERENCE_GLOSSARY = [
    "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本"
    "经营预算财政拨款。",
    "二、事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "三、经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "四、其他收入：指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。",
    "五、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "六、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用"
    "的资金。",
    "七、基本支出：指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。",
    "八、项目支出：指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。",
    "九、经营支出：指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。",
    "十、“三公”经费：指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中:因公出国（境）费"
    "反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等"
    "支出；公务接待费反映全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务所需住宿费、"
    "交通费、伙食费等支出；公务用车购置及运行维护费反映编制内公务车辆的报废更新，以及用于安排市内因公出差、公务文件交换、"
    "日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。",
    "十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
]


def test_glossary_is_the_reference_corrected():
    printed = [f"{entry.position}、{entry.term}：{entry.definition}" for entry in narrative.GLOSSARY]
    assert printed == [reference.corrected(entry) for entry in REFERENCE_GLOSSARY]
    assert narrative.GLOSSARY_TITLE == "第四部分 名词解释"


def putuo_overview() -> narrative.Overview:
    units = [narrative.Unit(unit["name"]) for unit in putuo.UNITS]
    return narrative.overview(putuo.DEPARTMENT["name"], putuo.YEAR, putuo.FIELDS["duties"], units)


def test_overview_of_the_demo():
    overview = putuo_overview()
    assert overview.title == "第一部分 上海市普陀区财政局概况"
    assert list(overview.duties) == putuo.DUTIES
    assert overview.composition == reference.COMPOSITION
    assert [(row.number, row.name, row.remark) for row in overview.units] == reference.UNIT_ROWS


def test_overview_unit_with_lines_and_no_units():
    overview = narrative.overview("某局", 2024, ["负责某事"], [narrative.Unit("某中心", has_lines=True)])
    assert overview.units[1] == narrative.UnitRow(2, "某中心", "")
    assert overview.duties == ("负责某事。",)
    alone = narrative.overview("某局", 2024, "", [])
    assert [row.name for row in alone.units] == ["某局（本级）"] and alone.duties == ()
    assert alone.composition.startswith("从预算单位构成看，某局部门决算包括：某局本级决算。")


# ---------------------------------------------------------------------------------------------------------------
# Wording rules, with small hand-made facts

BASIC_LINE = facts.ActualLine("2010601", "30101", tables.BASIC, tables.GENERAL_BUDGET, Decimal("1000000"))


def small(*lines: facts.ActualLine, **changes: object) -> narrative.ExplanationFacts:
    """A department that spent lines (each income as its 一般公共预算财政拨款), with the given facts changed."""
    listed = lines or (BASIC_LINE,)
    income = tuple(facts.IncomeLine(line.function_code, line.source, line.amount) for line in listed)
    accounts = facts.Accounts(lines=tuple(listed), income=income, carryovers=())
    base = narrative.ExplanationFacts(
        department_name="某局", year=2024, accounts=accounts, classifications=NAMES,
        item_budgets=(facts.ItemBudget("2010601", Decimal("1000000"), "人员经费"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_equal_to_last_year_is_said_to_be_unchanged_with_no_reason():
    prior = narrative.PriorYear(total=Decimal("1000000"), fiscal_total=Decimal("1000000"),
                                general_budget_expenditure=Decimal("1000000"), running_cost=ZERO_YUAN, three_public=ZERO_YUAN)
    sections = narrative.explanation(small(prior=prior, reasons=narrative.Reasons(total_change="不应出现")))
    assert texts(section(sections, "一")) == ["某局2024年度收入支出总计100.00万元。与2023年度相比，收入支出总计持平。"]
    assert "财政拨款收入支出总计持平。" in texts(section(sections, "四"))[0]
    assert "不应出现" not in whole(sections) and "%" not in texts(section(sections, "一"))[0]
    assert "机关运行经费支出0.00万元，与2023年度持平。" in texts(section(sections, "十一"))


ZERO_YUAN = Decimal(0)


def test_no_prior_year_is_said_as_such_never_as_a_change_from_zero():
    sections = narrative.explanation(small(prior=narrative.PriorYear()))
    assert texts(section(sections, "一")) == ["某局2024年度收入支出总计100.00万元。无2023年度可比数据，不作比较。"]
    assert "无2023年度可比数据，不作比较。" in texts(section(sections, "四"))[0]
    assert texts(section(sections, "五"))[1] == "一般公共预算财政拨款支出100.00万元，占本年支出合计的100.00%。无2023年度可比数据，不作比较。"
    assert "机关运行经费支出0.00万元，无2023年度可比数据，不作比较。" in texts(section(sections, "十一"))
    assert "2024年度“三公”经费财政拨款支出决算数无2023年度可比数据，不作比较。" in texts(section(sections, "七"))
    assert "增加" not in whole(sections) and "减少" not in whole(sections)


def test_a_prior_year_of_zero_is_a_change_without_a_rate():
    sections = narrative.explanation(small(prior=narrative.PriorYear(total=ZERO_YUAN)))
    assert texts(section(sections, "一")) == [
        "某局2024年度收入支出总计100.00万元。与2023年度相比，收入支出总计增加100.00万元。本部门未说明增减变化原因。"
    ]


def test_change_wording_and_rates():
    assert narrative.change_with_rate(Decimal("29953900"), Decimal("30523400")) == "减少56.95万元，下降1.87%"
    assert narrative.change_with_rate(Decimal("100"), Decimal("100")) == "持平"
    assert narrative.change_with_rate(Decimal("100000001"), Decimal("100000000")) == "增加不足0.01万元，增长不足0.01%"
    assert narrative.share(Decimal("29400500"), Decimal("29939200")) == "98.20%"
    assert narrative.share(ZERO_YUAN, Decimal("9500")) == "0.00%"


def test_reasons_lose_a_lead_of_their_own_and_close_once():
    assert narrative.reason_text("主要原因是人员减少。") == "人员减少。"
    assert narrative.reason_text("人员减少；") == "人员减少。"


def test_item_against_its_budget():
    assert narrative.against_budget(Decimal("9400"), Decimal("9400"), "") == "决算数与预算数持平。"
    assert narrative.against_budget(Decimal("100000"), Decimal("99996"), "") == "决算数与预算数基本持平。"
    assert narrative.against_budget(Decimal("100000"), Decimal("90000"), "") == "决算数小于预算数，本部门未说明原因。"
    assert narrative.against_budget(Decimal("100000"), Decimal("110000"), "追加") == "决算数大于预算数的主要原因：追加。"


def test_no_completion_rate_of_an_initial_budget_of_zero():
    """A 项 spent with no 年初预算 is listed, and neither 五 nor 七 computes a rate of nothing."""
    unplanned = facts.ActualLine("2010602", "30201", tables.PROJECT, tables.GENERAL_BUDGET, Decimal("50000"))
    sections = narrative.explanation(small(BASIC_LINE, unplanned, item_budgets=()))
    five = texts(section(sections, "五"))
    assert five[5] == ("一般公共预算财政拨款支出年初预算为0.00万元，支出决算为105.00万元，年初未安排预算。"
                       "决算数大于预算数，本部门未说明原因。其中：")
    assert five[7].startswith("2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。年初预算为0.00万元，支出决算为5.00万元。")
    seven = texts(section(sections, "七"))[1]
    assert "完成" not in seven and seven.count("年初未安排预算") == 4
    assert "完成年初预算" not in whole(sections) and "完成预算" not in whole(sections)


def test_an_item_budgeted_but_not_spent_is_listed():
    budgets = (facts.ItemBudget("2010601", Decimal("1000000")), facts.ItemBudget("2080505", Decimal("20000"), reason="未发生"))
    five = texts(section(narrative.explanation(small(item_budgets=budgets)), "五"))
    assert five[-1] == ("2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为"
                        "2.00万元，支出决算为0.00万元。决算数小于预算数的主要原因：未发生。")
    assert five[-2].endswith("决算数与预算数持平。")


def test_an_empty_fund_is_said_to_be_empty_and_a_used_one_gives_its_figures():
    sections = narrative.explanation(small())
    assert texts(section(sections, "八")) == ["某局2024年度无政府性基金预算财政拨款收入和支出。"]
    assert texts(section(sections, "九")) == ["某局2024年度无国有资本经营预算财政拨款收入和支出。"]
    fund_line = facts.ActualLine("2120801", "30201", tables.PROJECT, tables.GOVERNMENT_FUND, Decimal("300000"))
    used = small(BASIC_LINE, fund_line)
    used = replace(used, accounts=replace(used.accounts, carryovers=(
        facts.CarryOver(facts.GOVERNMENT_FUND, facts.START, Decimal("50000"), "2120801"),
        facts.CarryOver(facts.GOVERNMENT_FUND, facts.END, Decimal("50000"), "2120801"),
    )))
    assert texts(section(narrative.explanation(used), "八")) == [
        "某局2024年度政府性基金预算财政拨款年初结转和结余5.00万元，本年收入30.00万元，本年支出30.00万元，"
        "年末结转和结余5.00万元。"
    ]
    fiscal = texts(section(narrative.explanation(used), "四"))[0]
    assert fiscal.startswith("某局2024年度财政拨款收入支出总计135.00万元。")


def test_running_cost_only_for_administrative_units():
    other = texts(section(narrative.explanation(small(has_running_cost=False)), "十一"))
    assert other[1] == "某局不属于行政单位和参照公务员法管理的事业单位，不统计机关运行经费。"


def test_three_public_spent_with_counts_and_last_years_items_unknown():
    reception = facts.ActualLine("2010601", "30217", tables.BASIC, tables.GENERAL_BUDGET, Decimal("12345"))
    upkeep = facts.ActualLine("2010601", "30231", tables.BASIC, tables.GENERAL_BUDGET, Decimal("20000"))
    f = small(BASIC_LINE, reception, upkeep, prior=narrative.PriorYear(three_public=Decimal("30000")),
              counts=narrative.ThreePublicCounts(vehicles_held=2, reception_batches=3, reception_people=20))
    f = replace(f, accounts=replace(f.accounts, three_public_budget={facts.RECEPTION: Decimal("20000"),
                                                                      facts.VEHICLE_UPKEEP: Decimal("20000")}))
    seven = texts(section(narrative.explanation(f), "七"))
    assert seven[1].startswith("“三公”经费财政拨款支出年初预算为4.00万元，支出决算为3.23万元，完成预算的80.86%，其中：")
    assert "公务接待费支出决算为1.23万元，完成预算的61.73%" in seven[1]
    # Last year's items are unknown (only the total was entered): no item is compared.
    assert seven[2] == "2024年度“三公”经费财政拨款支出决算数比2023年度增加0.23万元，增长7.82%。"
    assert seven[4:] == [
        "1、因公出国（境）费支出0.00万元，未安排因公出国（境）团组。",
        "2、公务用车购置及运行维护费支出2.00万元，其中：公务用车购置费0.00万元，购置公务用车0辆；公务用车运行维护费2.00万元，"
        "截至2024年12月31日，公务用车保有量2辆。",
        "3、公务接待费支出1.23万元，国内公务接待3批次、20人次。",
    ]


def test_procurement_none_and_vehicles_counted():
    sections = narrative.explanation(small(assets=narrative.Assets(enforcement=2, other=1)))
    other = texts(section(sections, "十一"))
    assert "某局2024年度无政府采购支出。" in other
    assert other[-1].startswith("截至2024年12月31日，某局共有车辆3辆，其中：部级领导干部用车0辆、")
    assert "执法执勤用车2辆" in other[-1] and "其他用车1辆。" in other[-1]


def test_performance_without_a_score_or_an_account():
    ten = texts(section(narrative.explanation(small()), "十"))[0]
    assert ten.startswith("某局2024年度预算绩效管理工作开展情况如下：实行全过程绩效管理实施情况跟踪：")
    assert "平均得分" not in ten


amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("999999999.99"), places=2)


@given(current=amounts, prior=st.none() | amounts, reason=st.sampled_from(["", "人员减少"]))
def test_year_on_year_reads_back_its_figures(current, prior, reason):
    """Whatever the figures: no prior is never a change; a change prints its amount and rate as computed; 持平 only
    when equal, with no reason."""
    sentence = narrative.year_on_year("收入支出总计", current, prior, 2024, reason).text
    if prior is None:
        assert sentence == "无2023年度可比数据，不作比较。"
        return
    if current == prior:
        assert sentence == "与2023年度相比，收入支出总计持平。"
        return
    match = re.match(r"与2023年度相比，收入支出总计(增加|减少)(不足0\.01|\d+\.\d{2})万元(?:，(增长|下降)(不足0\.01|\d+\.\d{2})%)?。",
                     sentence)
    assert match, sentence
    assert (match.group(1) == "增加") == (current > prior)
    if match.group(2) != "不足0.01":
        assert Decimal(match.group(2)) == to_wan(abs(current - prior))
    assert (match.group(3) is None) == (prior == 0)
    assert sentence.endswith("主要原因：人员减少。" if reason else "本部门未说明增减变化原因。")


@given(
    amounts=st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2), min_size=1, max_size=6),
    codes=st.lists(st.sampled_from(["2010601", "2080505", "2101101", "2210201", "2130101"]), min_size=6, max_size=6),
    kinds=st.lists(st.sampled_from([tables.BASIC, tables.PROJECT]), min_size=6, max_size=6),
    budget=st.decimals(min_value=Decimal("0"), max_value=Decimal("9999999.99"), places=2),
)
def test_every_paragraph_closed_and_shares_two_decimals(amounts, codes, kinds, budget):
    lines = tuple(facts.ActualLine(code, "30201", kind, tables.GENERAL_BUDGET, amount)
                  for amount, code, kind in zip(amounts, codes, kinds, strict=False))
    sections = narrative.explanation(small(*lines, item_budgets=(facts.ItemBudget("2010601", budget),)))
    for s in sections:
        for p in s.paragraphs:
            assert p.text.endswith(("。", "：")) or p.kind == narrative.SUBHEADING, p.text
    assert all(re.fullmatch(r"\d+\.\d{2}", share) for share in re.findall(r"占(?:本年支出合计的)?([\d.]+)%", whole(sections)))
    assert ("完成年初预算的" in whole(sections)) == bool(budget)


# ---------------------------------------------------------------------------------------------------------------
# The templates


class DocumentStub:
    """What the templates read of the document (final_accounts.document.Document)."""

    sections = SECTIONS
    explanation_title = narrative.explanation_title("上海市普陀区财政局", 2024)
    overview = putuo_overview()
    glossary = narrative.GLOSSARY
    glossary_title = narrative.GLOSSARY_TITLE


def test_explanation_template_renders_parts_sections_subheadings_and_tail_notes():
    html = render_to_string("final_accounts/_explanation.html", {"document": DocumentStub})
    assert '<h2 id="part-3">第三部分 上海市普陀区财政局2024年度部门决算情况说明</h2>' in html
    assert html.count("<h3>") == 11 and "<h3>十一、其他重要事项的情况说明</h3>" in html
    assert '<p class="subheading">（一）一般公共预算财政拨款支出决算总体情况</p>' in html
    assert html.count('class="statement item"') == 11
    assert html.count(TAIL_DIFFERENCE_NOTE) == 2


def test_overview_and_glossary_templates():
    overview = render_to_string("final_accounts/_overview.html", {"document": DocumentStub})
    assert '<h2 id="part-1">第一部分 上海市普陀区财政局概况</h2>' in overview
    assert "<td>上海市普陀区国库收付中心</td><td>预算不单列，并入本级</td>" in overview
    assert "（十二）完成区委、区政府交办的其他任务。" in overview
    glossary = render_to_string("final_accounts/_glossary.html", {"document": DocumentStub})
    assert '<h2 id="part-4">第四部分 名词解释</h2>' in glossary
    assert glossary.count("<p>") == 11 and "十一、机关运行经费：" in glossary


def test_baseline_note_says_where_the_compared_figures_come_from():
    assert narrative.baseline_note(FACTS) == "注：年初预算数由本部门填报；2023年度数据由本部门填报。"
    platform = small(budget_from_platform=True, prior=narrative.PriorYear(total=ZERO_YUAN, from_platform=True))
    assert narrative.baseline_note(platform) == (
        "注：年初预算数取自本平台公开的2024年部门预算；2023年度数据取自本平台公开的2023年度部门决算。"
    )
    assert narrative.baseline_note(small()) == "注：年初预算数由本部门填报；无2023年度可比数据。"


class Recording(dict):
    """Fields that remember which names were asked for."""

    def __init__(self):
        super().__init__()
        self.asked = set()

    def get(self, name, default=None):
        self.asked.add(name)
        return default


def test_from_fields_reads_the_models_names_and_every_entered_fact():
    """A field of the entered facts' families (last year's, procurement, vehicles, grades, reasons, …) added to the
    model and not read here would be silently left out of the explanation."""
    from final_accounts.models import FinalAccounts

    fields = Recording()
    built = narrative.from_fields("某局", 2024, small().accounts, NAMES, fields)
    names = {f.name for f in FinalAccounts._meta.get_fields()}
    assert fields.asked and fields.asked <= names, fields.asked - names
    assert built.prior == narrative.PriorYear() and built.reasons == narrative.Reasons()
    families = re.compile(r"^(prior_|procurement_|vehicles_|grade_|problems_|sme_|small_micro_)|_reason$|_projects$|_amount$")
    assert {name for name in names if families.search(name)} <= fields.asked


@pytest.mark.django_db
def test_the_demo_document_prints_the_texts():
    """The assembly (final_accounts/document.py) hands the demo's entered facts to the builder and the body prints
    them: the same sections as from the test's facts; its templates print the parts' titles, the units and the glossary."""
    from final_accounts import document
    from final_accounts.samples import demo

    accounts = demo.load_draft()
    built = document.build(accounts)
    assert [texts(s) for s in built.sections] == [texts(s) for s in SECTIONS]
    html = "".join(render_to_string(f"final_accounts/_{part}.html", {"document": built})
                   for part in ("overview", "explanation", "glossary"))
    for title in ("第一部分 上海市普陀区财政局概况", "第三部分 上海市普陀区财政局2024年度部门决算情况说明", "第四部分 名词解释"):
        assert title in html
    assert "<td>上海市普陀区财政局财政所</td><td>预算不单列，并入本级</td>" in html
    assert html.count(TAIL_DIFFERENCE_NOTE) == 2 and html.count("<h3>") == 13
