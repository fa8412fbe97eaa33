"""Admin pages of the review workflow: checks, transitions, the reviewer's comparison and the dashboard.

Each view fetches the budget through the admin's own scoped queryset (an accountant never reaches
another department's budget), validates, calls a workflow service and redirects with a message.
"""

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from budget import access, checks, document, publication, workflow
from budget.admin.base import BudgetPagesAdmin
from budget.admin.places import Places
from budget.builders import diff
from budget.models import Budget, CheckRun, PublishedVersion, StatusChange
from departments.models import Department

if TYPE_CHECKING:
    from budget.access import Actor

    Service: TypeAlias = Callable[[Budget, Actor, str], object]  # a transition: (budget, who, text)

ACTIONS: "dict[str, tuple[Service, str, str, bool]]" = {
    # name: (service, button label, what the text box is for, whether it must be filled)
    "submit": (lambda budget, user, text: workflow.submit(budget, user), "提交审核", "", False),  # takes no text
    "return": (workflow.return_for_changes, "退回修改", "审核意见", True),
    "approve": (workflow.approve, "审核通过", "审核意见（可选）", False),
    "publish": (workflow.publish, "公开", "更正原因（更正已公开的预算时必填）", False),
    "reopen": (workflow.reopen, "发起更正", "更正原因", True),
    "retry": (workflow.retry_publication, "重新生成PDF", "", False),
}
DONE_MESSAGES = {"publish": "已提交公开：{}。PDF生成后即公开，进度见审核工作台。",
                 "retry": "已重新排队生成PDF：{}。"}
TEXT_LABELS = {field: checks.field_label(Budget, field) for field in document.TEXT_FIELDS}
# Other document kinds on the bureau's dashboard, registered by their apps as they load (final_accounts/apps.py), as
# the indicators' rules join the checks: each a function of the year giving its section's title, template and rows.
DASHBOARD_SECTIONS: list[Callable[[int], dict[str, Any]]] = []


