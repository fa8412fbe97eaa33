"""The PDF is tagged for screen readers (PDF/UA-1): its headings from H1 down, never skipping a level, its tables'
header and data cells, the charts' alternate text, the reading order, the language and the title (budget/pdf.py)."""

import io
import itertools
import re

import pytest
from pypdf import PdfReader

from tests import reference

pytestmark = pytest.mark.real_pdf

TITLE = "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算"


@pytest.fixture(scope="module")
def demo_pdf(demo_pdf_bytes):
    return PdfReader(io.BytesIO(demo_pdf_bytes))


def kids(element):
    """An element's structure elements (not its marked content or annotations)."""
    found = element.get("/K", [])
    found = found if isinstance(found, list) else [found]
    return [kid.get_object() for kid in found if not isinstance(kid, int) and "/S" in kid.get_object()]


@pytest.fixture(scope="module")
def elements(demo_pdf):
    """Every structure element of the PDF, depth first: the order a screen reader reads them in."""
    def walk(element):
        yield element
        for kid in kids(element):
            yield from walk(kid)

    root = demo_pdf.trailer["/Root"]["/StructTreeRoot"]
    return [element for top in kids(root) for element in walk(top)]


@pytest.fixture(scope="module")
def marked_text(demo_pdf):
    """{(page object number, marked-content id): its text}: what a structure element's text is made of."""
    texts = {}
    for page in demo_pdf.pages:
        ids = []  # the marked-content ids open at this point of the page's content stream

        def operator(name, operands, *_):
            if name in (b"BDC", b"BMC"):
                properties = operands[1] if name == b"BDC" else None
                ids.append(properties.get("/MCID") if isinstance(properties, dict) else None)
            elif name == b"EMC" and ids:
                ids.pop()

        def text(string, *_, page_number=page.indirect_reference.idnum):
            if ids and ids[-1] is not None:
                key = (page_number, ids[-1])
                texts[key] = texts.get(key, "") + string

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return texts


def text_of(element, marked_text):
    """A structure element's text, its white space squeezed out."""
    page = element.raw_get("/Pg").idnum
    found = element.get("/K", [])
    parts = [marked_text.get((page, kid), "") if isinstance(kid, int) else text_of(kid.get_object(), marked_text)
             for kid in (found if isinstance(found, list) else [found])
             if isinstance(kid, int) or "/S" in kid.get_object()]
    return re.sub(r"\s+", "", "".join(parts))


def test_pdf_is_tagged(demo_pdf, elements):
    catalog = demo_pdf.trailer["/Root"]

    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert elements[0]["/S"] == "/Document"
    assert {"/H1", "/H2", "/H3", "/H4", "/P", "/Table", "/TH", "/TD", "/Figure"} <= {e["/S"] for e in elements}


def test_pdf_says_it_is_pdf_ua(demo_pdf):
    metadata = demo_pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode()

    assert 'pdfuaid:part="1"' in metadata


def test_pdf_language_is_chinese_as_written_in_china(demo_pdf):
    assert demo_pdf.trailer["/Root"]["/Lang"] == "zh-CN"


def test_pdf_title_is_the_documents_and_a_reader_shows_it_as_the_window_title(demo_pdf):
    assert demo_pdf.metadata.title == TITLE
    assert demo_pdf.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def headings(elements, marked_text):
    return [(e["/S"][1:], text_of(e, marked_text)) for e in elements if re.fullmatch(r"/H\d", e["/S"])]


def test_headings_are_tagged_in_reading_order(elements, marked_text):
    sections = reference.section_headings()

    assert headings(elements, marked_text) == (
        [("H1", TITLE), ("H2", "目录"), ("H2", "概览")]
        + [("H2", table.title) for table in reference.reference_tables()]
        + [("H2", f"第一部分{TITLE}信息公开情况说明")]
        + [("H3", section) for section in sections[:7]]
        + [("H4", sheet) for sheet in reference.project_sheets()]  # in section 七
        + [("H3", section) for section in sections[7:]] + [("H3", "名词解释"), ("H3", "其他说明")]
    )


def test_heading_levels_start_at_one_and_never_skip_a_level(elements, marked_text):
    levels = [int(tag[1:]) for tag, _ in headings(elements, marked_text)]

    assert levels[0] == 1 and levels.count(1) == 1
    assert all(level <= previous + 1 for previous, level in itertools.pairwise(levels))


def test_tables_are_tagged_with_their_header_and_data_cells(elements):
    tables = [e for e in elements if e["/S"] == "/Table"]

    def cells(element):
        return [kid["/S"] for row in kids(element) for kid in kids(row)] if element["/S"] in ("/THead", "/TBody") \
            else [cell for kid in kids(element) for cell in cells(kid)]

    assert len(tables) >= 9 + 2 * 6  # the nine tables (some over two pages), two for each project sheet, …
    for table in tables:
        assert {"/TH", "/TD"} <= set(cells(table))
        assert {kid["/S"] for kid in kids(table)} <= {"/Caption", "/THead", "/TBody"}


def test_charts_are_figures_with_their_titles_as_alternate_text(elements):
    alternate_texts = [e.get("/Alt") for e in elements if e["/S"] == "/Figure"]

    assert all(alternate_texts)
    assert {"支出按功能分类（类）", "一般公共预算基本支出按经济分类（类）", "基本支出与项目支出"} <= set(alternate_texts)


def test_structure_reads_the_pages_in_order(demo_pdf, elements):
    page_numbers = {page.indirect_reference.idnum: number for number, page in enumerate(demo_pdf.pages)}
    pages = [page_numbers[e.raw_get("/Pg").idnum] for e in elements if "/Pg" in e]

    assert pages == sorted(pages) and pages[-1] == len(demo_pdf.pages) - 1
