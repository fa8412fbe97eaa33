"""The review page's comparison since the last submission covers everything the document shows, not the lines
only: a project's indicator, procurement, assets and the explanation's texts, each listed in its section; "与上次
提交相同" only when nothing at all changed; a submission frozen before these were recorded still renders, saying so."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget import workflow
from budget.builders import diff
from budget.models import AssetHolding, Budget, ProcurementItem, StatusChange
from performance.models import PerformanceIndicator
from tests.factories import under_review
from tests.pages import logged_in, page_soup
from tests.test_query_count import queries_for


@pytest.fixture
def returned(draft_budget, accountant, reviewer):
    """A budget submitted, then returned by the reviewer asking for a cheaper cost target and a purchase."""
    budget = under_review(draft_budget, accountant, "新增测试项目，一般公共服务支出相应增加。")
    workflow.return_for_changes(budget, reviewer, "请修改成本指标并补充政府采购。")
    return Budget.objects.get(pk=budget.pk)


def resubmitted_page(client, budget, accountant, reviewer):
    """The review page's comparison since the last submission once the accountant has resubmitted."""
    workflow.submit(Budget.objects.get(pk=budget.pk), accountant)
    soup = page_soup(logged_in(client, reviewer).get(reverse("admin:budget_budget_review", args=[budget.pk])))
    return soup.select_one("#since-submission")


def section_rows(part, title):
    """A section's changes as [label, column, before, after] rows, the label repeated on each of its rows."""
    table = next(table for table in part.select("table.item-changes") if table.caption.get_text(strip=True) == title)
    rows, label = [], ""
    for tr in table.tbody.find_all("tr"):
        cells = [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        if tr.th:
            label, cells = cells[0], cells[1:]
        rows.append([label, *cells])
    return rows


def test_the_resubmission_lists_the_indicator_the_purchase_the_asset_and_the_text_changed(client, returned,
                                                                                       accountant, reviewer):
    cost = PerformanceIndicator.objects.get(project__budget=returned, level2="cost")
    cost.target_number = 4
    cost.save()
    ProcurementItem.objects.create(
        budget=returned, unit=returned.department, item_name="台式计算机", catalog_code="A02010104", measure_unit="台",
        quantity=2, unit_price=Decimal("5000.00"), source="general_budget", amount=Decimal("10000.00"),
    )
    AssetHolding.objects.create(budget=returned, category="vehicles", quantity=1, value=Decimal("200000.00"))
    returned.duties = "负责测试和审核工作。"
    returned.save()

    part = resubmitted_page(client, returned, accountant, reviewer)

    assert "与上次提交相同" not in part.get_text()
    assert section_rows(part, "绩效指标") == [["P001 2024年测试项目：指标1", "指标值", "≤5万元", "≤4万元"]]
    purchase = section_rows(part, "政府采购")
    assert {row[0] for row in purchase} == {f"{returned.department.name}：台式计算机（A02010104）（新增）"}
    assert ["数量", "", "2"] in [row[1:] for row in purchase]
    assert ["资金来源", "", "一般公共预算拨款"] in [row[1:] for row in purchase]
    assert ["政府采购金额（元）", "", "10000.00"] in [row[1:] for row in purchase]
    assert section_rows(part, "国有资产") == [
        ["2、车辆（台、辆）", "数量", "", "1"], ["2、车辆（台、辆）", "价值（元）", "0.00", "200000.00"],
    ]
    [(label, column, before, after)] = section_rows(part, "说明文字")
    assert (column, before, after) == ("内容", "负责测试工作。", "负责测试和审核工作。") and label
    unchanged = [p.find_previous("h3").get_text(strip=True) for p in part.find_all("p", string="无变化。")]
    assert unchanged == ["项目"]


def test_a_resubmission_with_nothing_changed_says_so(client, returned, accountant, reviewer):
    part = resubmitted_page(client, returned, accountant, reviewer)

    assert part.select("p")[0].get_text(strip=True) == "与上次提交相同。"
    assert not part.select("table")


def test_a_submission_frozen_before_projects_procurement_and_assets_were_recorded_still_renders(
        client, returned, accountant, reviewer):
    first = StatusChange.objects.get(budget=returned, to_status=Budget.Status.SUBMITTED)
    for key in ("projects", "purchases", "assets"):
        del first.snapshot[key]
    first.save()

    part = resubmitted_page(client, returned, accountant, reviewer)

    text = part.get_text()
    assert "与上次提交相同" not in text and "（新增）" not in text  # unknown, not everything added
    unknown = [p.find_previous("h3").get_text(strip=True) for p in part.select("p.unknown")]
    assert unknown == ["项目", "绩效指标", "政府采购", "国有资产"]
    assert all(p.get_text(strip=True) == "上次提交未记录此项。" for p in part.select("p.unknown"))


def test_indicators_are_matched_by_project_name_and_position_among_equal_names():
    def project(*targets):
        indicators = [{"level1": "产出指标", "level2": "数量指标", "name": "培训", "description": "", "target": target,
                       "target_basis": "计划标准"} for target in targets]
        return {"code": "P1", "name": "项目", "indicators": indicators}

    [projects, indicators, *_] = diff.document_changes(
        {"projects": [project("≥5次", "≥2次")], "purchases": [], "assets": [], "texts": {}},
        {"projects": [project("≥5次", "≥3次")], "purchases": [], "assets": [], "texts": {}}, {},
    )

    assert projects.changes == ()
    assert [(c.key, c.status, c.fields) for c in indicators.changes] == [
        ("P1|培训#2", diff.CHANGED, (diff.CellChange("指标值", "≥2次", "≥3次", ""),)),
    ]


def test_the_review_page_costs_the_same_queries_however_many_purchases_assets_and_indicators(
        client, returned, accountant, reviewer):
    url = reverse("admin:budget_budget_review", args=[returned.pk])
    workflow.submit(Budget.objects.get(pk=returned.pk), accountant)
    logged_in(client, reviewer)
    client.get(url)  # the first page of a session also reads what is then cached
    few = queries_for(client, url)
    workflow.return_for_changes(Budget.objects.get(pk=returned.pk), reviewer, "请补充。")
    for number in range(5):
        ProcurementItem.objects.create(
            budget=returned, unit=returned.department, item_name=f"物品{number}", catalog_code="A02010104",
            measure_unit="台", quantity=1, unit_price=Decimal("100.00"), source="general_budget", amount=Decimal("100.00"),
        )
    for category in ("buildings", "vehicles", "other"):
        AssetHolding.objects.create(budget=returned, category=category, quantity=1, value=Decimal("1000.00"))
    project = returned.projects.get()
    for position in range(5):
        PerformanceIndicator.objects.create(project=project, level1="output", level2="quantity", name=f"新增{position}",
                                            target_text="完成", target_basis="工作计划", position=10 + position)
    workflow.submit(Budget.objects.get(pk=returned.pk), accountant)

    assert queries_for(client, url) == few
