"""Accessibility: axe-core (bundled by axe-playwright-python) run in Chromium on every public page and on the staff
pages as the accountant edits and the reviewer decides, at a desktop's 1280 px and a phone's 375 px, with the WCAG
2.1 A and AA rules. No finding of impact critical or serious may remain (issue 23 measured 16 on the public pages and
800 on the staff pages). docs/accessibility.md says what is checked and how the pages meet it.

One test per width: the demo is loaded once for it, and its pages are visited in a loop, one browser context per
person. The data changes between the rounds of visits (the published demo, then reopened for the accountant, then
submitted for the reviewer), written while no page is open (tests.browser.Chromium).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from budget.models import Budget
from final_accounts.models import FinalAccounts
from performance.models import EvaluationReview, IndicatorEvaluation, ProjectEvaluation
from tests.browser import session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
         "resultTypes": ["violations"]}
GRAVE = {"critical", "serious"}
NODES_SHOWN = 3
PUBLIC_PAGES = ["/", "/budgets/2024/", "/budgets/2024/224/", "/budgets/224/compare/?from=2024&to=2024",
                "/final-accounts/2024/310107001/", "/final-accounts/2024/310107001/execution/",
                "/final-accounts/2024/224/execution/"]

AXE = Axe()

# Elements pointing by id at an element the page does not have: axe reports a broken aria-describedby only when
# none of its ids exists (and then as "needs review"), and issue 23 found 36 of 43 pointing at help texts Django's
# tabular rows never render. The template row of an inline (its ids hold __prefix__) is not on the screen.
BROKEN_REFERENCES = """() => [...document.querySelectorAll("[aria-describedby], [aria-labelledby]")]
    .filter(element => !element.closest(".empty-form"))
    .flatMap(element => ["aria-describedby", "aria-labelledby"].flatMap(name =>
        (element.getAttribute(name) || "").split(/\\s+/).filter(id => id && !document.getElementById(id))
            .map(id => `${element.id || element.tagName} ${name}=${id}`)))"""


def grave_findings(page, path):
    """The page at path, and axe's critical and serious findings on it, one line each: the rule, its impact, how
    many elements and the first elements' selectors."""
    response = page.goto(path)
    assert response.ok, f"{path}: {response.status}"
    violations = AXE.run(page, options=RULES).response["violations"]
    findings = [f"{path} {violation['id']} ({violation['impact']}, {len(violation['nodes'])}×): "
                + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:NODES_SHOWN])
                for violation in violations if violation["impact"] in GRAVE]
    if broken := page.evaluate(BROKEN_REFERENCES):
        findings.append(f"{path} references to no element ({len(broken)}×): " + "; ".join(broken[:NODES_SHOWN]))
    return findings


