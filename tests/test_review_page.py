"""The reviewer's page (审核): everything to decide on from one page. The checks with the accountant's
explanations, what changed since last year's published budget and since the last submission as tables with
headers, and the decision buttons; and the bureau's dashboard opens on the year with work waiting."""

import pytest
from django.urls import reverse

from budget import checks, workflow
from budget.builders import diff
from budget.builders.tables import SPECS
from budget.models import Budget
from tests.factories import under_review
from tests.pages import form_data, logged_in, page_soup

EXPLANATION = "新增测试项目，一般公共服务支出相应增加。"


@pytest.fixture
def submitted(draft_budget, accountant):
    return under_review(draft_budget, accountant, EXPLANATION)


def review_url(budget):
    return reverse("admin:budget_budget_review", args=[budget.pk])


def changes_table(soup, title):
    """The comparison table of one of the nine tables: its header cells and its rows' cell texts."""
    table = next(table for table in soup.select("table.changes") if table.caption.get_text(strip=True) == title)
    header = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    rows = [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
    return header, rows


def test_each_warning_is_shown_with_the_accountants_explanation(client, submitted, reviewer):
    soup = page_soup(logged_in(client, reviewer).get(review_url(submitted)))

    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in soup.select("#review-findings tbody tr")]
    [(rule, severity, message, explanation)] = rows
    assert (rule, severity, explanation) == ("C15", "警告", EXPLANATION)
    assert message.startswith("功能分类201一般公共服务支出本年15.00万元，上年8.00万元")


def test_last_years_comparison_is_a_table_with_headers_this_year_last_year_and_change(client, submitted, reviewer):
    soup = page_soup(logged_in(client, reviewer).get(review_url(submitted)))

    header, rows = changes_table(soup, SPECS[3].title)

    assert header == ["行", "栏目", "上年已公开（万元）", "本年（万元）", "增减（万元）"]
    item = next(index for index, row in enumerate(rows) if row[0].startswith("2013301"))
    # The row's label spans its changed cells; only the cells that changed are listed.
    assert rows[item][1:] == ["合计", "8.00", "15.00", "+7.00"]
    assert rows[item + 1] == ["基本支出", "8.00", "10.00", "+2.00"]
    assert rows[item + 2] == ["项目支出", "", "5.00", "+5.00"]
    assert " | " not in soup.select_one("#content").get_text()  # figures are no longer joined by pipes


def test_the_comparison_since_the_last_submission_shows_what_the_accountant_changed(client, submitted, reviewer,
                                                                                   accountant):
    workflow.return_for_changes(submitted, reviewer, "请核实基本支出。")
    line = submitted.lines.get(kind="basic")
    line.amount = 120000
    line.save()
    checks.explain(submitted, checks.run(submitted)[0], EXPLANATION, accountant)  # the warning's figures changed
    workflow.submit(submitted, accountant)

    soup = page_soup(logged_in(client, reviewer).get(review_url(submitted)))

    header, rows = changes_table(soup, SPECS[6].title)
    assert header[2:] == ["上次提交（万元）", "本次（万元）", "增减（万元）"]
    assert rows[0] == ["合计", "一般公共预算基本支出·合计", "10.00", "12.00", "+2.00"]


def test_the_reviewer_approves_from_the_review_page_and_comes_back_to_it(client, submitted, reviewer):
    logged_in(client, reviewer)
    soup = page_soup(client.get(review_url(submitted)))
    buttons = {button.get_text(strip=True): button["formaction"] for button in soup.select("#decision-form button")}
    assert set(buttons) == {"审核通过", "退回修改"}

    response = client.post(buttons["审核通过"], {"next": "review", "text": "同意。"})

    assert response.status_code == 302 and response.url == review_url(submitted)
    assert Budget.objects.get(pk=submitted.pk).status == Budget.Status.APPROVED
    page = client.get(response.url).content.decode()
    assert "已审核通过" in page and "同意。" in page


def decision(soup):
    """The review page's decision form as a browser would post it, and its buttons' addresses by label."""
    buttons = {button.get_text(strip=True): button["formaction"] for button in soup.select("#decision-form button")}
    return form_data(str(soup), "decision-form"), buttons


