"""The review workflow (docs/workflow.md): submit, return, approve, publish, and reopen for a correction.

Each transition is a service: it locks the budget row, checks the status and the user's role, acts and
logs a StatusChange (who, when, from, to, comment) in one transaction; publication renders its document
before that transaction. A refusal raises WorkflowError with a Chinese message and changes nothing.
"""

import hashlib
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from budget import access, caching, checks, document, pdf
from budget.models import Budget, PublishedVersion, StatusChange

Status = Budget.Status


class WorkflowError(Exception):
    """A transition that is not allowed now; the message says why, in Chinese."""


def _require(condition, message):
    if not condition:
        raise WorkflowError(message)


def _locked(budget):
    """The budget's row, locked until the transaction ends, so that two reviewers cannot race."""
    return Budget.objects.select_for_update().select_related("department").get(pk=budget.pk)


def _move(budget, to_status, actor, comment="", snapshot=None):
    StatusChange.objects.create(
        budget=budget, from_status=budget.status, to_status=to_status, user=access.recorded_user(actor),
        comment=comment, snapshot=snapshot,
    )
    budget.status = to_status
    budget.save(update_fields=["status"])
    budget.record_change()


def _require_reviewer(user):
    _require(access.may_review(user), "只有财政局审核人员可以执行此操作。")


def available_actions(budget, user):
    """The transitions this user may try on the budget now, by name."""
    actions = []
    if access.may_edit_budget(user, budget):
        actions.append("submit")
    if access.may_review(user):
        if budget.status == Status.SUBMITTED:
            actions += ["approve", "return"]
        elif budget.status == Status.APPROVED:
            actions.append("return")
        elif budget.status == Status.PUBLISHED:
            actions.append("reopen")
    if budget.status == Status.APPROVED and access.may_publish(user):
        actions.append("publish")
    return actions


@transaction.atomic
def submit(budget, user):
    """Submit a draft or returned budget for review; errors and unexplained warnings block it."""
    budget = _locked(budget)
    _require(budget.status in (Status.DRAFT, Status.RETURNED), f"{budget.get_status_display()}的预算不能提交。")
    _require(access.may_edit_budget(user, budget), "只有本部门的会计可以提交本部门预算。")
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
def return_for_changes(budget, user, comment):
    """Send a submitted (or approved) budget back to the department, with the reviewer's comments."""
    budget = _locked(budget)
    _require_reviewer(user)
    _require(budget.status in (Status.SUBMITTED, Status.APPROVED), f"{budget.get_status_display()}的预算不能退回。")
    _require(comment.strip(), "退回时请填写审核意见。")
    _move(budget, Status.RETURNED, user, comment.strip())
    return budget


@transaction.atomic
def approve(budget, user, comment=""):
    """Approve a submitted budget (批复); the PUBLICATION_DAYS deadline runs from now."""
    budget = _locked(budget)
    _require_reviewer(user)
    _require(budget.status == Status.SUBMITTED, f"{budget.get_status_display()}的预算不能审核通过。")
    _move(budget, Status.APPROVED, user, comment.strip())
    return budget


@transaction.atomic
def reopen(budget, user, reason):
    """Reopen a published budget for a correction; the public keeps seeing the published version meanwhile."""
    budget = _locked(budget)
    _require_reviewer(user)
    _require(budget.status == Status.PUBLISHED, "只有已公开的预算可以发起更正。")
    _require(reason.strip(), "发起更正时请填写更正原因。")
    _move(budget, Status.RETURNED, user, reason.strip())
    return budget


