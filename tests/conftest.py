import os
from decimal import Decimal
from unittest.mock import patch

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import sync_playwright

from budget import access, demo, pdf, subjects, workflow
from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject, PublishedVersion
from budget.synthetic import publish
from departments.models import Department
from performance.models import PerformanceIndicator, Project


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: cached public pages must not leak from one test to another."""
    for each in caches.all():
        each.clear()


@pytest.fixture(scope="session")
def demo_pdf_bytes(django_db_setup, django_db_blocker):
    """The demo's published PDF, rendered once for the whole session (the demo's data never varies)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load()
        content = PublishedVersion.objects.get(budget__department__code="224").pdf.read()
        transaction.set_rollback(True)
    return content


@pytest.fixture
def demo_budget(db, demo_pdf_bytes):
    """The reference budget (224, 2024), loaded and published as `load_demo` does."""
    with patch.object(pdf, "render", return_value=demo_pdf_bytes):
        demo.load()
    return Budget.objects.get(department__code="224", year=2024)


@pytest.fixture
def reopened_demo(demo_budget):
    """The demo reopened for a correction: editable again, while its version 1 stays public."""
    Budget.objects.filter(pk=demo_budget.pk).update(status=Budget.Status.RETURNED)
    demo_budget.refresh_from_db()
    return demo_budget



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


def department_list(tmp_path, *rows, encoding="gbk"):
    """A department list file for `import_departments`, with its header and these CSV rows; its path."""
    path = tmp_path / "departments.csv"
    header = "部门编码,部门名称,上级部门编码,单位性质,单位规格,经费保障形式"
    path.write_bytes("\r\n".join([header, *rows]).encode(encoding))
    return str(path)


