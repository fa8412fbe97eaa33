"""Wherever a printed total differs from the sum of its printed parts (each figure rounded on its own), the document
says so once, in the standard words, at that place: under the table, after the section's sentences, under the
procurement or assets table, under a project's sheet; where nothing differs, there is no note."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from budget import document, pdf
from budget.models import AssetHolding, ProcurementItem, Project
from budget.samples.synthetic import make_line
from tests.pages import page_soup

NOTE = "注：部分合计数与各分项之和因四舍五入存在尾差。"


def noted_places(soup):
    """The ids of the tables and sections that carry the note, each note checked for its words."""
    notes = soup.select("p.tail-note")
    assert {note.get_text(strip=True) for note in notes} <= {NOTE}
    return [note.find_parent("section")["id"] for note in notes]


def rendered(budget):
    return BeautifulSoup(pdf.body(document.build(budget)), "html.parser")


def test_the_reference_needs_the_note_under_tables_1_to_6_and_after_its_expenditure_sentence(client, demo_budget):
    soup = page_soup(client.get("/budgets/2024/224/"))

    # Table 1: 352.71 + 35.33 + 14.94 + 20.07 = 423.05 against 423.06; the 支出说明: 233.32 + 38.30 against 271.63.
    assert noted_places(soup) == [f"table-{number}" for number in range(1, 7)] + ["section-2"]


def test_a_budget_of_whole_amounts_has_no_note(draft_budget):
    make_line(draft_budget, "2013301", "30101", "120000.00")
    make_line(draft_budget, "2013301", "30217", "30000.00")
    make_line(draft_budget, "2080505", "30108", "50000.00", source="service_revenue")
    make_line(draft_budget, "2013301", "30201", "10000.00", is_carryover=True)
    project = Project.objects.create(budget=draft_budget, code="P1", name="测试项目")
    make_line(draft_budget, "2013301", "30227", "40000.00", kind="project", project=project)
    make_line(draft_budget, "2013301", "30227", "20000.00", kind="project", project=project, source="other_revenue")
    AssetHolding.objects.create(budget=draft_budget, category="vehicles", quantity=1, value=Decimal("200000.00"))
    AssetHolding.objects.create(budget=draft_budget, category="other", quantity=10, value=Decimal("30000.00"))

    assert noted_places(rendered(draft_budget)) == []


def test_three_public_items_printing_a_cent_less_than_their_total_are_noted_after_section_4(draft_budget):
    make_line(draft_budget, "2013301", "30212", "80240.00")  # 8.024 → 8.02
    make_line(draft_budget, "2013301", "30231", "80240.00")  # 8.02
    make_line(draft_budget, "2013301", "30217", "80420.00")  # 8.042 → 8.04; together 24.09, the parts 24.08

    soup = rendered(draft_budget)

    assert "“三公”经费预算安排24.09万元，其中因公出国（境）费8.02万元" in soup.select_one("#three-public-statement").get_text()
    assert "section-4" in noted_places(soup) and "section-2" not in noted_places(soup)
    assert "table-9" in noted_places(soup)


def test_a_change_printing_a_cent_off_this_year_less_last_year_is_noted_after_section_2(draft_budget):
    make_line(draft_budget, "2013301", "30101", "10000050.00")  # 1000.005 → 1000.01
    draft_budget.prior_year_total = draft_budget.prior_year_basic = Decimal("5000020.00")  # 500.002 → 500.00
    draft_budget.prior_year_project = Decimal("0.00")
    draft_budget.save()

    soup = rendered(draft_budget)

    # The change, 500.003 万元, prints 500.00: 500.00 + 500.00 is not 1000.01.
    assert "较2023年预算增加500.00万元" in soup.select_one("#change-statement").get_text()
    assert noted_places(soup) == ["section-2"]


@pytest.mark.parametrize("place", ["project sheet", "assets", "procurement"])
def test_a_project_sheet_the_assets_or_the_procurement_table_whose_parts_print_more_than_their_total_is_noted(draft_budget, place):
    make_line(draft_budget, "2013301", "30101", "100000.00")
    if place == "project sheet":  # 预算数 2.01 beside 财政资金 1.01 and 其他资金 1.01
        project = Project.objects.create(budget=draft_budget, code="P1", name="测试项目")
        make_line(draft_budget, "2013301", "30227", "10050.00", kind="project", project=project)
        make_line(draft_budget, "2013301", "30227", "10050.00", kind="project", project=project, source="other_revenue")
        expected = "project-1"
    elif place == "procurement":  # 合计 and 小计 2.01 beside two purchases of 1.01
        for item in ("电脑", "打印机"):
            ProcurementItem.objects.create(
                budget=draft_budget, unit=draft_budget.department, item_name=item, catalog_code="A02010104",
                measure_unit="台", quantity=1, unit_price=Decimal("10050.00"), source="general_budget",
                amount=Decimal("10050.00"),
            )
        expected = "section-8"
    else:  # 资产总额 2.01 beside 1.01 and 1.01
        AssetHolding.objects.create(budget=draft_budget, category="vehicles", quantity=1, value=Decimal("10050.00"))
        AssetHolding.objects.create(budget=draft_budget, category="other", quantity=1, value=Decimal("10050.00"))
        expected = "section-9"

    assert expected in noted_places(rendered(draft_budget))
