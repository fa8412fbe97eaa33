"""Published pages and files carry ETag and Last-Modified and answer conditional GETs with 304; cached
public pages cost one cache round trip, and the next publication drops them all."""

import io
import zipfile
from unittest.mock import patch

import pytest
from django.core.cache import cache, caches

from budget import caching
from budget.exchange import exports
from budget.models import Budget, PublishedVersion
from budget.samples.synthetic import publish
from portal import views
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


def keys_stored(client, urls):
    """The keys of the shared cache that requests of the urls (redirects followed) write, on an empty cache."""
    cache.clear()
    caches["local"].clear()
    with patch.object(caching, "cache", wraps=caching.cache) as shared:
        for url in urls:
            assert client.get(url, follow=True).status_code in (200, 404)
    return {call.args[0] for call in shared.set.call_args_list if call.args[0] != caching.GENERATION_KEY}


def test_query_strings_and_addresses_a_crawler_invents_do_not_fill_the_shared_cache(client, demo_budget):
    pages = ["/", "/budgets/2024/", "/budgets/2024/?sort=-code", "/budgets/2024/?sort=-code&page=1"]
    invented = [url for n in range(10) for url in (
        f"/?utm_source={n}", f"/?year=20{n}", f"/?q=网信{n}",  # a search is not cached
        f"/budgets/2024/?utm_source={n}", f"/budgets/2024/?page=1&sort=-code&x={n}",
        f"/budgets/2024/?sort=-code&page=0{n}", f"/budgets/2024/?page={n + 2}",  # past the last page: 404
        f"/budgets/2024/X{n}/", f"/budgets/20{n}/224/budget.json",  # nothing there
    )]

    assert len(keys_stored(client, pages)) == 5  # the years, the index, and the three listings' pages
    assert keys_stored(client, pages + invented) == keys_stored(client, pages)


def test_an_invented_query_string_is_redirected_to_the_pages_own(client, demo_budget):
    response = client.get("/budgets/2024/?x=1&page=1&sort=-code")
    assert response.status_code == 301 and response.url == "/budgets/2024/?sort=-code&page=1"
    assert client.get("/budgets/2024/?page=1&sort=-code").status_code == 200  # the links' order is theirs
    assert client.get("/sitemap.xml?p=1&x=1").url == "/sitemap.xml?p=1"
