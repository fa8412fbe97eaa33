"""Two reviewers publishing the same budget at once get one version and one clean refusal; the PDF is
stored with its version or not at all, whatever fails; a lost render's late PDF publishes nothing."""

import threading
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

from budget import pdf, workflow
from budget.models import Budget, PublishedVersion
from tests.factories import complete_budget

FAKE_PDF = b"%PDF-1.7 rendered for the test"


@pytest.fixture
def approved_budget(draft_budget):
    complete_budget(draft_budget)
    Budget.objects.filter(pk=draft_budget.pk).update(status=Budget.Status.APPROVED)
    return Budget.objects.get(pk=draft_budget.pk)


@pytest.fixture
def storage_root(settings, tmp_path):
    """An empty folder of its own as the file storage, so that every file found there is this test's."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_pdfs(root):
    return sorted(str(path.relative_to(root)) for path in (root / "published").rglob("*") if path.is_file())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_publications_give_one_version_and_one_refusal(approved_budget, reviewer, storage_root):
    both_ready = threading.Barrier(2)
    outcomes = []

    def publish():
        try:
            both_ready.wait()
            outcomes.append(workflow.publish(approved_budget, reviewer))
        except BaseException as error:  # noqa: BLE001 -- collected for the assertions, whatever it is
            outcomes.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    with patch.object(pdf, "write", return_value=FAKE_PDF):
        threads = [threading.Thread(target=publish) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    [version] = [outcome for outcome in outcomes if isinstance(outcome, PublishedVersion)]
    [refusal] = [outcome for outcome in outcomes if not isinstance(outcome, PublishedVersion)]
    assert isinstance(refusal, workflow.WorkflowError), repr(refusal)
    assert "须先审核通过" in str(refusal)
    assert list(PublishedVersion.all_states.values_list("pk", flat=True)) == [version.pk]
    assert Budget.objects.get(pk=approved_budget.pk).status == Budget.Status.PUBLISHED
    assert stored_pdfs(storage_root) == [version.pdf.name]
    assert default_storage.open(version.pdf.name).read() == FAKE_PDF


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publication_that_fails_after_storing_its_pdf_leaves_no_file_and_nothing_public(
        approved_budget, reviewer, storage_root):
    def move(budget, to_status, *args):
        raise RuntimeError("the log could not be written")

    with patch.object(pdf, "write", return_value=FAKE_PDF), patch.object(Budget, "move", move), \
            pytest.raises(RuntimeError):
        workflow.publish(approved_budget, reviewer)

    assert not PublishedVersion.all_states.exists()
    assert Budget.objects.get(pk=approved_budget.pk).status == Budget.Status.APPROVED
    assert stored_pdfs(storage_root) == []


def test_the_late_pdf_of_a_lost_render_publishes_nothing_once_the_budget_was_returned(
        approved_budget, accountant, reviewer, storage_root):
    def render(page_html):  # the worker took so long that the reviewer gave it up and returned the budget
        PublishedVersion.all_states.update(published_at=timezone.now() - timedelta(hours=1))
        workflow.return_for_changes(approved_budget, reviewer, "PDF迟迟未生成，数据也需修改")
        return FAKE_PDF

    with patch.object(pdf, "write", render):
        workflow.publish(approved_budget, reviewer)

    assert not PublishedVersion.all_states.exists()
    assert Budget.objects.get(pk=approved_budget.pk).status == Budget.Status.RETURNED
    assert stored_pdfs(storage_root) == []
