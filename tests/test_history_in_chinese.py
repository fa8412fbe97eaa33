"""History pages speak Chinese: field labels, choice labels, 是/否, local time (Asia/Shanghai) to the second; no
"CHANGES" header, no "None", no English breadcrumb; and the admin's "在站点上查看" appears only where the public
page exists."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from budget import workflow
from budget.models import Budget
from budget.samples.synthetic import make_line
from tests.factories import complete_budget
from tests.pages import change_url, logged_in, page_soup


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def text(element):
    """The element's text as read, each run of white space (line breaks, no-break spaces) one space."""
    return " ".join(element.get_text(" ").split())


def history_rows(client, obj):
    """Each record of the history list: its cells' texts."""
    soup = page_soup(client.get(history_url(obj)))
    return [[text(td) for td in tr.find_all("td")] for tr in soup.select("#change-history tbody tr")]


@pytest.fixture
def published(draft_budget, accountant, reviewer):
    complete_budget(draft_budget)
    workflow.submit(draft_budget, accountant)
    workflow.approve(draft_budget, reviewer)
    workflow.publish(Budget.objects.get(pk=draft_budget.pk), reviewer)
    return Budget.objects.get(pk=draft_budget.pk)


def test_a_budgets_history_names_fields_and_statuses_in_chinese_at_local_time(client, published, reviewer):
    logged_in(client, reviewer)

    soup = page_soup(client.get(history_url(published)))
    content = text(soup.select_one("#content"))

    headers = [th.get_text(strip=True) for th in soup.select("#change-history thead th")]
    assert headers == ["记录对象", "时间", "操作", "修改人", "修改原因", "变更内容"]
    assert "状态： 已审核 → 公开中" in content and "状态： 公开中 → 已公开" in content
    assert "状态： 已提交 → 已审核" in content
    published_at = timezone.localtime(published.published_at).strftime("%Y-%m-%d %H:%M:%S")
    assert f"首次公开时间： （空） → {published_at}" in content
    latest = published.history.first()
    assert timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M:%S") in content
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+|\+00:00|UTC", content)  # no microseconds, no UTC
    for english in ("CHANGES", "Changes", "None", "approved", "published", "draft"):
        assert english not in content, english


def test_a_lines_history_shows_yes_no_and_choice_labels(client, draft_budget, accountant):
    line = make_line(draft_budget, amount="100.00")
    line.is_carryover, line.source = True, "government_fund"
    line.save()
    logged_in(client, accountant)

    [changed, created] = history_rows(client, line)

    assert "上年结转： 否 → 是" in changed[5]
    assert "资金来源： 一般公共预算拨款 → 政府性基金预算拨款" in changed[5]
    assert created[2:5] == ["已创建", "系统", ""]  # saved by no person (here, a test), with no reason


def test_a_history_record_page_has_a_chinese_breadcrumb(client, published, reviewer):
    record = published.history.earliest()
    url = reverse("admin:budget_budget_simple_history", args=[published.pk, record.history_id])

    soup = page_soup(logged_in(client, reviewer).get(url))

    breadcrumb = text(soup.select_one(".breadcrumbs"))
    assert breadcrumb.endswith("历史 › 部门预算的历史记录") and "预算填报与审核" in breadcrumb
    assert not re.search(r"[A-Za-z]", breadcrumb)
    assert soup.title.get_text().startswith("查看 ")


def test_the_history_title_uses_chinese_punctuation(client, draft_budget, accountant):
    soup = page_soup(logged_in(client, accountant).get(history_url(draft_budget)))

    assert soup.h1.get_text(strip=True) == f"查看历史记录：{draft_budget}"


def test_a_draft_has_no_view_on_site_link(client, draft_budget, accountant):
    soup = page_soup(logged_in(client, accountant).get(change_url(draft_budget)))

    assert soup.select(".viewsitelink") == [] and "在站点上查看" not in soup.get_text()


def test_a_published_budget_links_to_its_public_page(client, published, reviewer):
    [link] = page_soup(logged_in(client, reviewer).get(change_url(published))).select(".viewsitelink")

    assert link.get_text(strip=True) == "在站点上查看" and link["href"] == "/budgets/2024/301/"
    assert client.get(link["href"]).status_code == 200


def test_a_budget_reopened_for_a_correction_still_links_to_its_published_version(client, published, reviewer):
    workflow.reopen(published, reviewer, "更正项目名称")

    [link] = page_soup(logged_in(client, reviewer).get(change_url(published))).select(".viewsitelink")

    assert client.get(link["href"]).status_code == 200


def test_a_long_text_change_is_shortened_in_chinese(client, draft_budget, accountant):
    draft_budget.duties = "负责全区网络安全和信息化工作的统筹协调。" * 10
    draft_budget.save()
    draft_budget.duties = draft_budget.duties.replace("统筹协调", "统筹推进", 1)
    draft_budget.save()

    [changed, *_] = history_rows(logged_in(client, accountant), draft_budget)

    assert "部门职责：" in changed[5] and re.search(r"……（略\d+字）……", changed[5])
    assert "chars" not in changed[5]
