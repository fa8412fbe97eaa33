"""Final accounts go through the budget's workflow (the same roles, states and refusals) and are published as frozen
versions whose PDF a worker renders; the public sees only published versions, never a draft."""

import pytest
from django.urls import reverse

from budget import access
from budget.workflow import WorkflowError
from final_accounts import publication, workflow
from final_accounts.models import FinalAccounts, PublishedVersion
from tests.factories import filled_final_accounts, final_accounts, persona


@pytest.fixture
def accountant(department):
    return persona("kuaiji-fa", access.ACCOUNTANT, department)


@pytest.fixture
def other_accountant(db):
    from departments.models import Department

    other = Department.objects.create(code="302", name="另一个局")
    return persona("kuaiji-other", access.ACCOUNTANT, other)


@pytest.fixture
def reviewer(db):
    return persona("shenhe-fa", access.REVIEWER)


@pytest.fixture
def draft(department):
    return filled_final_accounts(final_accounts(department))


def detail_url(accounts):
    return reverse("final-accounts-detail", args=[accounts.year, accounts.department.code])


def test_the_reference_is_published_through_the_workflow_as_its_people_would(demo_final_accounts):
    steps = [(change.from_status, change.to_status, change.user.username if change.user else None)
             for change in demo_final_accounts.status_changes.select_related("user").order_by("at", "pk")]

    assert steps == [("draft", "submitted", "juesuan"), ("submitted", "approved", "shenhe"),
                     ("approved", "publishing", "shenhe"), ("publishing", "published", "shenhe")]
    version = demo_final_accounts.current_version()
    assert version.number == 1 and version.state == PublishedVersion.State.PUBLIC and version.pdf_sha256


