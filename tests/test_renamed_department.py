"""A department renamed after publishing (机构改革) keeps the name it published under on everything that
publication made public (the document and its files, every heading, listing and comparison of the public
site); its next publication carries the new name."""

import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from departments.models import Department
from tests.factories import correct
from tests.pages import page_soup

NEW_NAME = "石家庄市鹿泉区网络安全和信息化委员会办公室"


@pytest.fixture
def old_name(demo_budget):
    """The demo's department name at publication; the department is renamed afterwards."""
    name = demo_budget.department.name
    Department.objects.filter(pk=demo_budget.department_id).update(name=NEW_NAME)
    return name


def published_names(client, base):
    """The department name as each public file of a version gives it."""
    workbook = load_workbook(io.BytesIO(client.get(f"{base}tables.xlsx").content))
    return {
        "page title": page_soup(client.get(base)).title.get_text(),
        "PDF file name": client.get(f"{base}pdf/")["Content-Disposition"],
        "budget.json": client.get(f"{base}budget.json").json()["department"]["name"],
        "table JSON": client.get(f"{base}tables/2.json").json()["department"]["name"],
        "workbook": workbook.worksheets[0]["A2"].value,
        "data package": client.get(f"{base}datapackage.json").json()["title"],
    }


def test_what_was_published_keeps_the_name_it_was_published_under(client, old_name):
    names = published_names(client, "/budgets/2024/224/")

    assert names["PDF file name"].endswith(quote(f"{old_name}2024年部门预算.pdf"))
    assert names["budget.json"] == names["table JSON"] == old_name
    assert names["workbook"] == f"224{old_name}"
    assert names["page title"].startswith(f"{old_name}2024年部门预算")
    assert names["data package"] == f"{old_name}2024年部门预算"


def test_the_next_publication_carries_the_new_name(client, old_name, demo_budget, demo_reviewer):
    correct(demo_budget, demo_reviewer, "部门更名")

    current = published_names(client, "/budgets/2024/224/")
    first = published_names(client, "/budgets/2024/224/v1/")
    assert current["budget.json"] == NEW_NAME and current["workbook"] == f"224{NEW_NAME}"
    assert first["budget.json"] == old_name and first["workbook"] == f"224{old_name}"


PUBLIC_PAGES = {
    "budget page": "/budgets/2024/224/",
    "home page": "/?year=2024",
    "year overview": "/budgets/2024/",
    "search results": "/?q=224",
    "comparison": "/budgets/224/compare/?from=2023&to=2024",
}


def test_every_public_heading_and_listing_shows_the_name_it_was_published_under(client, two_years, old_name):
    # two_years publishes 2023 before old_name renames the department: both versions carry the old name.
    soups = {page: page_soup(client.get(url)) for page, url in PUBLIC_PAGES.items()}

    for page, soup in soups.items():
        assert NEW_NAME not in str(soup), page
    assert soups["budget page"].h1.get_text() == f"{old_name}2024年部门预算"
    assert soups["budget page"].select_one("nav.breadcrumb").get_text().endswith(old_name)
    assert soups["home page"].select_one("section.group h3").get_text() == old_name
    assert soups["home page"].select_one("section.group li a").get_text() == old_name
    assert old_name in [cell.get_text(strip=True) for cell in soups["year overview"].select("table.listing td")]
    assert soups["search results"].select_one("ul.results a").get_text() == f"{old_name}2024年部门预算"
    assert soups["comparison"].h1.get_text().startswith(f"{old_name}：")
