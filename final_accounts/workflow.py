"""The final accounts' review (docs/workflow.md): the budget's workflow, its roles, states and refusals, for the second
document kind. Each transition locks the row, checks status and role, acts and logs a StatusChange in one
transaction; publication freezes the document and queues its PDF (final_accounts/publication.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import transaction

from budget import access, checks
from budget.workflow import require, require_reviewer
from final_accounts import document, publication
from final_accounts.models import FinalAccounts, PublishedVersion

if TYPE_CHECKING:
    from budget.access import Actor

Status = FinalAccounts.Status


def _locked(accounts: FinalAccounts) -> FinalAccounts:
    """The row, locked until the transaction ends, so that two reviewers cannot race."""
    return FinalAccounts.objects.select_for_update().select_related("department").get(pk=accounts.pk)


def _move(accounts: FinalAccounts, to_status: str, actor: Actor, comment: str = "") -> None:
    accounts.move(to_status, access.recorded_user(actor), comment)


def available_actions(accounts: FinalAccounts, user: Actor) -> list[str]:
    """The transitions this user may try on the final accounts now, by name (as budget.workflow.available_actions)."""
    actions = []
    stalled = publication.stalled(accounts)
    if access.may_edit_final_accounts(user, accounts):
        actions.append("submit")
    if access.may_review(user):
        by_status: dict[str, list[str]] = {Status.SUBMITTED: ["approve", "return"], Status.APPROVED: ["return"],
                                           Status.PUBLISHED: ["reopen"]}
        actions += by_status.get(accounts.status, ["return"] if stalled else [])
    if accounts.status == Status.APPROVED and access.may_publish(user):
        actions.append("publish")
    if stalled and access.may_publish(user):
        actions.append("retry")
    return actions


@transaction.atomic
def submit(accounts: FinalAccounts, user: Actor) -> FinalAccounts:
    """Submit draft or returned final accounts for review; a table that does not foot blocks it."""
    accounts = _locked(accounts)
    require(accounts.status in (Status.DRAFT, Status.RETURNED), f"{accounts.get_status_display()}的决算不能提交。")
    require(access.may_edit_final_accounts(user, accounts), "只有本部门的会计可以提交本部门决算。")
    problems = document.problems(document.build(accounts))
    require(not problems, "审核未通过，不能提交：" + "；".join(problems))
    _move(accounts, Status.SUBMITTED, user)
    return accounts


@transaction.atomic
def return_for_changes(accounts: FinalAccounts, user: Actor, comment: str) -> FinalAccounts:
    """Send submitted (or approved) final accounts back to the department, with the reviewer's comments; also ones
    whose publication stalled (its PDF failed for good)."""
    accounts = _locked(accounts)
    require_reviewer(user)
    stalled = publication.stalled(accounts)
    require(accounts.status in (Status.SUBMITTED, Status.APPROVED) or stalled,
            f"{accounts.get_status_display()}的决算不能退回。")
    require(comment.strip(), "退回时请填写审核意见。")
    if stalled:  # its PDF could not be made: the frozen version is dropped, nothing of it was public
        stalled.delete()
    _move(accounts, Status.RETURNED, user, comment.strip())
    return accounts


@transaction.atomic
def retry_publication(accounts: FinalAccounts, user: Actor, comment: str = "") -> FinalAccounts:
    """Queue again the PDF of a publication that failed (or whose worker was lost)."""
    accounts = _locked(accounts)
    require(access.may_publish(user), "只有财政局审核人员可以公开决算。")
    stalled = publication.stalled(accounts)
    require(stalled is not None, "该决算没有生成失败的PDF，无需重试。")
    if stalled is not None:
        publication.retry(stalled)
    return accounts


@transaction.atomic
def approve(accounts: FinalAccounts, user: Actor, comment: str = "") -> FinalAccounts:
    """Approve submitted final accounts; the 20 days within which they must be public run from now."""
    accounts = _locked(accounts)
    require_reviewer(user)
    require(accounts.status == Status.SUBMITTED, f"{accounts.get_status_display()}的决算不能审核通过。")
    _move(accounts, Status.APPROVED, user, comment.strip())
    return accounts


@transaction.atomic
def reopen(accounts: FinalAccounts, user: Actor, reason: str) -> FinalAccounts:
    """Reopen published final accounts for a correction; the public keeps the published version meanwhile."""
    accounts = _locked(accounts)
    require_reviewer(user)
    require(accounts.status == Status.PUBLISHED, "只有已公开的决算可以发起更正。")
    require(reason.strip(), "发起更正时请填写更正原因。")
    _move(accounts, Status.RETURNED, user, reason.strip())
    return accounts


@transaction.atomic
def publish(accounts: FinalAccounts, user: Actor, reason: str = "") -> PublishedVersion:
    """Publish approved final accounts: freeze the document as a new version and queue its PDF; the version is
    public once a worker has stored the PDF. A correction needs a reason."""
    accounts = _locked(accounts)
    require(access.may_publish(user), "只有财政局审核人员可以公开决算。")
    require(accounts.status == Status.APPROVED, f"{accounts.get_status_display()}的决算不能公开，须先审核通过。")
    previous = accounts.current_version()
    require(previous is None or reason.strip(), "更正已公开的决算时请填写更正原因。")
    doc = document.build(accounts)
    body = document.body(doc)
    leftover = checks.PLACEHOLDERS.search(re.sub(r"<[^>]+>", "", body))  # template leftovers (docs/workflow.md)
    require(leftover is None, f"文档中仍有未替换的占位文字“{leftover.group(0) if leftover else ''}”，不能公开。")
    version = PublishedVersion.all_states.create(
        final_accounts=accounts,
        number=previous.number + 1 if previous else 1,
        published_by=access.recorded_user(user),
        reason=reason.strip(),
        department_name=accounts.department.name,
        html=body,
        tables=document.table_rows(doc),
        figures=document.figures(doc),
    )
    _move(accounts, Status.PUBLISHING, user, reason.strip())
    publication.enqueue(version)
    return PublishedVersion.all_states.get(pk=version.pk)
