"""The self-evaluation's page, PDF and open data cost the same number of queries for one project as for many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import Budget
from budget.samples import demo, synthetic
from performance import report


def queries(render, budget):
    budget = Budget.objects.get(pk=budget.pk)  # as a view gets it: nothing of it loaded yet
    with CaptureQueriesContext(connection) as captured:
        render(budget)
    return len(captured)


def test_queries_do_not_grow_with_projects_or_targets(db):
    small = synthetic.create_budget("801", lines=10, projects=1, indicators=1)
    large = synthetic.create_budget("802", lines=200, projects=25, indicators=8)
    for budget in (small, large):
        demo.evaluate_projects(budget)

    for render in (report.html, report.pdf, report.open_data_csv, report.open_data_json):
        assert queries(render, small) == queries(render, large), render.__name__
    assert queries(report.html, large) <= 5  # the budget's department, its lines, projects, indicators
