"""九、国有资产信息 follows from the data: dated the day the holdings are counted, the planned purchase of fixed assets
derived from the 310 资本性支出 lines (never typed, so never contradicting them), procurement named only where it
holds goods, and an empty holdings table said to be empty."""

from datetime import date
from decimal import Decimal

from bs4 import BeautifulSoup

from budget import document, pdf
from budget.models import AssetHolding, ProcurementItem
from budget.samples.synthetic import make_line


def section(budget):
    soup = BeautifulSoup(pdf.body(document.build(budget)), "html.parser")
    return soup.select_one("#section-9"), soup.select_one("#section-8")


def text(element):
    return element.get_text(strip=True)


def test_holdings_are_dated_31_december_of_the_year_before_unless_another_day_is_entered(draft_budget):
    AssetHolding.objects.create(budget=draft_budget, category="other", quantity=3, value=Decimal("12000.00"))
    assets, _ = section(draft_budget)
    assert "截止时间：2023-12-31" in text(assets)
    assert "上年末固定资产金额为1.20万元（详见下表）" in text(assets)

    draft_budget.assets_as_of = date(2024, 3, 31)
    draft_budget.save()
    assets, _ = section(draft_budget)
    assert "截止时间：2024-03-31" in text(assets)
    assert "截至2024年3月31日固定资产金额为1.20万元" in text(assets) and "上年末" not in text(assets)


def test_an_empty_holdings_table_says_the_department_has_none(draft_budget):
    make_line(draft_budget, "2013301", "30101", "10000.00")

    assets, _ = section(draft_budget)

    assert "（含所属单位）上年末无固定资产。本年度未安排购置固定资产。" in text(assets)
    assert assets.select_one("p.note").get_text(strip=True) == "注：本部门无固定资产，空表列示。"


def test_the_planned_purchase_is_the_capital_lines_and_claims_no_procurement_where_there_is_none(draft_budget):
    make_line(draft_budget, "2013301", "31002", "120000.00")
    make_line(draft_budget, "2013301", "31002", "60000.00", source="service_revenue")

    assets, procurement = section(draft_budget)

    assert text(assets.select_one("#assets-statement")).endswith("本年度拟购置固定资产总额为18.00万元。")
    assert "政府采购" not in text(assets)
    assert "注：无政府采购预算，空表列示。" in text(procurement)


def test_goods_in_the_procurement_budget_are_named_beside_the_planned_purchase(draft_budget):
    make_line(draft_budget, "2013301", "31002", "180000.00")
    for catalog, amount in [("A02010104", "150000.00"), ("C17020000", "30000.00")]:  # a computer, and a service
        ProcurementItem.objects.create(
            budget=draft_budget, unit=draft_budget.department, item_name="采购", catalog_code=catalog, measure_unit="台",
            quantity=1, unit_price=Decimal(amount), source="general_budget", amount=Decimal(amount),
        )

    assets, _ = section(draft_budget)

    assert text(assets.select_one("#assets-statement")).endswith(
        "本年度拟购置固定资产总额为18.00万元，政府采购预算安排货物类采购15.00万元，详见政府采购预算表。"
    )