class WorkflowViewsMixin(BudgetPagesAdmin):
    """Adds the workflow pages and the bulk publication action to BudgetAdmin."""

    actions = ["publish_selected"]

    def workflow_urls(self):
        view = self.admin_site.admin_view
        return [
            path("dashboard/", view(self.dashboard_view), name="budget_budget_dashboard"),
            path("publish/", view(self.publish_many_view), name="budget_budget_publish_many"),
            path("<path:object_id>/checks/", view(self.checks_view), name="budget_budget_checks"),
            path("<path:object_id>/review/", view(self.review_view), name="budget_budget_review"),
            path("<path:object_id>/workflow/<str:action>/", view(self.action_view), name="budget_budget_action"),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The budget's page, with the workflow buttons this user may use now."""
        budget = self.get_object(request, object_id)
        actions = workflow.available_actions(budget, request.user) if budget else []
        last_change = budget.status_changes.first() if budget else None
        extra = {"workflow_actions": [(name, ACTIONS[name][1]) for name in actions],
                 "can_review": access.is_reviewer(request.user), "last_change": last_change}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def view_on_site(self, budget):
        """The admin's "在站点上查看" link: the public page where there is one (a version was published), else none,
        so that a draft never links to a 404."""
        return budget.get_absolute_url() if budget.versions.exists() else None

    def page(self, request, template, budget, **context):
        return TemplateResponse(request, template, {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": budget,
            "budget": budget, "title": context.pop("title", str(budget)), **context,
        })

    def checks_view(self, request, object_id):
        """Run the checks; while the budget is editable, warnings are explained here, and the budget is submitted
        from here once nothing blocks it."""
        budget = self.viewable_budget(request, object_id)
        findings = checks.run(budget)
        editable = budget.is_editable_by(request.user)
        if request.method == "POST" and editable:
            keys = [(finding.rule, finding.target) for finding in findings]
            saved = checks.save_explanations(
                budget, request.user, findings,
                texts={key: request.POST.get("explain:{}:{}".format(*key), "") for key in keys},
                confirmed={key for key in keys if request.POST.get("keep:{}:{}".format(*key))},
            )
            messages.success(request, f"已保存{saved}条警告说明。" if saved else "警告说明没有改动。")
            return redirect(reverse("admin:budget_budget_checks", args=[budget.pk]))
        checks.record(budget, request.user, findings)
        places = Places(budget)
        rows = [(item, places.of(item.finding)) for item in checks.explanations(budget, findings)]
        return self.page(request, "admin/budget/budget/checks.html", budget, title=f"审核：{budget}",
                         rows=rows, editable=editable,
                         blocking=checks.blocking(budget, findings),
                         may_submit="submit" in workflow.available_actions(budget, request.user))

    def action_view(self, request, object_id, action):
        """Confirm and carry out one transition of the workflow (posted from its confirmation page, the checks
        page or the review page, where it returns to). Refused, a decision posted from the review page shows that
        page again with the reason and what was typed: the reviewer decides there, not on the confirmation page."""
        budget = self.viewable_budget(request, object_id)
        if action not in ACTIONS:
            raise Http404
        service, label, text_label, required = ACTIONS[action]
        text = request.POST.get("text", "") if request.method == "POST" else ""
        from_review = request.POST.get("next") == "review" and access.may_see_dashboard(request.user)
        if action not in workflow.available_actions(budget, request.user):
            messages.error(request, f"当前状态（{budget.get_status_display()}）下您不能{label}。")
            if from_review:
                return self.review_page(request, budget, text)
            return redirect(reverse("admin:budget_budget_change", args=[budget.pk]))
        if request.method == "POST":
            try:
                service(budget, request.user, text)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
                if from_review:
                    return self.review_page(request, budget, text)
            else:
                messages.success(request, DONE_MESSAGES.get(action, f"已{label}：{{}}。").format(budget))
                return redirect(reverse(f"admin:budget_budget_{'review' if from_review else 'change'}", args=[budget.pk]))
        return self.page(request, "admin/budget/budget/action.html", budget, title=f"{label}：{budget}",
                         action=action, label=label, text_label=text_label, required=required, text=text)

    def review_view(self, request, object_id):
        """For the bureau, everything to decide on from one page: the checks with the accountant's explanations,
        what changed since the last submission and since last year's published budget, and the decision."""
        if not access.may_see_dashboard(request.user):
            raise PermissionDenied
        return self.review_page(request, self.viewable_budget(request, object_id))

    def review_page(self, request, budget, text=""):
        """The review page of a budget this reviewer may see; text: the decision's comment as typed."""
        doc = document.build(budget)
        current = document.snapshot(doc)
        submissions = list(budget.status_changes.filter(to_status=Budget.Status.SUBMITTED).exclude(snapshot=None))
        if submissions and budget.status in (Budget.Status.SUBMITTED, Budget.Status.APPROVED):
            submissions = submissions[1:]  # the newest is the one under review
        last_year = doc.prior_version
        previous = submissions[0].snapshot if submissions else None
        # Last year as published: its tables, and its open data's texts and projects (no procurement or assets).
        published = {"tables": last_year.tables, **(last_year.data or {})} if last_year else None
        since_submission = diff.table_changes(previous["tables"], current["tables"]) if previous else []
        submission_sections = diff.document_changes(previous, current, TEXT_LABELS) if previous else []
        return self.page(
            request, "admin/budget/budget/review.html", budget, title=f"审核：{budget}",
            findings=checks.explanations(budget, checks.run(budget, doc)),
            previous=submissions[0] if submissions else None,
            since_submission=since_submission, submission_sections=submission_sections,
            same_as_submitted=diff.unchanged(since_submission, submission_sections),
            last_year=last_year,
            since_last_year=diff.table_changes(last_year.tables, current["tables"]) if last_year else [],
            last_year_sections=diff.document_changes(published, current, TEXT_LABELS) if published else [],
            actions=[(name, ACTIONS[name][1]) for name in workflow.available_actions(budget, request.user)],
            log=budget.status_changes.select_related("user"), text=text,
        )

    @admin.action(description="公开所选的已审核预算")
    def publish_selected(self, request, queryset):
        """The changelist's bulk publication: confirm on the bulk publication page."""
        return self.publish_many_page(request, queryset.select_related("department"))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not access.may_publish(request.user):
            actions.pop("publish_selected", None)
        return actions

    def publish_many_view(self, request):
        """Publish many budgets with one action: GET lists a year's approved ones to confirm, POST publishes."""
        if not access.may_publish(request.user):
            raise PermissionDenied
        budgets = self.get_queryset(request).select_related("department")
        if request.method == "POST":
            ticked = budgets.filter(pk__in=[pk for pk in request.POST.getlist("budget") if pk.isdigit()])
            chosen = list(ticked.order_by("department__code"))
            if not chosen:
                messages.error(request, "请至少选择一个预算。")
                return redirect(request.get_full_path())
            batch, refused = workflow.publish_many(chosen, request.user, request.POST.get("text", ""))
            queued = len(chosen) - len(refused)
            if queued:
                messages.success(request, f"已提交公开{queued}个预算，PDF生成后逐个公开，进度见下方。")
            for budget, message in refused:
                messages.error(request, f"未公开 {budget}：{message}")
            return redirect(f"{reverse('admin:budget_budget_dashboard')}?year={chosen[0].year}")
        year = requested_year(request.GET.get("year"), timezone.localdate().year)
        return self.publish_many_page(request, budgets.filter(year=year, status=Budget.Status.APPROVED))

    def publish_many_page(self, request, budgets):
        corrected = set(PublishedVersion.objects.filter(budget__in=budgets).values_list("budget_id", flat=True))
        rows = [(budget, budget.status == Budget.Status.APPROVED, budget.pk in corrected)
                for budget in budgets.order_by("year", "department__code")]
        return TemplateResponse(request, "admin/budget/budget/publish_many.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": "批量公开",
            "rows": rows, "publishable": sum(ok for _, ok, _ in rows),
        })

    def dashboard_view(self, request):
        """For the bureau: every department of a year with status, checks, dates and the publication deadline."""
        if not access.may_see_dashboard(request.user):
            raise PermissionDenied
        years = list(Budget.objects.values_list("year", flat=True).distinct().order_by("-year"))
        year = requested_year(request.GET.get("year"), pending_year() or (years[0] if years else timezone.localdate().year))
        rows = dashboard_rows(year)
        batches = publication.recent_batches()
        worker_seen = publication.worker_last_seen()
        status = request.GET.get("status", "")
        if status:
            rows = [row for row in rows if row["status"] == status]
        if request.GET.get("overdue"):
            rows = [row for row in rows if row["overdue"]]
        return TemplateResponse(request, "admin/budget/budget/dashboard.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": f"{year}年部门预算审核",
            "year": year, "years": years, "rows": rows, "status": status, "statuses": Budget.Status.choices,
            "overdue": bool(request.GET.get("overdue")), "publication_days": workflow.PUBLICATION_DAYS,
            "queue_length": publication.queue_length(), "batches": batches,
            "worker_seen": worker_seen, "worker_missing": publication.worker_missing(worker_seen),
            "approved": sum(row["status"] == Budget.Status.APPROVED for row in rows),
            "other_sections": [section(year) for section in DASHBOARD_SECTIONS],
        })


