"""A malformed year, code, version, table number or query parameter gets a 404, never a 500: on SQLite and
on PostgreSQL, which refuses a NUL character in a query."""

import pytest
from django.test import Client

# The tests read the demo, loaded once for the module, on one worker (tests/conftest.py).
pytestmark = [pytest.mark.usefixtures("demo_for_the_module"), pytest.mark.xdist_group("malformed_parameters")]

DASHBOARD = "/admin/budget/budget/dashboard/"

NOT_FOUND = [
    "/budgets/99999999999/",
    "/budgets/99999999999/224/",
    "/budgets/2024/224/v0/",
    "/budgets/2024/224/v99999999999/",
    "/budgets/2024/224/v99999999999/pdf/",
    "/budgets/2024/%00/",
    "/budgets/2024/224%00/",
    "/budgets/2024/%00/pdf/",
    "/budgets/2024/%00/tables.xlsx",
    "/budgets/2024/%00/tables/1.csv",
    "/budgets/2024/%00/budget.json",
    "/budgets/2024/%00/lines.csv",
    "/budgets/2024/%00/datapackage.json",
    "/budgets/2024/224/tables/0.json",
    "/budgets/2024/224/tables/10.csv",
    "/budgets/2024/224/tables/99999999999.csv",
    "/budgets/2024/224/tables/1.xml",
    "/budgets/99999999999/open-data.zip",
    "/budgets/%00/compare/",
    "/budgets/224/compare/?to=abc",
    "/budgets/224/compare/?to=%00",
    "/budgets/224/compare/?to=99999999999",
    "/budgets/224/compare/?from=99999999999999999999999999",
    "/?q=%00",
    "/sitemap.xml?p=99999",
]

# Parameters that a link or a form could leave stale: the page shows its default (the listings after a
# redirect to their own query string, tests/test_http_caching.py) rather than an error.
DEFAULTED = [
    "/sitemap.xml?p=abc",
    "/?year=abc",
    "/?year=99999999999",
    "/?year=%00",
    "/budgets/2024/?page=abc",
    "/budgets/2024/?page=99999999999999999999999",
    "/budgets/2024/?sort=bogus",
    "/budgets/2024/?sort=%00",
]


@pytest.fixture
def client_seeing_errors():
    """A client that receives the 500 page as a browser would, instead of the view's exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", NOT_FOUND)
def test_a_malformed_public_url_is_not_found(client_seeing_errors, demo_budget, url):
    assert client_seeing_errors.get(url).status_code == 404


@pytest.mark.parametrize("url", DEFAULTED)
def test_a_stale_listing_parameter_falls_back_to_the_default(client_seeing_errors, demo_budget, url):
    assert client_seeing_errors.get(url, follow=True).status_code == 200


@pytest.mark.parametrize("year", ["abc", "99999999999", "-1", "%00", "２０２４"])
def test_the_dashboard_answers_a_malformed_year_with_404(client_seeing_errors, demo_budget, demo_reviewer, year):
    client_seeing_errors.force_login(demo_reviewer)

    assert client_seeing_errors.get(f"{DASHBOARD}?year={year}").status_code == 404


def test_the_dashboard_shows_any_four_digit_year(client_seeing_errors, demo_budget, demo_reviewer):
    client_seeing_errors.force_login(demo_reviewer)

    assert client_seeing_errors.get(f"{DASHBOARD}?year=2030").status_code == 200
    assert client_seeing_errors.get(f"{DASHBOARD}?year=").status_code == 200


@pytest.mark.parametrize("page", ["checks/", "review/", "preview/", "preview/pdf/", "workbook/", "entry-workbook/",
                                  "import/", "workflow/submit/", "workflow/bogus/"])
@pytest.mark.parametrize("object_id", ["abc", "99999999999999999999", "%00"])
def test_a_malformed_id_of_a_budgets_admin_page_is_not_found(client_seeing_errors, demo_budget, demo_reviewer,
                                                             page, object_id):
    client_seeing_errors.force_login(demo_reviewer)

    assert client_seeing_errors.get(f"/admin/budget/budget/{object_id}/{page}").status_code == 404
