"""An indicator's target is printed at the precision it was entered with: "≤71.00万元" stays 71.00 and "≤8.5万元"
stays 8.5, whether typed in the admin, read from a workbook or loaded again from the database; never the mix of
≤21.01万元, ≤8.5万元 and ≤71万元 that trailing zeros stripped one by one gave."""

from decimal import Decimal

import pytest

from budget.models import Project
from budget.samples.synthetic import make_line
from performance.models import PerformanceIndicator
from tests.factories import complete_budget, persona
from tests.pages import change_url, form_data, logged_in


@pytest.fixture
def project(draft_budget):
    project = Project.objects.create(budget=draft_budget, code="P1", name="测试项目", position=1)
    make_line(draft_budget, kind="project", project=project)
    return project


@pytest.mark.parametrize("entered", ["71.00", "8.5", "21.01", "71", "0.50"])
def test_a_target_prints_as_entered_also_once_stored(project, entered):
    indicator = PerformanceIndicator.objects.create(
        project=project, level1="output", level2="cost", name="成本", comparator="≤", target_basis="工作计划",
        target_number=Decimal(entered), target_unit="万元",
    )

    assert indicator.target == f"≤{entered}万元"
    assert PerformanceIndicator.objects.get(pk=indicator.pk).target == f"≤{entered}万元"


def test_a_target_typed_in_the_admin_keeps_its_decimals_when_the_row_is_saved_again(client, draft_budget):
    complete_budget(draft_budget)
    project = draft_budget.projects.get()
    accountant = persona("kuaiji-p", "部门会计", draft_budget.department)
    logged_in(client, accountant)
    url = change_url(project)
    cost = project.indicators.get(level2="cost")

    data = form_data(client.get(url).content.decode(), "project_form")
    row = next(key.removesuffix("-id") for key, value in data.items() if key.endswith("-id") and value == str(cost.pk))
    data[f"{row}-target_number"] = "71"
    assert client.post(url, data).status_code == 302
    assert PerformanceIndicator.objects.get(pk=cost.pk).target == "≤71万元"

    data = form_data(client.get(url).content.decode(), "project_form")  # shown as typed, not as stored (71.00)
    assert data[f"{row}-target_number"] == "71"
    data[f"{row}-name"] = "成本（改）"
    assert client.post(url, data).status_code == 302
    assert PerformanceIndicator.objects.get(pk=cost.pk).target == "≤71万元"
