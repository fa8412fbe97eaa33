"""PDFs off the request for final accounts, as for budgets (budget/publication.py): publication freezes the version and
queues `render_pdf` in the same transaction; a worker renders the PDF from the frozen HTML and, in one short
transaction, stores it and makes the version public. A failed render is retried after the budget's delays."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from budget import caching, pdf
from budget import publication as budget_publication
from budget.publication import MAX_ATTEMPTS
from final_accounts.models import FinalAccounts, PublishedVersion

logger = logging.getLogger(__name__)
State = PublishedVersion.State


@task()
def render_pdf(version_id: int) -> None:
    """The queue's task: render a frozen version's PDF and make the version public."""
    render(version_id)


def enqueue(version: PublishedVersion) -> None:
    """Queue the version's PDF as the budget's are, after the delay its failed attempts call for."""
    budget_publication.enqueue(version, render_pdf)


def page(version: PublishedVersion) -> str:
    """The whole HTML the version's PDF is rendered from: its cover, then the body it froze."""
    year = version.final_accounts.year
    return pdf.page(version.title, version.department_name, year, version.html, cover_title=f"{year}年度部门决算")


def render(version_id: int) -> None:
    """Render the version's PDF from the HTML it froze; store it and publish, or record why not."""
    version = PublishedVersion.all_states.select_related("final_accounts").filter(pk=version_id).first()
    if version is None or version.state == State.PUBLIC:
        return
    version.render_attempts += 1
    PublishedVersion.all_states.filter(pk=version.pk).update(render_attempts=version.render_attempts)
    try:
        rendered = pdf.write(page(version))
    except Exception as error:  # a missing font, a full disk, a bug: all are reported, and retried
        logger.exception("PDF of %s failed (attempt %s)", version, version.render_attempts)
        final = version.render_attempts >= MAX_ATTEMPTS
        PublishedVersion.all_states.filter(pk=version.pk).update(
            render_error=f"{type(error).__name__}: {error}", state=State.FAILED if final else State.RENDERING
        )
        if not final:
            enqueue(version)
    else:
        store(version, rendered)


def store(version: PublishedVersion, rendered: bytes) -> None:
    """Store the PDF and make the version public, unless the final accounts left 公开中 meanwhile."""
    stored = None
    try:
        with transaction.atomic():
            accounts = FinalAccounts.objects.select_for_update().select_related("department").get(
                pk=version.final_accounts_id
            )
            version = PublishedVersion.all_states.select_for_update().get(pk=version.pk)
            if version.state == State.PUBLIC or accounts.status != FinalAccounts.Status.PUBLISHING:
                return
            now = timezone.now()
            version.pdf.save(f"{accounts.department.code}-{accounts.year}.pdf", ContentFile(rendered), save=False)
            stored = version.pdf
            version.pdf_sha256 = hashlib.sha256(rendered).hexdigest()
            version.state, version.render_error, version.published_at, version.is_current = State.PUBLIC, "", now, True
            PublishedVersion.objects.filter(final_accounts=accounts).update(is_current=False)
            version.save()
            if accounts.published_at is None:
                accounts.published_at = now
                accounts.save(update_fields=["published_at"])
            accounts.move(FinalAccounts.Status.PUBLISHED, version.published_by, version.reason)
    except BaseException:  # whatever failed, even a worker's shutdown: no PDF without its version
        if stored:
            stored.delete(save=False)
        raise
    caching.published_changed()


def finish(version: PublishedVersion) -> PublishedVersion:
    """Render the version's PDF in this process if no worker has yet (for commands, which return once it is
    public); the version as it stands after."""
    version = PublishedVersion.all_states.get(pk=version.pk)
    while version.state == State.RENDERING:
        render(version.pk)
        version = PublishedVersion.all_states.get(pk=version.pk)
    return version


def stalled(accounts: FinalAccounts) -> PublishedVersion | None:
    """The version of final accounts 公开中 whose PDF failed for good or whose worker was lost, or None."""
    if accounts.status != FinalAccounts.Status.PUBLISHING:
        return None
    version = PublishedVersion.all_states.filter(final_accounts=accounts).exclude(state=State.PUBLIC).first()
    if version and (version.state == State.FAILED or budget_publication.is_stuck(version)):
        return version
    return None


def retry(version: PublishedVersion) -> None:
    """Queue a failed (or lost) version's PDF again, as the budget's are."""
    budget_publication.retry(version, render_pdf)