def pending_year():
    """The newest year with a budget awaiting the bureau (submitted, or approved and not yet published), or None."""
    pending = Budget.objects.filter(status__in=(Budget.Status.SUBMITTED, Budget.Status.APPROVED))
    return pending.aggregate(year=Max("year"))["year"]


def requested_year(text, default):
    """The year a ?year= parameter names, the default when it is empty; 404 unless it is a four-digit year."""
    if not text:
        return default
    if not re.fullmatch(r"[0-9]{4}", text):
        raise Http404("年份无效。")
    return int(text)


def dashboard_rows(year):
    """One row per top-level department: its budget of the year (if any) and where it stands (5 queries)."""
    changes = StatusChange.objects.filter(budget=OuterRef("pk"))
    latest_check = CheckRun.objects.filter(budget=OuterRef("pk")).order_by("-at", "-pk")
    budgets = Budget.objects.filter(year=year).annotate(
        submitted_at=Subquery(changes.filter(to_status="submitted").order_by("-at").values("at")[:1]),
        approved_at=Subquery(changes.filter(to_status="approved").order_by("-at").values("at")[:1]),
        last_published_at=Max("versions__published_at", filter=Q(versions__state=PublishedVersion.State.PUBLIC)),
        check_errors=Subquery(latest_check.values("errors")[:1]),
        check_warnings=Subquery(latest_check.values("warnings")[:1]),
    )
    by_department = {budget.department_id: budget for budget in budgets}
    pending = {version.budget_id: version for version in PublishedVersion.all_states.filter(budget__year=year).exclude(
        state=PublishedVersion.State.PUBLIC)}
    rows = []
    for department in Department.objects.filter(Q(parent=None)).order_by("code"):
        budget = by_department.get(department.pk)
        days_left = None
        if budget and budget.status == Budget.Status.APPROVED and budget.approved_at:
            days_left = workflow.deadline(budget.approved_at)
        rows.append({
            "department": department,
            "budget": budget,
            "status": budget.status if budget else "",
            "pending": pending.get(budget.pk) if budget else None,
            "days_left": days_left,
            "overdue": days_left is not None and days_left < 0,
            "days_overdue": -days_left if days_left is not None and days_left < 0 else 0,
        })
    return rows
