"""The PDF renders with WeasyPrint's user-agent stylesheet less rules that can never apply to the document, through
WeasyPrint's private HTML._ua_stylesheets (budget/pdf.py _renderer): the demo's pages are the same as with
WeasyPrint's own stylesheet, the templates write nothing the dropped rules were for, and another WeasyPrint is
refused rather than rendered with an override it may ignore."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from budget import document, pdf
from budget.models import PublishedVersion

ROOT = Path(__file__).resolve().parent.parent


def pages(content):
    """Each page's size and text, and the bookmarks (title, page number), as pypdf reads them."""
    reader = PdfReader(io.BytesIO(content))

    def bookmarks(items):
        for item in items:
            if isinstance(item, list):
                yield from bookmarks(item)
            else:
                yield item.title, reader.get_destination_page_number(item)

    return [(tuple(page.mediabox), page.extract_text()) for page in reader.pages], list(bookmarks(reader.outline))


def rasterised(content, folder):
    """Each page as pixels (poppler's pdftoppm, 60 dpi: a moved line, border or glyph shows)."""
    (folder / "document.pdf").write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "60", str(folder / "document.pdf"), str(folder / "page")], check=True)
    return [path.read_bytes() for path in sorted(folder.glob("page-*.ppm"))]


@pytest.mark.real_pdf
def test_the_demo_has_the_same_pages_with_weasyprints_own_user_agent_stylesheet(demo_budget, tmp_path):
    from weasyprint import HTML

    version = PublishedVersion.objects.get(budget=demo_budget)
    page_html = pdf.page(version.title, version.department_name, demo_budget.year, version.html)
    trimmed = pdf.write(page_html)
    _, stylesheet = pdf._renderer()
    own = HTML(string=page_html).write_pdf(stylesheets=[stylesheet], pdf_variant=pdf.PDF_VARIANT)

    texts, bookmarks = pages(trimmed)
    assert len(texts) > 20 and len(bookmarks) > 20  # the whole document, its nine tables and sections
    assert (texts, bookmarks) == pages(own)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pixels not compared: no pdftoppm (Debian poppler-utils)")
    (tmp_path / "trimmed").mkdir()
    (tmp_path / "own").mkdir()
    assert rasterised(trimmed, tmp_path / "trimmed") == rasterised(own, tmp_path / "own")


def test_no_element_of_the_pdf_page_carries_an_attribute_whose_rules_were_dropped(demo_budget):
    elements = BeautifulSoup(pdf.html(document.build(demo_budget)), "html.parser").find_all(True)

    assert len(elements) > 2000  # the whole document: nine tables, projects, charts
    assert [element for element in elements if {"dir", "rules", "frame"} & element.attrs.keys()] == []


def test_only_list_items_have_markers_and_nothing_is_a_note():
    rules = Path(finders.find("css/pdf.css")).read_text(encoding="utf-8")

    assert "list-item" not in rules and "::marker" not in rules  # the kept rule is li::marker
    assert "footnote" not in rules and "float: note" not in rules


def test_the_checked_weasyprint_is_the_one_pinned_and_installed():
    import weasyprint

    pinned = re.search(r"^weasyprint==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M | re.I).group(1)
    assert pdf.WEASYPRINT_VERSION == pinned == weasyprint.__version__
    pdf.check_weasyprint()


@pytest.fixture
def fresh_renderer():
    """pdf._renderer made again for the test and after it (it is made once per process)."""
    pdf._renderer.cache_clear()
    yield
    pdf._renderer.cache_clear()


def test_another_weasyprint_version_is_refused_naming_the_file_to_revisit(monkeypatch, fresh_renderer):
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "71.0")

    with pytest.raises(pdf.UnsupportedWeasyPrintError, match=r"budget/pdf\.py .*WeasyPrint 71\.0"):
        pdf._renderer()


@pytest.mark.parametrize("changed", [
    lambda self: [],  # the forms argument gone
    lambda self, forms=False, fonts=None: [],  # another one added
    None,  # the method gone
], ids=["fewer-parameters", "more-parameters", "removed"])
def test_a_changed_private_method_is_refused(monkeypatch, fresh_renderer, changed):
    from weasyprint import HTML

    if changed is None:
        monkeypatch.delattr(HTML, "_ua_stylesheets")
    else:
        monkeypatch.setattr(HTML, "_ua_stylesheets", changed)

    with pytest.raises(pdf.UnsupportedWeasyPrintError, match=r"Revisit budget/pdf\.py"):
        pdf._renderer()
