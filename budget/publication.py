"""PDFs off the request (docs/workflow.md): a version frozen in the reviewer's request becomes public once a
worker has rendered and stored its PDF; staff previews of a budget's PDF are rendered by the same workers.

workflow.publish freezes the version (HTML, tables, figures, open data; state RENDERING) and queues
`render_pdf` in the same transaction, so the queue never holds a task for an uncommitted version. A worker
renders the PDF from the version's own HTML, holding no lock, then in one short transaction stores it,
makes the version public and the budget 已公开. A failed render is retried after RETRY_DELAYS; after the
last attempt the version is FAILED, its reason on the dashboard, where the reviewer can retry it. The
public site's caches are dropped once per batch, when its last version is done.
"""

import contextlib
import hashlib
import logging
import signal
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, ClassVar, Protocol

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task, task_backends
from django_tasks.base import Task

from budget import caching, document, pdf
from budget.models import Budget, PublicationBatch, PublishedVersion

logger = logging.getLogger(__name__)
State = PublishedVersion.State
RETRY_DELAYS = (30, 300)  # seconds before the second and the third attempt
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
STUCK_MINUTES = 30  # a render running this long is taken for lost (its worker killed): the reviewer may retry
# A PDF waiting this long while no worker started a task meanwhile means none runs (the dashboard says so);
# longer than the last retry's delay, so that a version waiting for its retry is not taken for one.
WORKER_GRACE = timedelta(minutes=10)


class Queued(Protocol):
    """A frozen version of either document kind as the queue sees it (final accounts' are final_accounts.models')."""

    pk: int
    render_attempts: int
    all_states: ClassVar[Any]  # its model's manager of every state (the default one shows public versions only)


@task()
def render_pdf(version_id: int) -> None:
    """The queue's task: render a frozen version's PDF and make the version public."""
    render(version_id)


def enqueue(version: Queued, job: Task[[int], None] | None = None) -> None:
    """Queue the version's PDF, after the delay its failed attempts call for; job: the task that renders it (the
    budget's by default, final accounts' their own: final_accounts/publication.py)."""
    job = job or render_pdf
    delay = RETRY_DELAYS[version.render_attempts - 1] if version.render_attempts else 0
    if delay and task_backends[job.backend].supports_defer:
        job = job.using(run_after=timezone.now() + timedelta(seconds=delay))
    job.enqueue(version.pk)


def render(version_id: int) -> None:
    """Render the version's PDF from the HTML it froze; store it and publish, or record why not."""
    version = PublishedVersion.all_states.select_related("budget").filter(pk=version_id).first()
    if version is None or version.state == State.PUBLIC:
        return  # discarded (the budget was returned), or published by another worker
    PublishedVersion.all_states.filter(pk=version.pk).update(render_attempts=version.render_attempts + 1)
    version.render_attempts += 1
    try:
        rendered = pdf.write(pdf.page(version.title, version.department_name, version.budget.year, version.html))
    except Exception as error:  # a missing font, a full disk, a bug: all are reported, and retried
        logger.exception("PDF of %s failed (attempt %s)", version, version.render_attempts)
        failed(version, error)
    else:
        store(version, rendered)


def failed(version: PublishedVersion, error: Exception) -> None:
    """Record a failed attempt; queue the next one, or give up and report it after the last."""
    reason = str(error) if isinstance(error, pdf.MissingFontError) else f"{type(error).__name__}: {error}"
    final = version.render_attempts >= MAX_ATTEMPTS
    PublishedVersion.all_states.filter(pk=version.pk, state=State.RENDERING).update(
        render_error=reason, state=State.FAILED if final else State.RENDERING,
    )
    if final:
        batch_done(version.batch_id)
    else:
        enqueue(version)