def test_the_public_reads_the_published_document_and_its_pdf(client, demo_final_accounts):
    page = client.get(detail_url(demo_final_accounts))

    assert page.status_code == 200
    text = page.content.decode()
    assert "上海市普陀区财政局2024年度部门决算" in text
    assert "收入支出决算总表" in text and "名词解释" in text
    pdf = client.get(detail_url(demo_final_accounts) + "pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]


def test_a_draft_never_reaches_the_public(client, draft):
    assert client.get(detail_url(draft)).status_code == 404
    assert client.get(detail_url(draft) + "pdf/").status_code == 404
    assert client.get(detail_url(draft) + "execution/").status_code == 404
    assert draft.title not in client.get(reverse("index")).content.decode()


def test_only_the_departments_accountant_submits(draft, accountant, other_accountant, reviewer):
    for refused in (other_accountant, reviewer):
        with pytest.raises(WorkflowError, match="只有本部门的会计"):
            workflow.submit(draft, refused)
    workflow.submit(draft, accountant)

    draft.refresh_from_db()
    assert draft.status == FinalAccounts.Status.SUBMITTED
    assert not access.may_edit_final_accounts(accountant, draft)  # frozen while under review


def test_only_the_bureau_returns_approves_and_publishes(draft, accountant, reviewer):
    workflow.submit(draft, accountant)
    with pytest.raises(WorkflowError, match="财政局审核人员"):
        workflow.approve(draft, accountant)
    with pytest.raises(WorkflowError, match="审核意见"):
        workflow.return_for_changes(draft, reviewer, " ")
    with pytest.raises(WorkflowError, match="须先审核通过"):
        workflow.publish(draft, reviewer)
    workflow.approve(draft, reviewer)
    with pytest.raises(WorkflowError, match="只有财政局审核人员可以公开"):
        workflow.publish(draft, accountant)

    version = publication.finish(workflow.publish(draft, reviewer))

    draft.refresh_from_db()
    assert draft.status == FinalAccounts.Status.PUBLISHED and draft.published_at is not None
    assert version.state == PublishedVersion.State.PUBLIC and version.is_current


def test_a_version_is_not_public_until_its_pdf_is_stored(draft, accountant, reviewer, client, monkeypatch):
    monkeypatch.setattr(publication, "enqueue", lambda version: None)  # no worker has taken it yet
    workflow.submit(draft, accountant)
    workflow.approve(draft, reviewer)

    version = workflow.publish(draft, reviewer)

    draft.refresh_from_db()
    assert draft.status == FinalAccounts.Status.PUBLISHING
    assert client.get(detail_url(draft)).status_code == 404
    assert publication.finish(version).state == PublishedVersion.State.PUBLIC
    assert client.get(detail_url(draft)).status_code == 200


def test_a_correction_is_a_new_version_with_its_reason_and_the_first_stays_readable(
    demo_final_accounts, client, django_user_model
):
    reviewer = django_user_model.objects.get(username="shenhe")
    with pytest.raises(WorkflowError, match="更正原因"):
        workflow.reopen(demo_final_accounts, reviewer, "")
    workflow.reopen(demo_final_accounts, reviewer, "更正表七的预算数")
    assert client.get(detail_url(demo_final_accounts)).status_code == 200  # version 1 meanwhile
    demo_final_accounts.refresh_from_db()
    demo_final_accounts.move(FinalAccounts.Status.APPROVED, reviewer)
    with pytest.raises(WorkflowError, match="请填写更正原因"):
        workflow.publish(demo_final_accounts, reviewer)

    publication.finish(workflow.publish(demo_final_accounts, reviewer, "更正表七的预算数"))

    page = client.get(detail_url(demo_final_accounts)).content.decode()
    assert "第2版，已更正" in page and "更正表七的预算数" in page
    first = client.get(reverse("final-accounts-version", args=[2024, demo_final_accounts.department.code, 1]))
    assert first.status_code == 200 and "已被更正" in first.content.decode()


def test_the_budget_page_and_the_listings_link_the_years_final_accounts(client, demo_final_accounts):
    budget_page = client.get(reverse("budget-detail", args=[2024, "224"])).content.decode()
    assert reverse("final-accounts-detail", args=[2024, "224"]) in budget_page
    index = client.get(reverse("index")).content.decode()
    assert "已公开的部门决算" in index and detail_url(demo_final_accounts) in index
    sitemap = client.get("/sitemap.xml").content.decode()
    assert detail_url(demo_final_accounts) in sitemap
    assert reverse("department", args=["310107001"]) in sitemap and reverse("department", args=["224"]) in sitemap


def test_publish_final_accounts_returns_once_the_pdf_is_public(draft, accountant, reviewer, capsys):
    from django.core.management import call_command

    workflow.submit(draft, accountant)
    workflow.approve(draft, reviewer)

    call_command("publish_final_accounts", draft.department.code, str(draft.year))

    assert "已公开" in capsys.readouterr().out
    assert draft.versions.get().state == PublishedVersion.State.PUBLIC


def test_a_published_page_is_served_from_the_cache_until_the_next_publication(
    client, demo_final_accounts, django_assert_num_queries
):
    url = detail_url(demo_final_accounts)
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.content == first.content
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_public_search_finds_final_accounts_by_department(client, demo_final_accounts):
    page = client.get("/", {"q": "普陀 财政局"}).content.decode()

    assert "上海市普陀区财政局2024年度部门决算" in page and detail_url(demo_final_accounts) in page
    assert "上海市普陀区财政局2024年度部门决算" not in client.get("/", {"q": "网信"}).content.decode()


def test_a_departments_page_lists_each_years_budget_and_final_accounts(client, demo_final_accounts):
    page = client.get(reverse("department", args=["224"]))

    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("budget-detail", args=[2024, "224"]) in text
    assert reverse("final-accounts-detail", args=[2024, "224"]) in text
    assert reverse("final-accounts-execution", args=[2024, "224"]) in text
    reference = client.get(reverse("department", args=["310107001"])).content.decode()
    assert "上海市普陀区财政局2024年度部门决算" in reference and "未公开" in reference  # no budget of it here


def test_no_departments_page_without_a_published_document(client, draft):
    assert client.get(reverse("department", args=[draft.department.code])).status_code == 404


def test_both_documents_lead_to_their_departments_page(client, demo_final_accounts):
    department_page = reverse("department", args=["224"])

    assert department_page in client.get(reverse("budget-detail", args=[2024, "224"])).content.decode()
    assert department_page in client.get(reverse("final-accounts-detail", args=[2024, "224"])).content.decode()
