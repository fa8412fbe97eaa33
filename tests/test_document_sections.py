"""The demo's page holds every section of the reference's explanation, in its order and wording."""

import pytest

from budget import document
from tests import reference
from tests.factories import complete_budget
from tests.pages import page_soup, table_grid

# The tests read the demo, loaded once for the module, on one worker (tests/conftest.py).
pytestmark = [pytest.mark.usefixtures("demo_for_the_module"), pytest.mark.xdist_group("document_sections")]


@pytest.fixture
def page(client, demo_budget):
    return page_soup(client.get("/budgets/2024/224/"))


def text_of(element):
    """An element's text as read: a figure kept with its unit (a span) joins the words around it."""
    return element.get_text(strip=True)


def test_every_sentence_with_an_amount_is_reproduced(page):
    statements = [text_of(p) for p in page.select("p.statement")]
    sentences = reference.amount_sentences()
    assert len(sentences) == 6  # the reference's six: a parse that found none would pass the loop below
    for sentence in sentences:
        assert sentence in statements


def test_sections_come_in_the_reference_order(page):
    headings = [text_of(h) for h in page.select(".explanation h3")]
    assert headings == [*reference.section_headings(), "名词解释", "其他说明"]
    assert page.select_one("#part-1").get_text(strip=True) == reference.explanation_lines()[0]


def test_every_line_of_duties_goals_and_measures_is_on_the_page(page):
    paragraphs = {text_of(p) for p in page.select(".explanation p")}
    lines = reference.explanation_lines()
    duties = lines[lines.index("部门职责：") + 1 : lines.index("机构设置：")]
    goals = lines[lines.index("（一）总体绩效目标") : lines.index("六、部门主管专项资金预算安排情况及绩效目标")]
    for line in duties + goals:
        assert reference.corrected(line) in paragraphs


def test_units_table_lists_the_departments_units(page):
    assert table_grid(page.select_one("table.units")) == [
        ["中共石家庄市鹿泉区委网络安全和信息化委员会办公室本级", "行政", "正科级", "财政拨款"]
    ]


def test_each_project_sheet_matches_the_reference(page):
    sheets = page.select(".project-sheet")
    expected = reference.project_sheets()
    assert [text_of(sheet.h4) for sheet in sheets] == list(expected)
    for sheet, rows in zip(sheets, expected.values(), strict=True):
        assert table_grid(sheet.select_one("table.indicators")) == rows


def test_project_sheet_header_block_shows_amounts_plan_and_goal(page):
    sheet = page.select_one("#project-1")
    grid = table_grid(sheet.select_one("table.project-header"))
    assert grid[0] == ["项目编码", "13011024P003228100103", "13011024P003228100103", "项目名称", *["2024年涉军岗位工资"] * 3]
    assert grid[1] == ["预算规模及资金用途", "预算数", "11.43", "其中：财政资金", "11.43", "其他资金", ""]
    assert grid[2][1] == "实现公益岗托管安置就业"
    assert grid[4][1:] == ["25%", "50%", "75%", "75%", "100%", "100%"]
    assert grid[5][1].startswith("1.目标内容：为我单位2名涉军公益岗位按时足额发放工资")


def test_procurement_table_matches_the_reference(page):
    assert table_grid(page.select_one("table.procurement")) == reference.procurement_rows()
    assert "注：同一采购目录序号的物品" in text_of(page.select_one("#section-8"))


def test_assets_table_matches_the_reference(page):
    assert table_grid(page.select_one("table.assets")) == reference.asset_rows()
    assert "截止时间：2023-12-31" in text_of(page.select_one("#section-9"))


def test_glossary_has_the_ten_standard_definitions(page):
    entries = [text_of(p) for p in page.select("#glossary p")]
    assert len(entries) == 10
    assert entries[0].startswith("1、财政拨款收入：指本级财政当年拨付的资金")
    assert entries[9].startswith("10、机关运行经费：是指各部门（单位）的公用经费")


def test_other_notes_and_toc_links(page):
    assert text_of(page.select_one("#other-notes p")) == "我部门无其他需要说明的事项。"
    targets = [a["href"] for a in page.select("nav.toc a")]
    assert targets[:10] == ["#overview"] + [f"#table-{n}" for n in range(1, 10)]
    for target in targets:
        assert page.select_one(target) is not None


def test_no_template_placeholder_reaches_the_page(page):
    text = page.get_text()
    for placeholder in ("XXX", "待填写", "None", "nan"):
        assert placeholder not in text


def test_procurement_table_header_is_the_references(page):
    heads = [th.get_text(strip=True) for th in page.select("table.procurement thead th")]
    assert heads == [
        "政府采购项目来源", "采购物品名称", "政府采购目录序号", "计量单位", "数量", "单价", "政府采购金额（当年部门预算安排资金）",
        "2024年预留中小微企业份额", "项目名称", "预算资金", "合计", "一般公共预算拨款", "基金预算拨款", "国有资本经营预算拨款",
        "财政专户核拨", "单位资金", "上年结转结余",
    ]


def test_an_empty_procurement_table_shows_one_blank_row_under_every_column(draft_budget):
    doc = document.build(complete_budget(draft_budget))

    assert doc.procurement_rows == [] and len(doc.procurement_blank_row) == 15