def store(version: PublishedVersion, rendered: bytes) -> None:
    """Store the PDF and make the version public, unless the budget left 公开中 meanwhile (returned)."""
    stored = None
    try:
        with transaction.atomic():
            budget = Budget.objects.select_for_update().select_related("department").get(pk=version.budget_id)
            locked = PublishedVersion.all_states.select_for_update().filter(pk=version.pk).first()
            if locked is None or locked.state == State.PUBLIC or budget.status != Budget.Status.PUBLISHING:
                return
            version = locked
            now = timezone.now()
            version.pdf.save(f"{budget.department.code}-{budget.year}.pdf", ContentFile(rendered), save=False)
            stored = version.pdf
            version.pdf_sha256 = hashlib.sha256(rendered).hexdigest()
            version.state, version.render_error, version.published_at, version.is_current = State.PUBLIC, "", now, True
            PublishedVersion.objects.filter(budget=budget).update(is_current=False)
            version.save()
            if budget.published_at is None:
                budget.published_at = now
                budget._history_user = version.published_by  # a worker's save: no request names the user
                budget.save(update_fields=["published_at"])
            budget.move(Budget.Status.PUBLISHED, version.published_by, version.reason)
    except BaseException:  # whatever failed, even a worker's shutdown (SystemExit): no PDF without its version
        if stored:
            stored.delete(save=False)
        raise
    batch_done(version.batch_id)


def batch_done(batch_id: int | None) -> None:
    """Drop the public caches once the batch's last version is done (public or failed for good)."""
    batch = PublicationBatch.objects.filter(pk=batch_id).first() if batch_id is not None else None
    if batch is None or batch.is_finished():
        caching.published_changed()


def retry(version: Queued, job: Task[[int], None] | None = None) -> None:
    """Queue a failed (or lost) version's PDF again, with a fresh count of attempts; job as for enqueue."""
    type(version).all_states.filter(pk=version.pk).update(
        state=State.RENDERING, render_attempts=0, render_error="", published_at=timezone.now()
    )
    version.render_attempts = 0
    enqueue(version, job)


def is_stuck(version: PublishedVersion) -> bool:
    """True when the version has been rendering so long that its worker must have been lost."""
    return version.state == State.RENDERING and (
        timezone.now() - version.published_at > timedelta(minutes=STUCK_MINUTES)
    )


def queue_length() -> int:
    """How many versions are waiting for their PDF."""
    return PublishedVersion.all_states.filter(state=State.RENDERING).count()


def worker_last_seen() -> datetime | None:
    """When a task worker last started a task: the database queue keeps each task's start (None: never seen)."""
    from django_tasks_db.models import DBTaskResult

    seen: datetime | None = DBTaskResult.objects.aggregate(at=Max("started_at"))["at"]
    return seen


def worker_missing(last_seen: datetime | None) -> bool:
    """True when a PDF has waited longer than WORKER_GRACE and no worker, last seen at `last_seen`, started a
    task meanwhile: publications would stay 公开中 for ever."""
    cutoff = timezone.now() - WORKER_GRACE
    if last_seen is not None and last_seen >= cutoff:
        return False
    return PublishedVersion.all_states.filter(state=State.RENDERING, published_at__lt=cutoff).exists()


def recent_batches(hours: int = 24, limit: int = 10) -> list[PublicationBatch]:
    """Batches requested in the last day or still unfinished, newest first, their versions counted by state."""
    counted = {state: Count("versions", filter=Q(versions__state=state)) for state in State.values}
    batches = PublicationBatch.objects.annotate(**counted).annotate(total=Count("versions")).filter(
        Q(requested_at__gte=timezone.now() - timedelta(hours=hours)) | Q(rendering__gt=0), total__gt=0
    )
    return list(batches.select_related("requested_by")[:limit])


class Interrupted(Exception):
    """SIGTERM or SIGINT stopped run_until_done: the PDF being rendered was finished and stored, the batch's other
    PDFs, if any, are still queued, for a worker."""

    def __init__(self, versions: list[PublishedVersion]):
        super().__init__("interrupted")
        self.versions = versions