def publish(budget, user, reason=""):
    """Publish an approved budget: freeze its document, tables, HTML and PDF as a new version.

    A correction needs a reason.

    The document and its PDF (tens of seconds for a large budget) are rendered first, holding no lock,
    so that neither the public site nor other reviewers wait for them. Then one short transaction locks
    the budget row, checks that nothing happened to the budget meanwhile (another publication, a return)
    and stores the PDF and the version: of two reviewers publishing at once, one publishes and the other
    is refused. Call it outside any transaction: a stored PDF is deleted when publication's own
    transaction does not commit, and the rollback of an enclosing one would leave it behind.
    """
    budget = Budget.objects.select_related("department").get(pk=budget.pk)
    _publishable(budget, user, reason)  # fail before rendering when the answer is already no
    seen = _latest_change(budget)
    version, rendered, snapshot = _rendered_version(budget, user, reason)
    try:
        with transaction.atomic():
            locked = _locked(budget)
            _require(_latest_change(locked) == seen,
                     "生成文档期间该预算的状态已被他人改变（如已公开或已退回），本次未公开，请刷新页面后查看。")
            previous = _publishable(locked, user, reason)
            version.budget = locked
            version.number = previous.number + 1 if previous else 1
            version.pdf.save(f"{locked.department.code}-{locked.year}.pdf", ContentFile(rendered), save=False)
            locked.versions.update(is_current=False)
            version.save()
            # Invalidate now, and again once committed: a page cached by a request in between would be stale.
            caching.published_changed()
            transaction.on_commit(caching.published_changed)
            if locked.published_at is None:
                locked.published_at = version.published_at
                locked.save(update_fields=["published_at"])
            _move(locked, Status.PUBLISHED, user, reason.strip(), snapshot=snapshot)
    except BaseException:  # whatever failed, even a worker's timeout (SystemExit): no PDF without its version
        if version.pdf:
            version.pdf.delete(save=False)
        raise
    return version


def _latest_change(budget):
    """The id of the budget's latest StatusChange (None before the first): every transition logs a new one."""
    return budget.status_changes.order_by("-pk").values_list("pk", flat=True).first()


def _publishable(budget, user, reason):
    """The budget's current version (None before the first publication); WorkflowError when this user cannot
    publish it now."""
    _require(access.may_publish(user), "只有财政局审核人员可以公开预算。")
    _require(budget.status == Status.APPROVED, f"{budget.get_status_display()}的预算不能公开，须先审核通过。")
    previous = budget.current_version()
    _require(previous is None or reason.strip(), "更正已公开的预算时请填写更正原因。")
    return previous


def _rendered_version(budget, user, reason):
    """(version, PDF bytes, snapshot) of the budget now: the version unsaved, without budget and number; refused
    when placeholder text is left."""
    doc = document.build(budget)
    html = pdf.body(doc)
    leftover = checks.PLACEHOLDERS.search(re.sub(r"<[^>]+>", "", html))  # template leftovers (docs/workflow.md)
    _require(leftover is None, f"文档中仍有未替换的占位文字“{leftover.group(0) if leftover else ''}”，不能公开。")
    try:
        rendered = pdf.write(pdf.page(doc.title, doc.department.name, budget.year, html))
    except pdf.MissingFontError as error:
        raise WorkflowError(str(error)) from error
    snapshot = document.snapshot(doc)
    data = document.open_data(doc, snapshot)
    version = PublishedVersion(
        published_by=access.recorded_user(user),
        reason=reason.strip(),
        department_name=budget.department.name,  # as the rendered document prints it
        html=html,
        figures=snapshot["figures"],
        tables=snapshot["tables"],
        data=data,
        pdf_sha256=hashlib.sha256(rendered).hexdigest(),
        expenditure_total=doc.summary.expenditure_total,
        basic_total=doc.summary.basic,
        project_total=doc.summary.project,
        three_public_total=doc.summary.three_public,
        search_text=search_text(budget, data),
    )
    return version, rendered, snapshot


def search_text(budget, data):
    """What the public search matches a version by, one per line: department code, name and short name (简称),
    its units' and parent's names, project names."""
    department = budget.department
    names = [department.code, department.name, department.short_name, *(unit.name for unit in department.units.all())]
    if department.parent_id:
        names.append(department.parent.name)
    return "\n".join(name for name in names + [project["name"] for project in data["projects"]] if name)


PUBLICATION_DAYS = 20  # 预算法 第十四条: public within 20 days of the 批复


def deadline(approved_at, today=None):
    """Days left of the PUBLICATION_DAYS within which an approved budget must be public (negative when overdue)."""
    today = today or timezone.localdate()
    return PUBLICATION_DAYS - (today - timezone.localdate(approved_at)).days
