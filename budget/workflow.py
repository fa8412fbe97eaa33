"""The review workflow (docs/workflow.md): submit, return, approve, publish, and reopen for a correction.

Each transition is a service: it locks the budget row, checks the status and the user's role, acts and
logs a StatusChange (who, when, from, to, comment) in one transaction; publication freezes the document
and queues its PDF (budget/publication.py). A refusal raises WorkflowError with a Chinese message and
changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from budget import access, checks, document, pdf, publication
from budget.models import Budget, PublicationBatch, PublishedVersion

if TYPE_CHECKING:
    from budget.access import Actor

Status = Budget.Status


class WorkflowError(Exception):
    """A transition that is not allowed now; the message says why, in Chinese."""


def require(condition: object, message: str) -> None:
    """Refuse with the message unless the condition holds (the services of both apps: performance/workflow.py)."""
    if not condition:
        raise WorkflowError(message)


def _locked(budget: Budget) -> Budget:
    """The budget's row, locked until the transaction ends, so that two reviewers cannot race."""
    return Budget.objects.select_for_update().select_related("department").get(pk=budget.pk)


def _move(
    budget: Budget, to_status: str, actor: Actor, comment: str = "", snapshot: document.Snapshot | None = None
) -> None:
    budget.move(to_status, access.recorded_user(actor), comment, snapshot)


def require_reviewer(user: Actor) -> None:
    require(access.may_review(user), "只有财政局审核人员可以执行此操作。")


def available_actions(budget: Budget, user: Actor) -> list[str]:
    """The transitions this user may try on the budget now, by name."""
    actions = []
    stalled = stalled_publication(budget)
    if access.may_edit_budget(user, budget):
        actions.append("submit")
    if access.may_review(user):
        if budget.status == Status.SUBMITTED:
            actions += ["approve", "return"]
        elif budget.status == Status.APPROVED:
            actions.append("return")
        elif budget.status == Status.PUBLISHED:
            actions.append("reopen")
        elif stalled:
            actions.append("return")
    if budget.status == Status.APPROVED and access.may_publish(user):
        actions.append("publish")
    if access.may_publish(user) and stalled:
        actions.append("retry")
    return actions


@transaction.atomic
def submit(budget: Budget, user: Actor) -> Budget:
    """Submit a draft or returned budget for review; errors and unexplained warnings block it."""
    budget = _locked(budget)
    require(budget.status in (Status.DRAFT, Status.RETURNED), f"{budget.get_status_display()}的预算不能提交。")
    require(access.may_edit_budget(user, budget), "只有本部门的会计可以提交本部门预算。")
    doc = document.build(budget)
    findings = checks.run(budget, doc)
    checks.record(budget, user, findings)
    blocking = checks.blocking(budget, findings)
    if blocking:
        raise WorkflowError(
            "审核未通过，不能提交：" + "；".join(f"[{f.rule}] {f.message}" for f in blocking)
        )
    _move(budget, Status.SUBMITTED, user, snapshot=document.snapshot(doc))
    return budget


@transaction.atomic
def return_for_changes(budget: Budget, user: Actor, comment: str) -> Budget:
    """Send a submitted (or approved) budget back to the department, with the reviewer's comments."""
    budget = _locked(budget)
    require_reviewer(user)
    stalled = stalled_publication(budget)
    require(budget.status in (Status.SUBMITTED, Status.APPROVED) or stalled,
            f"{budget.get_status_display()}的预算不能退回。")
    require(comment.strip(), "退回时请填写审核意见。")
    if stalled:  # its PDF could not be made: the frozen version is dropped, nothing of it was public
        stalled.delete()
        publication.batch_done(stalled.batch_id)
    _move(budget, Status.RETURNED, user, comment.strip())
    return budget


@transaction.atomic
def approve(budget: Budget, user: Actor, comment: str = "") -> Budget:
    """Approve a submitted budget (批复); the PUBLICATION_DAYS deadline runs from now."""
    budget = _locked(budget)
    require_reviewer(user)
    require(budget.status == Status.SUBMITTED, f"{budget.get_status_display()}的预算不能审核通过。")
    _move(budget, Status.APPROVED, user, comment.strip())
    return budget


@transaction.atomic
def reopen(budget: Budget, user: Actor, reason: str) -> Budget:
    """Reopen a published budget for a correction; the public keeps seeing the published version meanwhile."""
    budget = _locked(budget)
    require_reviewer(user)
    require(budget.status == Status.PUBLISHED, "只有已公开的预算可以发起更正。")
    require(reason.strip(), "发起更正时请填写更正原因。")
    _move(budget, Status.RETURNED, user, reason.strip())
    return budget


