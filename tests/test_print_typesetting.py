"""The document is set as a careful typesetter would: a figure never parts from its unit, a title never leaves one
character alone on its last line, every paragraph is closed, book titles in a row take no 顿号, and no change is
never printed as one."""

import re

from bs4 import BeautifulSoup

from budget import document, pdf
from budget.samples.synthetic import make_line
from tests.pages import page_soup


def test_every_figure_of_the_explanation_is_kept_with_its_unit(client, demo_budget):
    page = page_soup(client.get("/budgets/2024/224/"))
    statements = page.select("p.statement")

    figures = [match for p in statements for match in re.findall(r"\d+\.\d{2}万元", p.get_text())]
    kept = [span.get_text() for p in statements for span in p.select("span.nowrap")]

    assert len(figures) == 25
    assert [figure for figure in kept if figure.endswith("万元")] == figures


def test_titles_keep_their_last_four_characters_together(client, demo_budget):
    page = page_soup(client.get("/budgets/2024/224/"))

    assert page.select_one("#table-1-title span.nowrap").get_text() == "收支总表"
    assert page.select_one("#project-1 h4 span.nowrap").get_text() == "绩效目标表"[-4:]
    assert page.select_one("#part-1 span.nowrap").get_text() == "情况说明"


def test_book_titles_in_a_row_take_no_enumeration_comma(client, demo_budget):
    page = page_soup(client.get("/budgets/2024/224/"))

    assert "《中华人民共和国预算法》《地方预决算公开操作规程》和《" in page.select_one(".explanation").get_text()
    assert "》、《" not in page.get_text()


def test_an_accountants_paragraphs_are_closed_but_a_lists_headings_are_not(draft_budget):
    make_line(draft_budget, amount="10000.00")
    draft_budget.item_goals = "1、网络安全技术支持项目\n绩效指标：开展活动不少于5次\n（二）宣传目标：覆盖全区”\n加强宣传。"
    draft_budget.duties = "依据《预算法》、《会计法》履行职责"
    draft_budget.save()

    soup = BeautifulSoup(pdf.body(document.build(draft_budget)), "html.parser")
    goals = [p.get_text() for p in soup.select("#section-5 p")]
    duties = [p.get_text() for p in soup.select("#section-1 p")]

    assert goals[goals.index("1、网络安全技术支持项目") + 1 :][:3] == [
        "绩效指标：开展活动不少于5次。", "（二）宣传目标：覆盖全区”。", "加强宣传。",
    ]
    assert "依据《预算法》《会计法》履行职责。" in duties
    heading = soup.find("p", string="1、网络安全技术支持项目")
    assert heading["class"] == ["subheading"]  # bold and kept with what follows in print


def test_no_change_is_never_an_increase_of_nothing(client, demo_budget):
    page = page_soup(client.get("/budgets/2024/224/")).get_text()

    assert "增加0.00" not in page and "减少0.00" not in page
    assert "“三公”经费与2023年持平，无增减变化。" in page
    assert "与上年持平" in page  # the overview's 三公 figure, 0.00 in both years