def visit(new_page, viewport, user, paths):
    """The findings on each of the paths, visited in one browser context of the user (None: a citizen)."""
    page = new_page(session=session_cookie(user) if user else None, viewport=viewport)
    try:
        return [finding for path in paths for finding in grave_findings(page, path)]
    finally:
        new_page.close()


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_has_a_critical_or_serious_accessibility_finding(new_page, demo_final_accounts, demo_budget, width):
    viewport = WIDTHS[width]
    budget = demo_budget
    project = budget.projects.order_by("pk").first()
    evaluation = ProjectEvaluation.objects.filter(project__budget=budget).order_by("pk").first()
    evaluations = "admin:performance_projectevaluation_"
    findings = visit(new_page, viewport, None, PUBLIC_PAGES)
    # The published demo: its self-evaluation as the accountant enters it, the reviewer's dashboard.
    findings += visit(new_page, viewport, user("kuaiji"), [
        reverse(f"{evaluations}projects"), reverse(f"{evaluations}change", args=[evaluation.pk]),
        reverse(f"{evaluations}report", args=[budget.pk]), reverse(f"{evaluations}import", args=[budget.pk]),
    ])
    findings += visit(new_page, viewport, user("shenhe"), [
        reverse("admin:index"), reverse("admin:budget_budget_dashboard"), reverse("admin:budget_budget_changelist"),
        reverse("admin:performance_evaluationreview_review", args=[budget.pk]),
    ])

    # Reopened (as tests' `reopened_demo`): the accountant's entry pages, grid, project, checks and import.
    IndicatorEvaluation.objects.filter(indicator__project__budget=budget).delete()
    ProjectEvaluation.objects.filter(project__budget=budget).delete()
    EvaluationReview.objects.filter(budget=budget).delete()
    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.RETURNED)
    line = budget.lines.order_by("pk").first()
    findings += visit(new_page, viewport, user("kuaiji"), [
        reverse("admin:index"),
        reverse("admin:budget_budget_change", args=[budget.pk]),
        reverse("admin:budget_budgetline_change", args=[line.pk]),
        reverse("admin:budget_budgetline_add") + f"?budget={budget.pk}", reverse("admin:budget_budget_add"),
        reverse("admin:budget_project_change", args=[project.pk]),
        reverse("admin:budget_project_add") + f"?budget={budget.pk}",
        reverse("admin:budget_budget_checks", args=[budget.pk]),
        reverse("admin:budget_budget_import", args=[budget.pk]),
        reverse("admin:budget_budget_start_import"),
    ])

    # The reference's final accounts as their accountant enters them (returned), and as the bureau reviews them.
    accounts = demo_final_accounts
    FinalAccounts.objects.filter(pk=accounts.pk).update(status=FinalAccounts.Status.RETURNED)
    findings += visit(new_page, viewport, user("juesuan"), [
        reverse("admin:final_accounts_finalaccounts_changelist"),
        reverse("admin:final_accounts_finalaccounts_change", args=[accounts.pk]),
        reverse("admin:final_accounts_finalaccounts_checks", args=[accounts.pk]),
    ])
    FinalAccounts.objects.filter(pk=accounts.pk).update(status=FinalAccounts.Status.SUBMITTED)
    findings += visit(new_page, viewport, user("shenhe"), [
        reverse("admin:final_accounts_finalaccounts_review", args=[accounts.pk]),
        reverse("admin:final_accounts_finalaccounts_change", args=[accounts.pk]),
    ])

    # Submitted: the reviewer's review page, with the decision to take.
    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.SUBMITTED)
    findings += visit(new_page, viewport, user("shenhe"), [
        reverse("admin:budget_budget_review", args=[budget.pk]),
        reverse("admin:budget_budget_change", args=[budget.pk]),
    ])

    assert findings == [], f"{len(findings)} critical or serious findings at {width} width:\n" + "\n".join(findings)



def test_added_rows_are_named_by_their_number_and_take_the_focus(new_page, accountant, draft_budget):
    """"添加另一个" moves the focus to the new row's first field (left on the button, a keyboard user had to go back
    through the whole row, issue 23), and each new row's fields are named by its number (entry/rows.js)."""
    page = new_page(session=session_cookie(accountant))
    page.goto(reverse("admin:budget_budget_change", args=[draft_budget.pk]))
    add = page.get_by_role("button", name="添加另一个 项目")
    for row in (1, 2):
        add.click()
        expect(page.locator(f'[name="projects-{row - 1}-position"]')).to_be_focused()
        expect(page.locator(f'[name="projects-{row - 1}-name"]')).to_have_attribute("aria-label", f"第{row}行 项目名称")
    page.locator("#projects-0 .inline-deletelink").click()  # the second row becomes the first
    expect(page.locator('[name="projects-0-name"]')).to_have_attribute("aria-label", "第1行 项目名称")

    add = page.get_by_role("button", name="添加另一个 预算明细")  # the grid has one blank row already
    add.press("Enter")
    expect(page.locator('[name="lines-1-function_subject"]')).to_be_focused()
    expect(page.locator('[name="lines-1-amount"]')).to_have_attribute("aria-label", "第2行 金额（元）")
