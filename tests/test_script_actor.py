"""Management commands act as access.COMMAND_LINE, said explicitly: it passes the role checks, never the
status rules, and is recorded as no user; an actor of None is refused instead of meaning "trusted"."""

import pytest
from django.core.exceptions import ValidationError

from budget import access, workflow
from budget.exchange import entry_workbook, imports
from budget.models import Budget
from tests.factories import complete_budget


def test_a_service_called_without_an_actor_refuses(draft_budget):
    complete_budget(draft_budget)

    with pytest.raises(TypeError):
        workflow.submit(draft_budget, None)
    with pytest.raises(TypeError):
        imports.import_budget(draft_budget, "entry.xlsx", entry_workbook.workbook(draft_budget), None)

    assert Budget.objects.get(pk=draft_budget.pk).status == Budget.Status.DRAFT


def test_the_command_line_is_held_to_the_status_rules(draft_budget):
    complete_budget(draft_budget)
    Budget.objects.filter(pk=draft_budget.pk).update(status=Budget.Status.SUBMITTED)
    draft_budget.refresh_from_db()

    with pytest.raises(ValidationError, match="只能导入草稿或已退回的预算"):
        imports.import_budget(draft_budget, "entry.xlsx", entry_workbook.workbook(draft_budget), access.COMMAND_LINE)
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(draft_budget, access.COMMAND_LINE)


def test_the_command_lines_steps_are_logged_without_a_user(draft_budget):
    complete_budget(draft_budget)

    workflow.submit(draft_budget, access.COMMAND_LINE)

    change = draft_budget.status_changes.get()
    assert (change.to_status, change.user) == (Budget.Status.SUBMITTED, None)
