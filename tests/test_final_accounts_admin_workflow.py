"""The final accounts' review on their staff pages (final_accounts/admin.py), with personas: the department's
accountant submits from the page or the checks page; another department's accountant reaches none of the new pages
(404), the anonymous are sent to the login; the bureau's reviewer returns (a comment required, what was typed kept
when refused), approves from the review page, where the year's budget is set against the final accounts, publishes
(one, or the selected in the list) and starts a correction, which needs a reason."""

import pytest
from django.urls import reverse

from final_accounts.models import FinalAccounts
from tests.factories import filled_final_accounts, final_accounts
from tests.pages import change_url, logged_in

NAME = "鹿泉区测试局"  # department A's name, which nothing shown to B may contain


@pytest.fixture
def draft(department):
    return filled_final_accounts(final_accounts(department))


def set_status(accounts, status):
    FinalAccounts.objects.filter(pk=accounts.pk).update(status=status)
    accounts.refresh_from_db()


def action_url(accounts, action):
    return reverse("admin:final_accounts_finalaccounts_action", args=[accounts.pk, action])


def checks_url(accounts):
    return reverse("admin:final_accounts_finalaccounts_checks", args=[accounts.pk])


def review_url(accounts):
    return reverse("admin:final_accounts_finalaccounts_review", args=[accounts.pk])


def new_urls(accounts):
    return [checks_url(accounts), review_url(accounts),
            *(action_url(accounts, action) for action in ("submit", "return", "approve", "publish", "reopen"))]


def status_of(accounts):
    accounts.refresh_from_db()
    return accounts.status


def text(response):
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# ---------------------------------------------------------------------------------------------- the accountant


def test_the_accountant_submits_from_the_page(client, draft, accountant):
    logged_in(client, accountant)
    page = text(client.get(change_url(draft)))
    assert action_url(draft, "submit") in page and checks_url(draft) in page
    assert action_url(draft, "approve") not in page and review_url(draft) not in page

    confirmation = client.get(action_url(draft, "submit"))
    assert confirmation.status_code == 200 and "确认提交审核" in text(confirmation)
    response = client.post(action_url(draft, "submit"), follow=True)

    assert response.redirect_chain[-1][0] == change_url(draft)
    assert f"已提交审核：{draft}。" in messages_of(response)
    assert status_of(draft) == FinalAccounts.Status.SUBMITTED
    assert action_url(draft, "submit") not in text(response)  # nothing more to do for the accountant


def test_the_checks_page_lists_the_problems_and_submits_once_nothing_blocks(client, draft, accountant, monkeypatch):
    from final_accounts import document

    logged_in(client, accountant)
    monkeypatch.setattr(document, "problems", lambda doc: ["表一收支不平衡"])
    page = client.get(checks_url(draft))
    assert "表一收支不平衡" in text(page) and 'id="submit-form"' not in text(page)
    refused = client.post(action_url(draft, "submit"), follow=True)
    assert any("审核未通过，不能提交：表一收支不平衡" in message for message in messages_of(refused))
    assert status_of(draft) == FinalAccounts.Status.DRAFT  # nothing changed

    monkeypatch.undo()
    page = client.get(checks_url(draft))
    assert "全部检查通过" in text(page) and 'id="submit-form"' in text(page)
    client.post(action_url(draft, "submit"))
    assert status_of(draft) == FinalAccounts.Status.SUBMITTED


def test_the_accountant_may_not_approve_their_own(client, draft, accountant):
    logged_in(client, accountant)
    set_status(draft, FinalAccounts.Status.SUBMITTED)

    response = client.post(action_url(draft, "approve"), follow=True)

    assert "当前状态（已提交）下您不能审核通过。" in messages_of(response)
    assert status_of(draft) == FinalAccounts.Status.SUBMITTED
    assert client.get(review_url(draft)).status_code == 403  # the review page is the bureau's


def test_another_departments_accountant_reaches_none_of_the_new_pages(client, draft, other_accountant):
    logged_in(client, other_accountant)
    for url in new_urls(draft):
        for response in (client.get(url), client.post(url, {"text": "B的意见"})):
            assert response.status_code == 404, url
            assert NAME not in text(response), url
    assert status_of(draft) == FinalAccounts.Status.DRAFT


