"""The checks page links each finding's 位置 to where it is fixed: a line's own page at its field, a project's page at
its field or indicator row, the budget's text field (#id_<field>), its grid; each link lands on an element of that
id. A warning fixed by writing a text says "请在…中填写" with the link, and its box is the explanation to the reviewer
of why the warning stands."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from budget.models import Budget, BudgetLine, Project
from budget.samples.synthetic import make_line
from tests.factories import complete_budget
from tests.pages import change_url, logged_in


@pytest.fixture
def faulty(draft_budget):
    """A complete budget with a finding of each kind of place."""
    budget = complete_budget(draft_budget)
    Budget.objects.filter(pk=budget.pk).update(duties="", prior_year_basic="50000.00")  # C09; C14 basic +100%
    bare = Project.objects.create(budget=budget, code="P002", name="无指标项目", purpose="用途", goal="目标。",
                                  position=2, plan_march=25, plan_june=50, plan_october=75, plan_december=90)  # C08
    make_line(budget, "2013301", "30227", "1000.00", kind="project", project=bare)
    orphan = make_line(budget, "2010301", "30227", "2000.00", kind="project", project=bare)
    BudgetLine.objects.filter(pk=orphan.pk).update(project=None)  # C02
    complete = budget.projects.get(code="P001")
    complete.indicators.filter(level2="cost").update(target_number=900)  # C07: 900万元 above the project's amount
    budget.refresh_from_db()
    return budget, bare, complete, orphan


def findings(client, budget):
    page = BeautifulSoup(client.get(reverse("admin:budget_budget_checks", args=[budget.pk])).content, "html.parser")
    rows = page.select("#findings tbody tr")
    return [(row.find_all("td")[0].get_text(), row.select_one("a.finding-place")["href"], row) for row in rows]


def test_each_finding_links_to_the_page_and_field_where_it_is_fixed(client, accountant, faulty):
    budget, bare, complete, orphan = faulty
    session = logged_in(client, accountant)

    links = {(rule, href) for rule, href, _ in findings(session, budget)}

    budget_page, project_page = change_url(budget), change_url(bare)
    cost_row = list(complete.indicators.values_list("level2", flat=True)).index("cost")
    assert {
        ("C02", f"{change_url(orphan)}#id_project"),
        ("C06", f"{project_page}#indicators-group"),
        ("C07", f"{project_page}#indicators-group"),
        ("C07", f"{change_url(complete)}#indicators-{cost_row}"),
        ("C08", f"{project_page}#id_plan_march"),
        ("C09", f"{budget_page}#id_duties"),
        ("C14", f"{budget_page}#id_basic_change_reason"),
    } <= links
    for _rule, href in links:  # each lands on an element of its id
        address, _, anchor = href.partition("#")
        target = BeautifulSoup(session.get(address).content, "html.parser")
        assert target.find(id=anchor) is not None, href


def test_a_warning_fixed_by_a_text_says_where_to_write_it_and_its_box_explains_to_the_reviewer(
    client, accountant, faulty
):
    budget = faulty[0]
    session = logged_in(client, accountant)

    row = next(row for rule, _, row in findings(session, budget) if rule == "C14")

    fix = row.select_one(".finding-fix")
    assert fix.get_text() == "请在基本支出增减原因中填写；填写后此警告即消除。"
    assert fix.a["href"] == f"{change_url(budget)}#id_basic_change_reason"
    assert row.textarea["aria-label"] == "C14：向审核人说明为何保留此警告"
    missing = next(row for rule, _, row in findings(session, budget) if rule == "C09")
    assert missing.select_one(".finding-fix").get_text() == "请在部门职责中填写。"  # an error: no warning to explain
    header = row.find_parent("table").select("thead th")[-1].get_text()
    assert "向审核人" in header and "理由" in header
