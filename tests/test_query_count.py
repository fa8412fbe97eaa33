"""A budget page costs the same number of queries for 10 lines as for 2,000 (and 1 project as for 40)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget import synthetic


def queries_for_page(client, budget):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(budget.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_lines_or_projects(client, db):
    small = synthetic.create_budget("801", lines=10, projects=1, indicators=1)
    large = synthetic.create_budget("802", lines=2000, projects=40, indicators=10)

    assert queries_for_page(client, small) == queries_for_page(client, large) <= 12
