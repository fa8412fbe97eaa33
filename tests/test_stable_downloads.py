"""Every public download of a published version is the same bytes each time it is built: its ETag can
only stay while its content does. Workbooks and zips carry the publication's time, not the time of the
request."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.cache import caches
from django.utils import timezone
from openpyxl import load_workbook

from budget.exchange import exports
from tests.pages import DEMO_DOWNLOADS

# The tests read the demo, loaded once for the module, on one worker (tests/conftest.py).
pytestmark = [pytest.mark.usefixtures("demo_for_the_module"), pytest.mark.xdist_group("stable_downloads")]


def download(client, url):
    """The file as a request that finds nothing cached builds it."""
    for each in caches.all():
        each.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response.getvalue()


@pytest.mark.parametrize("url", DEMO_DOWNLOADS)
def test_two_downloads_are_the_same_bytes(client, demo_budget, url):
    assert download(client, url) == download(client, url)


def test_the_workbook_is_dated_by_the_publication_and_names_the_platform(client, demo_budget):
    published_at = demo_budget.current_version().published_at
    content = download(client, "/budgets/2024/224/tables.xlsx")

    properties = load_workbook(io.BytesIO(content)).properties
    assert properties.creator == exports.CREATOR
    assert properties.created == properties.modified == published_at.astimezone(dt.UTC).replace(
        tzinfo=None, microsecond=0)
    assert entry_times(content) == {zip_time(published_at)}


def test_the_years_zip_is_dated_by_its_latest_publication(client, demo_budget):
    published_at = demo_budget.current_version().published_at

    assert entry_times(download(client, "/budgets/2024/open-data.zip")) == {zip_time(published_at)}


def entry_times(content):
    """The times a zip's entries carry."""
    return {info.date_time for info in zipfile.ZipFile(io.BytesIO(content)).infolist()}


def zip_time(moment):
    """A local time as a zip entry keeps it: to the even second below."""
    year, month, day, hour, minute, second = timezone.localtime(moment).timetuple()[:6]
    return year, month, day, hour, minute, second - second % 2
