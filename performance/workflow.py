"""The bureau's review of a budget's self-evaluation (docs/workflow.md): submit, return, approve.

As budget/workflow.py's: each transition is a service that locks the budget's row and the review's, checks the
status and the user's role through access.py, acts and logs an EvaluationStatusChange (who, when, from, to, comment)
in one transaction; a refusal raises WorkflowError with a Chinese message and changes nothing. Submitted or approved,
the evaluation is frozen (access.may_evaluate says no to every page, import and write); a return reopens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from budget import access
from budget.models import Budget
from budget.workflow import WorkflowError, require, require_reviewer  # noqa: F401 (re-exported: both apps' refusals)
from performance import evaluation
from performance.models import EvaluationReview, EvaluationStatusChange

if TYPE_CHECKING:
    from budget.access import Actor

Status = EvaluationReview.Status


def _locked(budget: Budget) -> EvaluationReview:
    """The budget's review, created as a draft on first need, its row and the budget's locked until the transaction
    ends: the evaluation's import locks the budget's too, so that a submission cannot slip under it."""
    budget = Budget.objects.select_for_update().select_related("department").get(pk=budget.pk)
    review, _ = EvaluationReview.objects.select_for_update().get_or_create(budget=budget)
    review.budget = budget  # and the budget's review is this one, for access.py
    return review


def _move(review: EvaluationReview, to_status: str, actor: Actor, comment: str = "") -> None:
    """Move to a status of the review, logging who (None for a script), when and why."""
    user = access.recorded_user(actor)
    EvaluationStatusChange.objects.create(
        review=review, from_status=review.status, to_status=to_status, user=user, comment=comment
    )
    review.status = to_status
    review._history_user = user  # the history names the actor, also where no request does (a script)
    review.save(update_fields=["status"])


def available_actions(budget: Budget, user: Actor) -> list[str]:
    """The transitions this user may try on the budget's self-evaluation now, by name."""
    status = access.evaluation_status(budget)
    actions = ["submit"] if access.may_evaluate(user, budget) else []
    if access.may_review(user):
        if status == Status.SUBMITTED and budget.status == Budget.Status.PUBLISHED:
            actions.append("approve")
        if status in (Status.SUBMITTED, Status.APPROVED):
            actions.append("return")
    return actions


def problems(budget: Budget) -> list[str]:
    """What keeps the budget's self-evaluation from being submitted, each problem under its project's name."""
    assessed = evaluation.for_budget(budget)
    if not assessed:
        return ["本预算没有项目，没有需要自评的内容。"]
    return [f"“{each.project.name}”{problem}" for each in assessed for problem in each.problems()]


@transaction.atomic
def submit(budget: Budget, user: Actor) -> EvaluationReview:
    """Submit the self-evaluation of a published budget to the bureau; any project's problem blocks it."""
    review = _locked(budget)
    budget = review.budget
    require(review.status in Budget.EDITABLE_STATUSES, f"{review.get_status_display()}的绩效自评不能提交。")
    require(budget.status == Budget.Status.PUBLISHED,
            f"{budget}现为“{budget.get_status_display()}”，公开后才能提交绩效自评。")
    require(access.may_evaluate(user, budget), "只有本部门的会计可以提交本部门的绩效自评。")
    unfinished = problems(budget)
    require(not unfinished, "绩效自评尚未完成，不能提交：" + "".join(unfinished))
    _move(review, Status.SUBMITTED, user)
    return review


@transaction.atomic
def return_for_changes(budget: Budget, user: Actor, comment: str) -> EvaluationReview:
    """Send a submitted (or approved) self-evaluation back to the department, with the reviewer's comments."""
    review = _locked(budget)
    require_reviewer(user)
    require(review.status in (Status.SUBMITTED, Status.APPROVED), f"{review.get_status_display()}的绩效自评不能退回。")
    require(comment.strip(), "退回时请填写审核意见。")
    _move(review, Status.RETURNED, user, comment.strip())
    return review


@transaction.atomic
def approve(budget: Budget, user: Actor, comment: str = "") -> EvaluationReview:
    """Approve a submitted self-evaluation; not while its budget is reopened for a correction (its targets may
    change)."""
    review = _locked(budget)
    require_reviewer(user)
    require(review.status == Status.SUBMITTED, f"{review.get_status_display()}的绩效自评不能审核通过。")
    require(review.budget.status == Budget.Status.PUBLISHED,
            f"{review.budget}正在更正（{review.budget.get_status_display()}），更正公开后才能审核通过其绩效自评。")
    _move(review, Status.APPROVED, user, comment.strip())
    return review