@transaction.atomic
def publish(budget: Budget, user: Actor, reason: str = "", batch: PublicationBatch | None = None) -> PublishedVersion:
    """Publish an approved budget: freeze its document as a new version and queue its PDF; the version is
    public once a worker has stored the PDF (budget/publication.py). A correction needs a reason.

    Freezing takes a fraction of a second under the budget's row lock: of two reviewers publishing at once,
    one publishes and the other is refused. The budget is 公开中 until the PDF is stored.
    """
    budget = _locked(budget)
    previous = _publishable(budget, user, reason)
    doc = document.build(budget)
    body = pdf.body(doc)
    leftover = checks.PLACEHOLDERS.search(re.sub(r"<[^>]+>", "", body))  # template leftovers (docs/workflow.md)
    require(leftover is None, f"文档中仍有未替换的占位文字“{leftover.group(0) if leftover else ''}”，不能公开。")
    snapshot = document.snapshot(doc)
    data = document.open_data(doc, snapshot)
    version = PublishedVersion.all_states.create(
        budget=budget,
        number=previous.number + 1 if previous else 1,
        state=PublishedVersion.State.RENDERING,
        is_current=False,
        batch=batch or PublicationBatch.objects.create(requested_by=access.recorded_user(user)),
        published_by=access.recorded_user(user),
        reason=reason.strip(),
        department_name=budget.department.name,  # as the rendered document prints it
        html=body,
        figures=snapshot["figures"],
        tables=snapshot["tables"],
        data=data,
        expenditure_total=doc.summary.expenditure_total,
        basic_total=doc.summary.basic,
        project_total=doc.summary.project,
        three_public_total=doc.summary.three_public,
        search_text=search_text(budget, data),
    )
    _move(budget, Status.PUBLISHING, user, reason.strip(), snapshot=snapshot)
    publication.enqueue(version)
    # As it stands now: a queue that runs tasks at once (the tests') has rendered it already.
    return PublishedVersion.all_states.filter(pk=version.pk).first() or version


def publish_many(
    budgets: Iterable[Budget], user: Actor, reason: str = ""
) -> tuple[PublicationBatch, list[tuple[Budget, str]]]:
    """Publish several approved budgets as one batch; returns the batch and the refused [(budget, message)].

    Each budget is published in its own transaction: one refusal stops none of the others.
    """
    batch = PublicationBatch.objects.create(requested_by=access.recorded_user(user))
    refused: list[tuple[Budget, str]] = []
    for budget in budgets:
        try:
            publish(budget, user, reason, batch=batch)
        except WorkflowError as error:
            refused.append((budget, str(error)))
    publication.batch_done(batch.pk)  # when everything was refused, or every PDF was already stored
    return batch, refused


def _publishable(budget: Budget, user: Actor, reason: str) -> PublishedVersion | None:
    """The budget's current version (None before the first publication); WorkflowError when this user cannot
    publish it now."""
    require(access.may_publish(user), "只有财政局审核人员可以公开预算。")
    require(budget.status == Status.APPROVED, f"{budget.get_status_display()}的预算不能公开，须先审核通过。")
    previous = budget.current_version()
    require(previous is None or reason.strip(), "更正已公开的预算时请填写更正原因。")
    return previous


def stalled_publication(budget: Budget) -> PublishedVersion | None:
    """The budget's version whose PDF failed for good or whose worker was lost, or None."""
    version = budget.pending_version() if budget.status == Status.PUBLISHING else None
    if version and (version.state == PublishedVersion.State.FAILED or publication.is_stuck(version)):
        return version
    return None


@transaction.atomic
def retry_publication(budget: Budget, user: Actor, comment: str = "") -> Budget:
    """Queue again the PDF of a publication that failed (or whose worker was lost)."""
    budget = _locked(budget)
    require(access.may_publish(user), "只有财政局审核人员可以公开预算。")
    version = stalled_publication(budget)
    if version is None:
        raise WorkflowError("该预算没有生成失败的PDF，无需重试。")
    publication.retry(version)
    return budget


def search_text(budget: Budget, data: document.OpenData) -> str:
    """What the public search matches a version by, one per line: department code, name and short name (简称),
    its units' and parent's names, project names."""
    department = budget.department
    names = [department.code, department.name, department.short_name, *(unit.name for unit in department.units.all())]
    if department.parent is not None:
        names.append(department.parent.name)
    return "\n".join(name for name in names + [project["name"] for project in data["projects"]] if name)


PUBLICATION_DAYS = 20  # 预算法 第十四条: public within 20 days of the 批复


def deadline(approved_at: datetime, today: date | None = None) -> int:
    """Days left of the PUBLICATION_DAYS within which an approved budget must be public (negative when overdue)."""
    today = today or timezone.localdate()
    return PUBLICATION_DAYS - (today - timezone.localdate(approved_at)).days