def persona(username, group, *departments):
    """A staff user in a role group, belonging to the departments."""
    user = get_user_model().objects.create_user(username, password="x-secret-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    for department in departments:
        department.members.add(user)
    return user


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


def correct(budget, reviewer, reason):
    """Publish a correction of a published budget, as a reviewer does: reopen, approve, publish."""
    workflow.reopen(budget, reviewer, reason)
    return publish(Budget.objects.get(pk=budget.pk), reviewer, reason)


def logged_in(client, user):
    client.force_login(user)
    return client


def complete_budget(budget):
    """Fill a budget so that it passes every check: texts, a basic line, a project with its indicators."""
    budget.duties = "负责测试工作。"
    budget.running_cost_uses = "日常运行支出"
    budget.overall_goal = "完成年度工作任务。"
    budget.save()
    make_line(budget, "2013301", "30101", "100000.00")
    project = Project.objects.create(
        budget=budget, code="P001", name=f"{budget.year}年测试项目", purpose="测试用途", goal="完成测试。", position=1,
        plan_march=25, plan_june=50, plan_october=75, plan_december=100,
    )
    make_line(budget, "2013301", "30227", "50000.00", kind="project", project=project)
    for position, (level1, level2, target) in enumerate([
        ("output", "quantity", {"comparator": "≥", "target_number": 5, "target_unit": "次"}),
        ("output", "cost", {"comparator": "≤", "target_number": 5, "target_unit": "万元"}),
        ("effect", "social", {"target_text": "群众满意"}),
        ("satisfaction", "beneficiary_satisfaction", {"comparator": "≥", "target_number": 90, "target_unit": "%"}),
    ]):
        PerformanceIndicator.objects.create(project=project, level1=level1, level2=level2, name=f"指标{position}",
                                            target_basis="工作计划", position=position, **target)
    return budget


def database_state(budget):
    """Everything an import may replace, as plain values, to compare before and after."""
    return (
        list(budget.lines.order_by("pk").values()),
        list(Project.objects.filter(budget=budget).order_by("pk").values()),
        list(PerformanceIndicator.objects.filter(project__budget=budget).order_by("pk").values()),
        list(budget.procurement_items.order_by("pk").values()),
        list(budget.asset_holdings.order_by("pk").values()),
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("bureau-admin", password="x-secret-password")


@pytest.fixture
def admin_session(client, superuser):
    client.force_login(superuser)
    return client


def make_line(budget, function_code="2013301", economic_code="30101", amount="100.00", **fields):
    """A saved, validated line of the budget, found by codes in the budget's year."""
    line = BudgetLine(
        budget=budget,
        function_subject=FunctionSubject.for_code(budget.year, function_code),
        economic_subject=EconomicSubject.for_code(budget.year, economic_code),
        kind=fields.pop("kind", "basic"),
        source=fields.pop("source", "general_budget"),
        amount=Decimal(amount),
        **fields,
    )
    line.full_clean()
    line.save()
    return line


SUBMIT_TYPES = {"submit", "button", "image", "reset", "file"}


def form_data(html, form_id):
    """What a browser would post for the form: each named input, select and textarea with its rendered value."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, f"no <form id={form_id!r}> on the page"
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "input":
            kind = (field.get("type") or "text").lower()
            if kind in SUBMIT_TYPES:
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
                continue
            data[name] = field.get("value", "")
        elif field.name == "textarea":
            # Browsers drop the newline that Django puts right after <textarea>.
            data[name] = field.text.removeprefix("\r\n").removeprefix("\n")
        else:
            options = field.find_all("option")
            selected = [option for option in options if option.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = [option.get("value", option.text) for option in selected]
            else:
                chosen = selected[-1] if selected else (options[0] if options else None)
                if chosen is not None:
                    data[name] = chosen.get("value", chosen.text)
    return data


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def html_tables(html):
    """Each budget table on a page, by number: its title, meta lines and every row's cell texts."""
    soup = BeautifulSoup(html, "html.parser")
    tables = {}
    for section in soup.select("section.budget-table"):
        number = int(section["id"].removeprefix("table-"))
        note = section.select_one("p.note")
        tables[number] = {
            "title": section.h2.get_text(strip=True),
            "meta": [span.get_text(strip=True) for span in section.select("p.table-meta span")],
            "rows": [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in section.select("tr")],
            "note": note.get_text(strip=True) if note else "",
        }
    return tables


def page_soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def table_grid(table):
    """A table's body rows as text, with each row- or column-spanning cell repeated in every place it covers."""
    grid, pending = [], {}  # pending: column -> (text, rows still to cover)
    for tr in table.select("tbody tr"):
        row, cells, column = [], iter(tr.find_all(["td", "th"])), 0
        while True:
            if column in pending:
                text, left = pending.pop(column)
                if left > 1:
                    pending[column] = (text, left - 1)
                row.append(text)
                column += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text = cell.get_text(strip=True)
            for _ in range(int(cell.get("colspan", 1))):
                if int(cell.get("rowspan", 1)) > 1:
                    pending[column] = (text, int(cell["rowspan"]) - 1)
                row.append(text)
                column += 1
        grid.append(row)
    return grid


# ---------------------------------------------------------------------------------------------- browser

CHROMIUM = "/usr/bin/chromium"  # Debian's (`make test` installs it as root); never `playwright install`
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def new_page(live_server):
    """Open a page in a fresh browser context (its own cookies, as one person's browser), in Chinese.

    Chromium starts with the first page, so write to the database *before* opening one. While Playwright's
    sync API runs, it keeps its asyncio event loop marked as running in this thread, and Django then takes
    the test for async code: ORM calls raise SynchronousOnlyOperation, and `django.db.connections`, which
    is context-local under a running loop, hands out a new connection instead of the test database's own,
    which holds the snapshot serialized_rollback restores (setting DJANGO_ALLOW_ASYNC_UNSAFE would silence
    the first and not fix the second). The live server answers from its own thread, unaffected. Chromium
    stops at the end of the test, before the database is flushed.
    """
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}: the browser tests need it. Run `make test` as root "
                    f"(it installs Debian's chromium) or `apt-get install chromium`.", pytrace=False)
    playwright = browser = None

    def open_page():
        nonlocal playwright, browser
        if browser is None:
            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="zh-CN", accept_downloads=True)
        context.set_default_timeout(10_000)
        return context.new_page()

    yield open_page
    if browser is not None:
        browser.close()
        playwright.stop()
