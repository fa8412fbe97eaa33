"""The PDF renders with WeasyPrint's user-agent stylesheet less rules that can never apply to the document
(budget/pdf.py _renderer): these tests keep that true of what the templates write."""

from pathlib import Path

from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from budget import document, pdf


def test_no_element_of_the_pdf_page_carries_an_attribute_whose_rules_were_dropped(demo_budget):
    elements = BeautifulSoup(pdf.html(document.build(demo_budget)), "html.parser").find_all(True)

    assert len(elements) > 2000  # the whole document: nine tables, projects, charts
    assert [element for element in elements if {"dir", "rules", "frame"} & element.attrs.keys()] == []


def test_only_list_items_have_markers_and_nothing_is_a_note():
    rules = Path(finders.find("css/pdf.css")).read_text(encoding="utf-8")

    assert "list-item" not in rules and "::marker" not in rules  # the kept rule is li::marker
    assert "footnote" not in rules and "float: note" not in rules
