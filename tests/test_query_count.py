"""Building a budget's document costs the same number of queries for 10 lines as for 2,000 (and 1 project
as for 40); the public page, served from the frozen version, costs a few."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.samples import synthetic
from tests.pages import change_url


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_document_queries_do_not_grow_with_lines_or_projects(admin_session):
    small = synthetic.create_budget("801", lines=10, projects=1, indicators=1)
    large = synthetic.create_budget("802", lines=2000, projects=40, indicators=10)

    def preview(budget):
        return queries_for(admin_session, f"/admin/budget/budget/{budget.pk}/preview/")

    assert preview(small) == preview(large)


def test_public_page_is_a_few_queries_and_none_once_cached(client, demo_budget):
    assert queries_for(client, "/budgets/2024/224/") <= 5
    assert queries_for(client, "/budgets/2024/224/") == 0


def test_a_budgets_staff_page_costs_the_same_queries_for_10_lines_as_for_200(admin_session):
    small = synthetic.create_budget("801", lines=10, projects=1, indicators=1)
    large = synthetic.create_budget("802", lines=200, projects=40, indicators=1)
    queries_for(admin_session, change_url(small))  # the first page of a session also reads what is then cached

    assert queries_for(admin_session, change_url(small)) == queries_for(admin_session, change_url(large))
