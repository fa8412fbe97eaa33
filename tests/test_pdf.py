"""The PDF: every figure and sentence of the document, a real CJK font, bookmarks, page numbers, repeated
headers; rendered once per revision and served from storage; never for a draft."""

import hashlib
import io
import re
from decimal import Decimal
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from budget import document, pdf
from budget.builders.tables import SPECS
from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject, PublishedVersion
from budget.samples.synthetic import make_line, publish
from tests import reference


@pytest.fixture(scope="session")
def demo_pdf(demo_pdf_bytes):
    """The demo's published PDF, read back with pypdf."""
    return PdfReader(io.BytesIO(demo_pdf_bytes))


def squeezed(text):
    return re.sub(r"\s+", "", text)


def all_text(page_texts):
    """The document's text without page footers, so that a sentence may run on to the next page."""
    return squeezed("".join(re.sub(r"第 \d+ 页\s*$", "", text) for text in page_texts))


def bookmarks(reader, outline=None):
    """[(title, page number)] of every bookmark, depth first."""
    found = []
    for item in reader.outline if outline is None else outline:
        if isinstance(item, list):
            found += bookmarks(reader, item)
        else:
            found.append((item.title, reader.get_destination_page_number(item) + 1))
    return found


@pytest.mark.real_pdf
def test_pdf_holds_every_figure_of_the_nine_tables(demo_pdf_page_texts):
    text = all_text(demo_pdf_page_texts)
    for table in reference.reference_tables():
        assert squeezed(table.title) in text
        for row in table.rows:
            for cell in row:
                assert squeezed(cell) in text


@pytest.mark.real_pdf
def test_pdf_holds_every_sentence_with_an_amount(demo_pdf_page_texts):
    text = all_text(demo_pdf_page_texts)
    sentences = reference.amount_sentences()
    assert len(sentences) == 6  # the reference's six: a parse that found none would pass the loop below
    for sentence in sentences:
        assert squeezed(sentence) in text


@pytest.mark.real_pdf
def test_pdf_embeds_a_cjk_font(demo_pdf):
    fonts = {}
    for page in demo_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("Noto-Sans-CJK-SC" in name for name in fonts)
    assert all(fonts.values())


def font_names(resources):
    """The base names of the fonts a page's resources use, its drawings' (the charts' form XObjects) included,
    without their subset prefix ("ABCDEF+")."""
    names = {font.get_object()["/BaseFont"].split("+")[-1] for font in resources.get("/Font", {}).values()}
    for drawing in resources.get("/XObject", {}).values():
        if "/Resources" in drawing.get_object():
            names |= font_names(drawing.get_object()["/Resources"])
    return names


@pytest.mark.real_pdf
def test_text_and_charts_print_in_one_font_family(demo_pdf):
    names = set().union(*(font_names(page["/Resources"]) for page in demo_pdf.pages))

    assert names == {"Noto-Sans-CJK-SC", "Noto-Sans-CJK-SC-Bold"}  # no DejaVu Sans, no Noto Sans CJK JP


@pytest.mark.real_pdf
def test_comparison_signs_of_indicator_targets_are_in_the_pdf_as_typed(demo_pdf_page_texts):
    text = all_text(demo_pdf_page_texts)

    assert "涉军岗位人员满意度≥90%" in text and "网络安全技术支持成本≤25万" in text
    assert "⩾" not in text and "⩽" not in text


def test_every_table_declares_its_columns_by_kind_for_the_pdfs_fixed_layout(demo_budget):
    soup = BeautifulSoup(demo_budget.current_version().html, "html.parser")

    for spec in SPECS.values():
        table = soup.select_one(f"#table-{spec.number} table")
        kinds = [col["class"][0] for col in table.select("colgroup col")]
        assert kinds == spec.column_kinds
        assert len(kinds) == len(table.select("tbody tr")[0].select("td"))


def test_column_kinds_follow_the_cells_of_a_row():
    assert SPECS[1].column_kinds == ["number", "label", "amount", "label", "amount"]  # income beside expenditure
    assert SPECS[2].column_kinds == ["number", "code", "label"] + ["amount"] * 10
    assert SPECS[9].column_kinds == ["number", "label", "amount", "amount", "amount", "amount"]


@pytest.mark.real_pdf
def test_pdf_has_a_cover_and_a_bookmark_for_every_table_and_section(demo_pdf, demo_pdf_page_texts):
    titles = [title for title, _ in bookmarks(demo_pdf)]
    expected = [table.title for table in reference.reference_tables()] + reference.section_headings()
    expected += list(reference.project_sheets()) + ["名词解释", "其他说明"]
    assert set(expected) <= set(titles)
    assert squeezed(demo_pdf_page_texts[0]) == "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算"


