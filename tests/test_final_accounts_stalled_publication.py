"""Final accounts whose PDF could not be made (every attempt failed) do not stay 公开中 for ever: the bureau retries
the PDF, or returns them to the department (the frozen version dropped, nothing of it was public)."""

from unittest.mock import patch

import pytest

from budget import access, pdf
from budget.workflow import WorkflowError
from final_accounts import publication, workflow
from final_accounts.models import FinalAccounts, PublishedVersion
from tests.factories import filled_final_accounts, final_accounts, persona


@pytest.fixture
def reviewer(db):
    return persona("shenhe-stalled", access.REVIEWER)


@pytest.fixture
def stalled(department, reviewer):
    accounts = filled_final_accounts(final_accounts(department, status=FinalAccounts.Status.APPROVED))
    with patch.object(pdf, "write", side_effect=OSError("磁盘已满")):
        publication.finish(workflow.publish(accounts, reviewer))
    accounts.refresh_from_db()
    return accounts


def test_a_publication_whose_pdf_failed_every_time_stalls_with_its_reason(stalled, reviewer):
    version = PublishedVersion.all_states.get(final_accounts=stalled)

    assert stalled.status == FinalAccounts.Status.PUBLISHING
    assert version.state == PublishedVersion.State.FAILED and "磁盘已满" in version.render_error
    assert workflow.available_actions(stalled, reviewer) == ["return", "retry"]


def test_the_bureau_retries_the_pdf_and_the_version_goes_public(stalled, reviewer):
    workflow.retry_publication(stalled, reviewer)

    stalled.refresh_from_db()
    assert stalled.status == FinalAccounts.Status.PUBLISHED
    assert stalled.versions.get().state == PublishedVersion.State.PUBLIC


def test_the_bureau_returns_them_and_the_unpublished_version_is_dropped(stalled, reviewer):
    workflow.return_for_changes(stalled, reviewer, "PDF无法生成，请核对后重新提交")

    stalled.refresh_from_db()
    assert stalled.status == FinalAccounts.Status.RETURNED
    assert not PublishedVersion.all_states.filter(final_accounts=stalled).exists()


def test_nothing_to_retry_is_refused(department, reviewer):
    accounts = filled_final_accounts(final_accounts(department, status=FinalAccounts.Status.APPROVED))
    with pytest.raises(WorkflowError, match="无需重试"):
        workflow.retry_publication(accounts, reviewer)


def test_the_dashboard_shows_the_failure_and_the_page_offers_the_retry(client, stalled, reviewer):
    client.force_login(reviewer)

    dashboard = client.get("/admin/budget/budget/dashboard/", {"year": stalled.year}).content.decode()
    assert "PDF生成失败：OSError: 磁盘已满" in dashboard
    retry = f"/admin/final_accounts/finalaccounts/{stalled.pk}/workflow/retry/"
    assert retry in dashboard
    assert client.post(retry, {"text": ""}).status_code == 302

    stalled.refresh_from_db()
    assert stalled.status == FinalAccounts.Status.PUBLISHED