@contextlib.contextmanager
def signals_handled(handler: Callable[[int, Any], None]) -> Iterator[None]:
    """SIGTERM and SIGINT handled by `handler` meanwhile, then as before (main thread only, as Python's signal
    handlers)."""
    previous = {number: signal.signal(number, handler) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handled_before in previous.items():
            signal.signal(number, handled_before)


def run_until_done(
    batch: PublicationBatch, report: Callable[[list[PublishedVersion]], object] = lambda versions: None,
    poll_seconds: float = 1,
) -> list[PublishedVersion]:
    """Render the batch's PDFs in this process, with any workers running elsewhere, until none is waiting.

    For commands, which return once their publication is done whether or not a worker runs: this process
    works as one more worker (it may also take other queued work). `report` gets the batch's versions
    whenever their states change. A SIGTERM or SIGINT stops it once the PDF under way is stored: Interrupted.
    """
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.management.commands.db_worker import Worker

    stopping = False
    worker = None

    def stop(number: int, frame: Any) -> None:
        # Noted, not raised: an exception inside a render would be recorded by the worker as the task's failure,
        # and the version left waiting with no task queued for it.
        nonlocal stopping
        stopping = True
        if worker is not None:
            worker.running = False  # the worker's own flag: it returns once the task under way is done

    seen: list[str] | None = None
    with signals_handled(stop):
        while True:
            versions = list(PublishedVersion.all_states.filter(batch=batch).order_by("pk"))
            states = [version.state for version in versions]
            if states != seen:
                report(versions)
                seen = states
            if stopping:  # even when the batch is done: the caller (a loop of publications) is to stop too
                raise Interrupted(versions)
            if State.RENDERING not in states:
                return versions
            if isinstance(task_backends[render_pdf.backend], DatabaseBackend):
                # django-tasks-db's worker, not its db_worker command: the command's own handlers took a SIGTERM to
                # mean "return after this task", as at the end of any batch, so this loop started the next batch and
                # only SIGKILL stopped it.
                worker = Worker(queue_names=[render_pdf.queue_name], interval=0, batch=True, startup_delay=False,
                                backend_name=render_pdf.backend, max_tasks=None, worker_id=get_random_string(32),
                                excluded_queue_names=[])
                worker.run()
            if not stopping and PublishedVersion.all_states.filter(batch=batch, state=State.RENDERING).exists():
                time.sleep(poll_seconds)  # a retry not due yet, or a render another worker is doing


# --- previews: the PDF of a budget as it stands, for its staff, rendered by the same workers.

PREVIEW_SECONDS = 600  # how long a queued preview or its failure is remembered


@task()
def render_preview(budget_id: int) -> None:
    """The queue's task: render and keep the PDF of a budget as it stands now, or remember why it failed."""
    budget = Budget.objects.select_related("department").get(pk=budget_id)
    page_html = pdf.html(document.build(budget))
    name = preview_name(budget, page_html)
    try:
        rendered = pdf.write(page_html)
    except Exception as error:
        logger.exception("PDF preview of %s failed", budget)
        cache.set(f"preview-error:{name}", str(error), PREVIEW_SECONDS)
        return
    folder = name.rsplit("/", 1)[0]
    for old in default_storage.listdir(folder)[1] if default_storage.exists(folder) else []:
        default_storage.delete(f"{folder}/{old}")  # a budget keeps only its latest preview
    default_storage.save(name, ContentFile(rendered))


def preview_name(budget: Budget, page_html: str) -> str:
    """Where the preview of this HTML is kept: one file per budget and content."""
    return f"previews/{budget.pk}/{hashlib.sha256(page_html.encode()).hexdigest()}.pdf"


def preview(budget: Budget) -> tuple[bytes | None, str]:
    """(PDF bytes, or None while a worker renders them; why it failed, or "") of the budget as it stands."""
    name = preview_name(budget, pdf.html(document.build(budget)))
    if not default_storage.exists(name) and cache.add(f"preview-queued:{name}", True, PREVIEW_SECONDS):
        render_preview.enqueue(budget.pk)  # a queue that runs tasks at once has rendered it now
    if default_storage.exists(name):
        with default_storage.open(name) as stored:
            return stored.read(), ""
    return None, cache.get(f"preview-error:{name}", "")
