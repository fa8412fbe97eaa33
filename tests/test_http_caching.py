"""Published pages and files carry ETag and Last-Modified and answer conditional GETs with 304; cached
public pages cost one cache round trip, and the next publication drops them all."""

import io
import zipfile
from unittest.mock import patch

import pytest
from django.core.cache import cache, caches

from budget import caching
from budget.exchange import exports
from portal import views
from budget.models import Budget, PublishedVersion
from budget.samples.synthetic import publish
from tests.factories import complete_budget, correct
from tests.pages import DEMO_DOWNLOADS

# The tests read the demo, loaded once for the module, on one worker (tests/conftest.py).
pytestmark = [pytest.mark.usefixtures("demo_for_the_module"), pytest.mark.xdist_group("http_caching")]

PAGE = "/budgets/2024/224/"


@pytest.mark.parametrize("url", [PAGE, *DEMO_DOWNLOADS])
def test_published_page_and_files_answer_a_conditional_get_with_304(client, demo_budget, url):
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert set(first["Cache-Control"].split(", ")) == {"public", "no-cache"}  # kept, but asked for each time

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_a_correction_invalidates_the_cached_page_and_changes_its_etag(client, demo_budget, demo_reviewer):
    etag = client.get(PAGE)["ETag"]

    correct(demo_budget, demo_reviewer, "更正项目名称")

    after = client.get(PAGE, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert "更正项目名称" in after.content.decode()


def test_a_correction_changes_the_current_pdfs_etag_but_not_the_first_versions(client, demo_budget, demo_reviewer):
    current, first = client.get("/budgets/2024/224/pdf/")["ETag"], client.get("/budgets/2024/224/v1/pdf/")["ETag"]

    correct(demo_budget, demo_reviewer, "更正项目名称")

    assert client.get("/budgets/2024/224/pdf/", HTTP_IF_NONE_MATCH=current).status_code == 200
    assert client.get("/budgets/2024/224/v1/pdf/", HTTP_IF_NONE_MATCH=first).status_code == 304


def test_a_publication_shows_at_once_in_the_cached_listings(client, demo_budget, department):
    assert "鹿泉区测试局" not in client.get("/").content.decode()
    assert "鹿泉区测试局" not in client.get("/budgets/2024/").content.decode()

    publish(complete_budget(Budget.objects.create(department=department, year=2024)))

    assert "鹿泉区测试局" in client.get("/").content.decode()
    assert "鹿泉区测试局" in client.get("/budgets/2024/").content.decode()


def test_the_years_bundle_is_built_once_until_the_next_publication(client, demo_budget, department):
    bundle = "/budgets/2024/open-data.zip"
    with patch.object(exports, "year_bundle", wraps=exports.year_bundle) as build:
        first = client.get(bundle).content
        assert client.get(bundle).content == first and build.call_count == 1

        publish(complete_budget(Budget.objects.create(department=department, year=2024)))

        assert "301/budget.json" in zipfile.ZipFile(io.BytesIO(client.get(bundle).content)).namelist()
        assert build.call_count == 2


def test_a_cached_page_costs_one_small_shared_cache_read_and_no_query(client, demo_budget,
                                                                     django_assert_num_queries):
    client.get(PAGE)

    with patch.object(cache, "get", wraps=cache.get) as shared_get, \
            patch.object(cache, "set", wraps=cache.set) as shared_set, django_assert_num_queries(0):
        assert client.get(PAGE).status_code == 200
    assert [call.args for call in shared_get.call_args_list] == [(caching.GENERATION_KEY,)]
    assert not shared_set.called


def test_a_page_another_app_server_built_is_taken_from_the_shared_cache(client, demo_budget):
    html = client.get(PAGE).content
    caches["local"].clear()  # as in a process that has not served the page yet

    with patch.object(views, "render_to_string") as render:
        assert client.get(PAGE).content == html
    assert not render.called


def test_a_publication_on_another_app_server_drops_this_processs_copy(client, demo_budget):
    client.get(PAGE)
    PublishedVersion.objects.filter(budget=demo_budget).update(html="<p>重新生成的页面</p>")
    assert "重新生成的页面" not in client.get(PAGE).content.decode()  # this process's copy

    caching.published_changed()  # as another server does in the shared cache

    assert "重新生成的页面" in client.get(PAGE).content.decode()


def test_a_cache_that_lost_the_publication_generation_trusts_nothing_stored_before(client, demo_budget):
    client.get(PAGE)
    PublishedVersion.objects.filter(budget=demo_budget).update(html="<p>重新生成的页面</p>")

    assert "重新生成的页面" not in client.get(PAGE).content.decode()  # still the cached page
    cache.delete(caching.GENERATION_KEY)
    assert "重新生成的页面" in client.get(PAGE).content.decode()
