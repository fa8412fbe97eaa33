"""Publication renders the PDF holding no lock; two reviewers publishing the same budget at once get one
version and one clean refusal, and no stored PDF is left without its version, whatever fails."""

import threading
from unittest.mock import patch

import pytest
from django.core.files.storage import default_storage
from django.db import connections

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
    # Both threads wait for each other inside the rendering, so both have passed the checks before it
    # and neither has locked anything: they then race for the budget's row.
    both_rendering = threading.Barrier(2)

    def render(doc):
        both_rendering.wait()
        return FAKE_PDF

    outcomes = []

    def publish():
        try:
            outcomes.append(workflow.publish(approved_budget, reviewer))
        except BaseException as error:  # noqa: BLE001 -- collected for the assertions, whatever it is
            both_rendering.abort()  # the other thread must not wait for this one forever
            outcomes.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    with patch.object(pdf, "write", render):
        threads = [threading.Thread(target=publish) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    [version] = [outcome for outcome in outcomes if isinstance(outcome, PublishedVersion)]
    [refusal] = [outcome for outcome in outcomes if not isinstance(outcome, PublishedVersion)]
    assert isinstance(refusal, workflow.WorkflowError), repr(refusal)
    assert "已被他人改变" in str(refusal)
    assert list(PublishedVersion.objects.values_list("pk", flat=True)) == [version.pk]
    assert Budget.objects.get(pk=approved_budget.pk).status == Budget.Status.PUBLISHED
    assert stored_pdfs(storage_root) == [version.pdf.name]
    assert default_storage.open(version.pdf.name).read() == FAKE_PDF


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publication_that_fails_after_storing_its_pdf_leaves_no_file(approved_budget, reviewer, storage_root):
    with patch.object(pdf, "write", return_value=FAKE_PDF), \
            patch.object(workflow, "_move", side_effect=RuntimeError("the log could not be written")), \
            pytest.raises(RuntimeError):
        workflow.publish(approved_budget, reviewer)

    assert not PublishedVersion.objects.exists()
    assert Budget.objects.get(pk=approved_budget.pk).status == Budget.Status.APPROVED
    assert stored_pdfs(storage_root) == []


def test_a_budget_returned_and_approved_again_while_its_pdf_was_rendered_is_not_published(
        approved_budget, accountant, reviewer, storage_root):
    def render(doc):  # what was rendered is no longer what was approved
        workflow.return_for_changes(approved_budget, reviewer, "数据有误")
        workflow.submit(approved_budget, accountant)
        workflow.approve(approved_budget, reviewer)
        return FAKE_PDF

    with patch.object(pdf, "write", render), pytest.raises(workflow.WorkflowError, match="已被他人改变"):
        workflow.publish(approved_budget, reviewer)

    assert not PublishedVersion.objects.exists()
    assert stored_pdfs(storage_root) == []
