from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from budget import demo, subjects
from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject
from departments.models import Department


@pytest.fixture
def demo_budget(db):
    """The reference budget (224, 2024), loaded as `load_demo` loads it."""
    demo.load()
    return Budget.objects.get(department__code="224", year=2024)


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