@pytest.mark.real_pdf
def test_table_of_contents_page_numbers_match_the_bookmarks_and_page_count(demo_pdf, demo_pdf_page_texts):
    toc = demo_pdf_page_texts[1].replace(".", "")
    pages = {squeezed(title): page for title, page in bookmarks(demo_pdf)}
    printed = {squeezed(title): int(number) for title, number in re.findall(r"^(.+?)\s+(\d+)$", toc, re.M)}
    assert len(printed) == 1 + 9 + 1 + 11  # 概览, the tables, 第一部分, its sections
    for title, page in printed.items():
        assert pages[title] == page
    assert len(demo_pdf.pages) == printed["其他说明"]


@pytest.mark.real_pdf
def test_every_page_but_the_cover_carries_its_number(demo_pdf_page_texts):
    for number, text in enumerate(demo_pdf_page_texts[1:], start=2):
        assert f"第 {number} 页" in text


def with_tables_only(doc, *numbers):
    """The HTML of the document's PDF with only these of its tables, each printed as in the whole document
    (which would be 23 pages where these are 5, and take seconds more to render)."""
    body = BeautifulSoup(pdf.body(doc), "html.parser")
    tables = body.select_one(".tables-part")
    for table in tables.select(".budget-table"):
        if table["id"] not in {f"table-{number}" for number in numbers}:
            table.decompose()
    return pdf.page(doc.title, doc.department.name, doc.budget.year, str(tables))


@pytest.mark.real_pdf
@pytest.mark.django_db
def test_table_headers_repeat_on_every_page_a_table_spans(department):
    budget = Budget.objects.create(department=department, year=2024, status=Budget.Status.PUBLISHED)
    economic = EconomicSubject.objects.get(year=2024, code="30201")
    BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, function_subject=subject, economic_subject=economic, kind="basic",
                   source="general_budget", amount=Decimal("1000.00"))
        # Enough codes (with their 类 and 款 rows) for the income table to run over several pages.
        for subject in FunctionSubject.objects.filter(year=2024, code__regex=r"^\d{7}$").order_by("code")[:40]
    )
    reader = PdfReader(io.BytesIO(pdf.write(with_tables_only(document.build(budget), 2, 3))))

    pages = dict(bookmarks(reader))
    spanned = range(pages["部门预算收入总表"], pages["部门预算支出总表"])
    assert len(spanned) > 1
    for number in spanned:
        text = reader.pages[number - 1].extract_text()
        assert "栏次" in text and "功能分类科目" in text and "财政专户" in text


def test_public_pdf_is_the_published_versions_file_as_a_named_download(client, demo_budget):
    version = demo_budget.current_version()

    response = client.get("/budgets/2024/224/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    filename = "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算.pdf"
    assert f"filename*=utf-8''{quote(filename)}" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == version.pdf_sha256


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "approved"])
def test_an_unpublished_budgets_pdf_is_404(client, draft_budget, status):
    make_line(draft_budget)
    Budget.objects.filter(pk=draft_budget.pk).update(status=status)

    assert client.get("/budgets/2024/301/pdf/").status_code == 404


def test_a_budget_being_corrected_still_serves_its_published_pdf(client, reopened_demo):
    make_line(reopened_demo, "2013301", "30201", "99990000.00", unit=reopened_demo.department.units.get())

    body = b"".join(client.get("/budgets/2024/224/pdf/").streaming_content)

    assert hashlib.sha256(body).hexdigest() == reopened_demo.current_version().pdf_sha256


@pytest.mark.real_pdf
@pytest.mark.real_pdf
def test_without_a_cjk_font_publication_fails_with_a_clear_message_and_nothing_public(draft_budget, monkeypatch):
    make_line(draft_budget)
    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)

    version = publish(draft_budget)

    assert version.state == PublishedVersion.State.FAILED
    assert "未安装中文字体" in version.render_error
    assert not PublishedVersion.objects.filter(budget=draft_budget).exists()


@pytest.mark.real_pdf
def test_without_a_cjk_font_the_pdf_preview_says_why(admin_session, draft_budget, monkeypatch):
    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)

    response = admin_session.get(f"/admin/budget/budget/{draft_budget.pk}/preview/pdf/")

    assert response.status_code == 503
    assert "未安装中文字体" in response.content.decode()