def errors(soup):
    return [message.get_text(strip=True) for message in soup.select(".messagelist .error")]


def test_returning_without_a_comment_keeps_the_reviewer_on_the_review_page_then_returns_there(client, submitted,
                                                                                              reviewer):
    logged_in(client, reviewer)
    form, buttons = decision(page_soup(client.get(review_url(submitted))))

    refused = page_soup(client.post(buttons["退回修改"], {**form, "text": " "}))  # shown again, not redirected

    assert errors(refused) == ["退回时请填写审核意见。"] and refused.select_one("#review-findings")
    assert Budget.objects.get(pk=submitted.pk).status == Budget.Status.SUBMITTED
    form, buttons = decision(refused)
    response = client.post(buttons["退回修改"], {**form, "text": "请补充项目的绩效目标。"})
    assert response.status_code == 302 and response.url == review_url(submitted)
    assert Budget.objects.get(pk=submitted.pk).status == Budget.Status.RETURNED


def test_a_refused_decision_keeps_what_the_reviewer_typed(client, submitted, reviewer):
    logged_in(client, reviewer)
    form, buttons = decision(page_soup(client.get(review_url(submitted))))
    workflow.approve(submitted, reviewer)  # meanwhile, by another reviewer

    refused = page_soup(client.post(buttons["审核通过"], {**form, "text": "同意，请按时公开。"}))

    assert errors(refused) == ["当前状态（已审核）下您不能审核通过。"]
    assert refused.select_one("#decision-form textarea").get_text() == "同意，请按时公开。"


def test_the_dashboard_opens_on_the_year_with_a_submission_rather_than_the_newest(client, submitted, reviewer,
                                                                                 department):
    Budget.objects.create(department=department, year=2025)  # a newer draft: nothing for the bureau yet
    logged_in(client, reviewer)

    soup = page_soup(client.get(reverse("admin:budget_budget_dashboard")))

    assert soup.select_one("select[name=year] option[selected]")["value"] == "2024"
    assert "已提交" in soup.select_one("#dashboard").get_text()


def test_without_pending_work_the_dashboard_opens_on_the_newest_year(client, draft_budget, reviewer, department):
    Budget.objects.create(department=department, year=2025)
    logged_in(client, reviewer)

    soup = page_soup(client.get(reverse("admin:budget_budget_dashboard")))

    assert soup.select_one("select[name=year] option[selected]")["value"] == "2025"


def test_changed_cells_are_listed_under_their_column_added_and_removed_rows_are_marked():
    spec = SPECS[2]
    total = ["", "", "合计", "10.00", "10.00", "10.00", "", "", "", "", "", "", ""]
    kept = ["", "2013301", "行政运行", "10.00", "10.00", "10.00", "", "", "", "", "", "", ""]
    gone = ["", "2080505", "机关事业单位基本养老保险缴费支出", "2.00", "2.00", "", "", "", "", "", "", "2.00", ""]
    new_kept = [*kept[:3], "12.00", "12.00", "12.00", *kept[6:]]

    changes = diff.table_changes({"2": [total, kept, gone]}, {"2": [total, new_kept]})

    assert diff.figure_columns(spec)[:3] == ["合计", "本年收入·小计", "本年收入·财政拨款收入"]
    assert [(change.label, change.status) for change in changes] == [
        ("2013301 行政运行", diff.CHANGED), ("2080505 机关事业单位基本养老保险缴费支出", diff.REMOVED),
    ]
    assert [(cell.column, cell.before, cell.after, cell.change) for cell in changes[0].cells] == [
        ("合计", "10.00", "12.00", "+2.00"), ("本年收入·小计", "10.00", "12.00", "+2.00"),
        ("本年收入·财政拨款收入", "10.00", "12.00", "+2.00"),
    ]
    assert [(cell.column, cell.after, cell.change) for cell in changes[1].cells] == [
        ("合计", "", "-2.00"), ("本年收入·小计", "", "-2.00"), ("本年收入·其他收入", "", "-2.00"),
    ]