def test_the_anonymous_are_sent_to_the_login(client, draft):
    for url in new_urls(draft):
        response = client.post(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url
    assert status_of(draft) == FinalAccounts.Status.DRAFT


# ---------------------------------------------------------------------------------------------- the reviewer


def test_the_reviewer_returns_with_a_comment_kept_when_refused(client, draft, reviewer):
    set_status(draft, FinalAccounts.Status.SUBMITTED)
    logged_in(client, reviewer)
    page = text(client.get(change_url(draft)))
    assert action_url(draft, "return") in page and action_url(draft, "approve") in page
    assert action_url(draft, "submit") not in page

    confirmation = client.get(action_url(draft, "return"))
    assert 'name="text"' in text(confirmation) and " required" in text(confirmation)
    refused = client.post(action_url(draft, "return"), {"text": "   "})
    assert refused.status_code == 200 and "退回时请填写审核意见。" in messages_of(refused)
    assert status_of(draft) == FinalAccounts.Status.SUBMITTED

    typed = "表三与明细不一致，"  # another reviewer approved meanwhile: refused, the review page comes back with it
    set_status(draft, FinalAccounts.Status.APPROVED)
    again = client.post(action_url(draft, "approve"), {"text": typed, "next": "review"})
    assert again.status_code == 200 and typed in text(again) and 'id="execution-rows"' in text(again)
    assert "当前状态（已审核）下您不能审核通过。" in messages_of(again)

    set_status(draft, FinalAccounts.Status.SUBMITTED)
    response = client.post(action_url(draft, "return"), {"text": "请补充原因说明。"}, follow=True)
    assert f"已退回修改：{draft}。" in messages_of(response)
    assert status_of(draft) == FinalAccounts.Status.RETURNED
    assert draft.status_changes.first().comment == "请补充原因说明。"
    assert "请补充原因说明。" in text(response)  # the page says why it is open again


def test_the_review_page_sets_the_budget_against_the_final_accounts_and_approves(client, draft, reviewer):
    set_status(draft, FinalAccounts.Status.SUBMITTED)
    logged_in(client, reviewer)

    page = client.get(review_url(draft))

    html = text(page)
    assert page.status_code == 200
    for heading in ("年初预算", "决算", "执行率"):
        assert f'<th scope="col">{heading}</th>' in html
    rows = {row.code: row for row in page.context["execution"]}
    assert rows["2013301"].budget == 100000 and rows["2013301"].actual == 80000 and rows["2013301"].rate == 80
    assert "由部门填报（本平台未公开该年度部门预算）" in html  # no budget of the year published here
    assert "100,000.00" in html and "80.00%" in html

    response = client.post(action_url(draft, "approve"), {"text": "", "next": "review"}, follow=True)

    assert response.redirect_chain[-1][0] == review_url(draft)
    assert f"已审核通过：{draft}。" in messages_of(response)
    assert status_of(draft) == FinalAccounts.Status.APPROVED


def test_the_review_page_says_the_budget_came_from_the_platform(client, demo_final_accounts, demo_reviewer):
    logged_in(client, demo_reviewer)
    sample = FinalAccounts.objects.get(department__code="224", year=2024)

    html = text(client.get(review_url(sample)))

    assert "取自本平台公开的2024年部门预算" in html


def test_the_reviewer_publishes_and_the_site_link_follows(client, draft, reviewer):
    set_status(draft, FinalAccounts.Status.APPROVED)
    logged_in(client, reviewer)
    assert draft.get_absolute_url() not in text(client.get(change_url(draft)))  # nothing public to view yet

    response = client.post(action_url(draft, "publish"), follow=True)

    assert f"已提交公开：{draft}。PDF生成后即公开。" in messages_of(response)
    assert status_of(draft) in (FinalAccounts.Status.PUBLISHING, FinalAccounts.Status.PUBLISHED)
    assert draft.versions.exists()  # the test's queue renders at once
    page = text(client.get(change_url(draft)))
    assert draft.get_absolute_url() in page and action_url(draft, "reopen") in page


def test_a_correction_needs_a_reason(client, draft, reviewer):
    set_status(draft, FinalAccounts.Status.APPROVED)
    logged_in(client, reviewer)
    client.post(action_url(draft, "publish"))
    assert status_of(draft) == FinalAccounts.Status.PUBLISHED

    refused = client.post(action_url(draft, "reopen"), {"text": ""})
    assert "发起更正时请填写更正原因。" in messages_of(refused)
    assert status_of(draft) == FinalAccounts.Status.PUBLISHED
    client.post(action_url(draft, "reopen"), {"text": "更正表七"})
    assert status_of(draft) == FinalAccounts.Status.RETURNED

    set_status(draft, FinalAccounts.Status.APPROVED)  # corrected and approved again
    confirmation = text(client.get(action_url(draft, "publish")))
    assert "更正原因" in confirmation and " required" in confirmation
    refused = client.post(action_url(draft, "publish"), {"text": ""})
    assert "更正已公开的决算时请填写更正原因。" in messages_of(refused)
    assert status_of(draft) == FinalAccounts.Status.APPROVED
    client.post(action_url(draft, "publish"), {"text": "更正表七"})
    assert draft.versions.order_by("-number").first().reason == "更正表七"


def test_the_list_publishes_the_selected_approved_ones(client, draft, other_department, reviewer, accountant):
    other = filled_final_accounts(final_accounts(other_department))
    set_status(draft, FinalAccounts.Status.APPROVED)
    changelist = reverse("admin:final_accounts_finalaccounts_changelist")
    logged_in(client, accountant)
    assert "publish_selected" not in text(client.get(changelist))

    logged_in(client, reviewer)
    response = client.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk, other.pk]},
                           follow=True)

    assert "已提交公开1个决算，PDF生成后逐个公开。" in messages_of(response)
    assert any(message.startswith(f"未公开 {other}：") for message in messages_of(response))
    assert status_of(draft) in (FinalAccounts.Status.PUBLISHING, FinalAccounts.Status.PUBLISHED)
    assert status_of(other) == FinalAccounts.Status.DRAFT


def test_the_dashboard_links_the_review_and_keeps_its_filters(client, draft, other_department, reviewer):
    set_status(draft, FinalAccounts.Status.SUBMITTED)
    logged_in(client, reviewer)
    dashboard = reverse("admin:budget_budget_dashboard")

    html = text(client.get(dashboard, {"year": 2024}))
    overdue_only = text(client.get(dashboard, {"year": 2024, "overdue": 1}))

    assert review_url(draft) in html and "鹿泉区另一局" in html
    assert review_url(draft) not in overdue_only and "鹿泉区另一局" not in overdue_only
