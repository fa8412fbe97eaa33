"""The review workflow: accountant enters and submits, the bureau returns, approves and publishes; every
step logged; corrections are new versions; the public sees only what was published."""

import hashlib
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from budget import workflow
from budget.models import Budget, PublishedVersion, StatusChange, WarningExplanation
from budget.samples.synthetic import make_line
from tests.factories import complete_budget
from tests.pages import change_url, form_data, logged_in, page_soup


@pytest.fixture
def budget_a(draft_budget):
    return complete_budget(draft_budget)


def act(client, budget, action, text=""):
    return client.post(reverse("admin:budget_budget_action", args=[budget.pk, action]), {"text": text}, follow=True)


def status_of(budget):
    return Budget.objects.get(pk=budget.pk).status


def test_the_whole_path_from_entry_to_publication(client, budget_a, accountant, reviewer):
    # The accountant enters a change and submits.
    logged_in(client, accountant)
    form = form_data(client.get(change_url(budget_a)).content.decode(), "budget_form")
    client.post(change_url(budget_a), {**form, "other_notes": "无其他说明。"})
    assert "已提交审核" in act(client, budget_a, "submit").content.decode()
    assert status_of(budget_a) == "submitted"
    assert client.get("/budgets/2024/301/").status_code == 404

    # The reviewer returns it with a comment.
    logged_in(client, reviewer)
    act(client, budget_a, "return", "请补充机关运行经费的用途。")
    assert status_of(budget_a) == "returned"

    # The accountant sees the comment, fixes and submits again.
    logged_in(client, accountant)
    returned_page = client.get(change_url(budget_a)).content.decode()
    assert 'id="return-comment"' in returned_page and "请补充机关运行经费的用途。" in returned_page
    form = form_data(client.get(change_url(budget_a)).content.decode(), "budget_form")
    client.post(change_url(budget_a), {**form, "running_cost_uses": "办公用房水电费等日常运行支出"})
    act(client, budget_a, "submit")
    assert status_of(budget_a) == "submitted"

    # The reviewer sees what changed since the last submission, approves and publishes.
    logged_in(client, reviewer)
    review = client.get(reverse("admin:budget_budget_review", args=[budget_a.pk])).content.decode()
    assert "办公用房水电费等日常运行支出" in review
    act(client, budget_a, "approve")
    act(client, budget_a, "publish")
    assert status_of(budget_a) == "published"

    # The public sees it.
    client.logout()
    assert "2024年预算收入15.00万元" in page_soup(client.get("/budgets/2024/301/")).get_text()
    assert "/budgets/2024/301/" in client.get("/").content.decode()
    log = list(StatusChange.objects.filter(budget=budget_a).order_by("at", "pk").values_list("to_status", "user__username"))
    assert log == [("submitted", "kuaiji-a"), ("returned", "shenhe"), ("submitted", "kuaiji-a"),
                   ("approved", "shenhe"), ("publishing", "shenhe"), ("published", "shenhe")]


def test_an_accountant_cannot_approve_or_publish(client, budget_a, accountant):
    workflow.submit(budget_a, accountant)
    logged_in(client, accountant)

    for action in ("approve", "publish", "return"):
        response = client.post(reverse("admin:budget_budget_action", args=[budget_a.pk, action]), {"text": "x"},
                               follow=True)
        assert "您不能" in response.content.decode()
    with pytest.raises(workflow.WorkflowError, match="只有财政局审核人员"):
        workflow.approve(budget_a, accountant)
    assert status_of(budget_a) == "submitted"


def test_another_departments_accountant_cannot_submit(budget_a, other_accountant):
    with pytest.raises(workflow.WorkflowError, match="只有本部门的会计"):
        workflow.submit(budget_a, other_accountant)


def test_an_error_blocks_submission_with_its_message(client, budget_a, accountant):
    Budget.objects.filter(pk=budget_a.pk).update(duties="")
    logged_in(client, accountant)

    html = act(client, budget_a, "submit").content.decode()

    assert "审核未通过，不能提交" in html and "部门职责" in html
    assert status_of(budget_a) == "draft"


def test_a_warning_blocks_submission_until_it_is_explained(client, budget_a, accountant):
    Budget.objects.filter(pk=budget_a.pk).update(prior_year_basic=50000, prior_year_project=50000,
                                                  prior_year_total=100000)
    logged_in(client, accountant)

    assert "不能提交" in act(client, budget_a, "submit").content.decode()
    assert status_of(budget_a) == "draft"

    checks_url = reverse("admin:budget_budget_checks", args=[budget_a.pk])
    form = form_data(client.get(checks_url).content.decode().replace("<form method", '<form id="checks" method'), "checks")
    warnings = [name for name in form if name.startswith("explain:")]
    assert warnings
    client.post(checks_url, {name: "新增人员，支出增加。" for name in warnings})
    assert WarningExplanation.objects.filter(budget=budget_a).count() == len(warnings)

    act(client, budget_a, "submit")
    assert status_of(budget_a) == "submitted"


def test_return_needs_a_comment_and_publish_needs_approval(budget_a, accountant, reviewer):
    workflow.submit(budget_a, accountant)
    with pytest.raises(workflow.WorkflowError, match="请填写审核意见"):
        workflow.return_for_changes(budget_a, reviewer, "  ")
    with pytest.raises(workflow.WorkflowError, match="须先审核通过"):
        workflow.publish(budget_a, reviewer)
    assert status_of(budget_a) == "submitted"


