import io
from unittest.mock import patch

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection, transaction
from pypdf import PdfReader

from budget import access, pdf
from budget.exchange import subjects
from budget.models import Budget, EconomicSubject, FunctionSubject, PublishedVersion
from budget.samples import demo
from budget.samples.synthetic import make_line, publish
from departments.models import Department
from performance.models import IndicatorEvaluation, ProjectEvaluation
from tests.factories import PASSWORD, fake_pdf, persona


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: cached public pages must not leak from one test to another."""
    for each in caches.all():
        each.clear()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (--dist loadgroup, pytest.ini)
def pytest_collection_modifyitems(items):
    """The tests that render with WeasyPrint run on one worker: WeasyPrint starts once, the demo's real PDF is
    rendered once (demo_pdf_bytes) and its text extracted once (demo_pdf_page_texts). A test of the demo's PDF
    is marked as using the database: unmarked and run alone, it found no test database and loaded the demo
    into the development one (rolled back, but leaving an empty db.sqlite3 where there was none)."""
    for item in items:
        if item.get_closest_marker("real_pdf"):
            item.add_marker(pytest.mark.xdist_group("real_pdf"))
        if "demo_pdf_bytes" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def pdf_renderer(request):
    """A fake PDF renderer (tests.factories.fake_pdf), unless the test is marked real_pdf: WeasyPrint takes
    seconds a document, and only the tests that read a PDF back need its pages."""
    if request.node.get_closest_marker("real_pdf"):
        yield
        return
    assert "demo_pdf_bytes" not in request.fixturenames, "a test that reads the real PDF is marked real_pdf"
    with patch.object(pdf, "write", fake_pdf):
        yield


@pytest.fixture(scope="session")
def demo_pdf_bytes(django_db_setup, django_db_blocker):
    """The demo's published PDF, rendered for real once for the whole session (the demo's data never varies).

    A session fixture is set up before the test's database is ready: after a transactional test's flush it
    finds the tables empty, so it puts back what the migrations loaded (role groups, classification lists,
    glossary) from the snapshot serialized_rollback keeps, and rolls all of it back afterwards.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        snapshot = getattr(connection, "_test_serialized_contents", None)
        if snapshot and not Group.objects.exists():
            connection.creation.deserialize_db_from_string(snapshot)
        demo.load()
        content = PublishedVersion.objects.get(budget__department__code="224").pdf.read()
        transaction.set_rollback(True)
    return content


@pytest.fixture(scope="session")
def demo_pdf_page_texts(demo_pdf_bytes):
    """The text of each page of the demo's real PDF, as pypdf extracts it (a second for the whole document)."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(demo_pdf_bytes)).pages]


@pytest.fixture(scope="module")
def demo_for_the_module(django_db_setup, django_db_blocker):
    """The demo loaded once for all the tests of a module that asks for it (`pytest.mark.usefixtures`), as
    Django's setUpTestData does: each test's transaction is then a savepoint inside this one, so what a test
    changes is undone and the demo stays for the next. Only for a module whose tests all read the demo or
    are indifferent to it (each finds it there), none of them transactional."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with patch.object(pdf, "write", fake_pdf):
            demo.load()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo_budget(request, db):
    """The reference budget (224, 2024), loaded and published as `load_demo` does; with the demo's real PDF
    in a real_pdf test."""
    if "demo_for_the_module" in request.fixturenames:
        pass  # loaded already, and still as loaded: tests' changes are rolled back
    elif request.node.get_closest_marker("real_pdf"):
        with patch.object(pdf, "write", return_value=request.getfixturevalue("demo_pdf_bytes")):
            demo.load()
    else:
        demo.load()
    return Budget.objects.get(department__code="224", year=2024)


@pytest.fixture
def reopened_demo(demo_budget):
    """The demo reopened for a correction before its projects were evaluated (its sample self-evaluation
    removed): editable again, while its version 1 stays public."""
    IndicatorEvaluation.objects.filter(indicator__project__budget=demo_budget).delete()
    ProjectEvaluation.objects.filter(project__budget=demo_budget).delete()
    Budget.objects.filter(pk=demo_budget.pk).update(status=Budget.Status.RETURNED)
    demo_budget.refresh_from_db()
    return demo_budget


@pytest.fixture
def two_years(demo_budget, subjects_2023):
    """The demo department's 2023 budget too, with a code the 2024 budget no longer has."""
    earlier = Budget.objects.create(department=demo_budget.department, year=2023)
    make_line(earlier, "2013301", "30101", "1500000.00")
    make_line(earlier, "2080505", "30108", "200000.00")
    make_line(earlier, "2010301", "30201", "50000.00")
    return publish(earlier)


@pytest.fixture
def department(db):
    return Department.objects.create(code="301", name="鹿泉区测试局", nature="行政", rank="正科级", funding_form="财政拨款")


@pytest.fixture
def subjects_2023(db):
    """The starter classification lists for 2023 (the migration loads 2024 onwards)."""
    subjects.load_starter(FunctionSubject, "function", 2023)
    subjects.load_starter(EconomicSubject, "economic", 2023)


@pytest.fixture
def draft_budget(department):
    """An empty draft budget of the test department for 2024."""
    return Budget.objects.create(department=department, year=2024)


@pytest.fixture
def other_department(db):
    return Department.objects.create(code="302", name="鹿泉区另一局", nature="行政")


@pytest.fixture
def accountant(department):
    """An accountant of the test department (A)."""
    return persona("kuaiji-a", access.ACCOUNTANT, department)


@pytest.fixture
def other_accountant(other_department):
    """An accountant of another department (B), who must be refused everything of A's."""
    return persona("kuaiji-b", access.ACCOUNTANT, other_department)


@pytest.fixture
def reviewer(db):
    """A reviewer of the finance bureau."""
    return persona("shenhe", access.REVIEWER)


@pytest.fixture
def demo_reviewer(demo_budget):
    """The reviewer the demo creates (the reviewer persona's user name, so not both in one test)."""
    return get_user_model().objects.get(username="shenhe")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("bureau-admin", password=PASSWORD)


@pytest.fixture
def admin_session(client, superuser):
    client.force_login(superuser)
    return client


# ---------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium():
    """The session's Chromium (tests.browser.Chromium), started with the first page a test opens."""
    from tests.browser import Chromium  # Playwright is loaded by the browser tests only

    browser = Chromium()
    yield browser
    browser.stop()


@pytest.fixture
def new_page(live_server, chromium):
    """Open a page of the live server in a fresh browser context (tests.browser.Pages): write to the database
    *before* opening one (see tests.browser.Chromium). The pages close at the end of the test, before the
    database is flushed."""
    from tests.browser import Pages

    pages = Pages(chromium, live_server.url)
    yield pages
    pages.close()


@pytest.fixture
def demo_final_accounts(demo_budget):
    """The demo's final accounts as `load_demo` loads them: the reference's (上海市普陀区财政局 2024) and the sample ones
    of the demo budget's department, each published through the workflow."""
    from final_accounts.models import FinalAccounts
    from final_accounts.samples import demo as final_accounts_demo

    final_accounts_demo.load()
    return FinalAccounts.objects.get(department__code=final_accounts_demo.putuo.DEPARTMENT["code"], year=2024)