def test_a_correction_is_a_new_version_and_the_old_one_stays_reachable(client, budget_a, accountant, reviewer):
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)
    first = workflow.publish(budget_a, reviewer)

    with pytest.raises(workflow.WorkflowError, match="更正原因"):
        workflow.reopen(budget_a, reviewer, "")
    workflow.reopen(budget_a, reviewer, "基本支出科目有误")
    assert client.get("/budgets/2024/301/").status_code == 200  # still public meanwhile
    make_line(Budget.objects.get(pk=budget_a.pk), "2013301", "30201", "20000.00")
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)
    with pytest.raises(workflow.WorkflowError, match="请填写更正原因"):
        workflow.publish(budget_a, reviewer)
    second = workflow.publish(budget_a, reviewer, "更正基本支出科目")

    assert (first.number, second.number) == (1, 2)
    current = client.get("/budgets/2024/301/").content.decode()
    assert "2024年预算收入17.00万元" in page_soup(client.get("/budgets/2024/301/")).get_text()
    assert "更正记录" in current and "更正基本支出科目" in current and "/budgets/2024/301/v1/" in current
    old = client.get("/budgets/2024/301/v1/").content.decode()
    assert "2024年预算收入15.00万元" in page_soup(client.get("/budgets/2024/301/v1/")).get_text() and "已被更正" in old
    old_pdf = b"".join(client.get("/budgets/2024/301/v1/pdf/").streaming_content)
    assert hashlib.sha256(old_pdf).hexdigest() == first.pdf_sha256 != second.pdf_sha256


def test_the_accountant_reads_a_correction_as_one_not_as_a_return(client, budget_a, accountant, reviewer):
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)
    workflow.publish(budget_a, reviewer)
    workflow.reopen(budget_a, reviewer, "基本支出科目有误")
    at = timezone.localtime(budget_a.status_changes.first().at)

    banner = page_soup(logged_in(client, accountant).get(change_url(budget_a))).select_one("#return-comment")

    assert banner.get_text(strip=True) == f"{reviewer}于{at:%Y-%m-%d %H:%M}发起更正：基本支出科目有误"


def test_a_published_version_is_frozen(budget_a, accountant, reviewer):
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)
    version = workflow.publish(budget_a, reviewer)

    assert version.published_by == reviewer
    assert version.figures["expenditure_total"] == "150000.00"
    assert version.tables["1"][0][:3] == ["1", "一、一般公共预算拨款收入", "15.00"]
    assert hashlib.sha256(version.pdf.read()).hexdigest() == version.pdf_sha256
    assert not Budget.objects.get(pk=budget_a.pk).is_editable_by(accountant)


def test_placeholder_text_blocks_publication(budget_a, accountant, reviewer):
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)
    Budget.objects.filter(pk=budget_a.pk).update(other_notes="XXX待填写")

    with pytest.raises(workflow.WorkflowError, match="占位文字"):
        workflow.publish(budget_a, reviewer)
    assert not PublishedVersion.objects.exists()


def test_publish_budget_command_follows_the_same_rules(budget_a, accountant, reviewer, capsys):
    with pytest.raises(CommandError, match="须先审核通过"):
        call_command("publish_budget", "301", "2024")
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)

    call_command("publish_budget", "301", "2024", "--user", "shenhe")

    assert "第1版" in capsys.readouterr().out
    assert PublishedVersion.objects.get(budget=budget_a).published_by == reviewer
    with pytest.raises(CommandError, match="没有部门999"):
        call_command("publish_budget", "999", "2024")


def test_every_change_to_budget_data_is_recorded_with_who(client, budget_a, accountant):
    logged_in(client, accountant)
    line = budget_a.lines.first()
    form = form_data(client.get(change_url(line)).content.decode(), "budgetline_form")

    client.post(change_url(line), {**form, "amount": "123456.00"})

    record = line.history.order_by("-history_date").first()
    assert record.history_user == accountant
    assert record.amount == 123456
    assert record.prev_record.amount == 100000


def test_the_budgets_history_names_who_moved_it_where_no_request_carries_a_user(budget_a, accountant, reviewer):
    """Called as a script does, and the PDF stored by the task (run at once in tests), outside any request."""
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)
    workflow.publish(budget_a, reviewer)

    records = Budget.history.filter(id=budget_a.pk, history_date__gt=StatusChange.objects.earliest("at").at)
    assert {(record.status, record.history_user) for record in records} == {
        ("submitted", accountant), ("approved", reviewer), ("publishing", reviewer), ("published", reviewer)}


def test_dashboard_lists_departments_with_status_and_deadline(client, budget_a, accountant, reviewer, other_department):
    workflow.submit(budget_a, accountant)
    workflow.approve(budget_a, reviewer)
    StatusChange.objects.filter(budget=budget_a, to_status="approved").update(at=timezone.now() - timedelta(days=25))
    logged_in(client, reviewer)

    html = client.get(reverse("admin:budget_budget_dashboard"), {"year": 2024}).content.decode()

    assert "鹿泉区测试局" in html and "已审核" in html and "已逾期5天" in html
    assert "鹿泉区另一局" in html and "未填报" in html
    overdue_only = client.get(reverse("admin:budget_budget_dashboard"), {"year": 2024, "overdue": 1}).content.decode()
    assert "鹿泉区另一局" not in overdue_only


def test_deadline_counts_twenty_days_from_approval():
    approved = timezone.now() - timedelta(days=3)
    assert workflow.deadline(approved) == 17
