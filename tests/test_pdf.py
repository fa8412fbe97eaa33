"""The PDF: every figure and sentence of the document, a real CJK font, bookmarks, page numbers, repeated
headers; rendered once per revision and served from storage; never for a draft."""

import io
import re
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db import transaction
from pypdf import PdfReader

from budget import demo, document, pdf
from budget.models import Budget, BudgetLine, EconomicSubject, FunctionSubject
from tests import reference


@pytest.fixture(scope="session")
def demo_pdf(django_db_setup, django_db_blocker):
    """The demo's PDF, rendered once for the session (read back with pypdf)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load()
        rendered = pdf.render(document.build(Budget.objects.get(department__code="224", year=2024)))
        transaction.set_rollback(True)
    return PdfReader(io.BytesIO(rendered))


def squeezed(text):
    return re.sub(r"\s+", "", text)


def all_text(reader):
    """The document's text without page footers, so that a sentence may run on to the next page."""
    return squeezed("".join(re.sub(r"第 \d+ 页\s*$", "", page.extract_text()) for page in reader.pages))


def bookmarks(reader, outline=None):
    """[(title, page number)] of every bookmark, depth first."""
    found = []
    for item in reader.outline if outline is None else outline:
        if isinstance(item, list):
            found += bookmarks(reader, item)
        else:
            found.append((item.title, reader.get_destination_page_number(item) + 1))
    return found


def test_pdf_holds_every_figure_of_the_nine_tables(demo_pdf):
    text = all_text(demo_pdf)
    for table in reference.reference_tables():
        assert squeezed(table.title) in text
        for row in table.rows:
            for cell in row:
                assert squeezed(cell) in text


def test_pdf_holds_every_sentence_with_an_amount(demo_pdf):
    text = all_text(demo_pdf)
    for sentence in reference.amount_sentences():
        assert squeezed(sentence) in text


def test_pdf_embeds_a_cjk_font(demo_pdf):
    fonts = {}
    for page in demo_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("Noto-Sans-CJK-SC" in name for name in fonts)
    assert all(fonts.values())


def test_pdf_has_a_cover_and_a_bookmark_for_every_table_and_section(demo_pdf):
    titles = [title for title, _ in bookmarks(demo_pdf)]
    expected = [table.title for table in reference.reference_tables()] + reference.section_headings()
    expected += list(reference.project_sheets()) + ["名词解释", "其他说明"]
    assert set(expected) <= set(titles)
    assert squeezed(demo_pdf.pages[0].extract_text()) == "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算"


def test_table_of_contents_page_numbers_match_the_bookmarks_and_page_count(demo_pdf):
    toc = demo_pdf.pages[1].extract_text().replace(".", "")
    pages = {squeezed(title): page for title, page in bookmarks(demo_pdf)}
    printed = {squeezed(title): int(number) for title, number in re.findall(r"^(.+?)\s+(\d+)$", toc, re.M)}
    assert len(printed) == 9 + 1 + 11
    for title, page in printed.items():
        assert pages[title] == page
    assert len(demo_pdf.pages) == printed["其他说明"]


def test_every_page_but_the_cover_carries_its_number(demo_pdf):
    for number, page in enumerate(demo_pdf.pages[1:], start=2):
        assert f"第 {number} 页" in page.extract_text()


@pytest.mark.django_db
def test_table_headers_repeat_on_every_page_a_table_spans(department):
    budget = Budget.objects.create(department=department, year=2024, status=Budget.Status.PUBLISHED)
    economic = EconomicSubject.objects.get(year=2024, code="30201")
    BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, function_subject=subject, economic_subject=economic, kind="basic",
                   source="general_budget", amount=Decimal("1000.00"))
        for subject in FunctionSubject.objects.filter(year=2024, code__regex=r"^\d{7}$")
    )
    reader = PdfReader(io.BytesIO(pdf.render(document.build(budget))))

    pages = dict(bookmarks(reader))
    spanned = range(pages["部门预算收入总表"], pages["部门预算支出总表"])
    assert len(spanned) > 1
    for number in spanned:
        text = reader.pages[number - 1].extract_text()
        assert "栏次" in text and "功能分类科目" in text and "财政专户" in text


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_public_pdf_is_a_named_download_rendered_once_and_then_served(client, demo_budget, media, monkeypatch):
    first = client.get("/budgets/2024/224/pdf/")

    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    filename = "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算.pdf"
    assert f"filename*=utf-8''{quote(filename)}" in first["Content-Disposition"]
    body = b"".join(first.streaming_content)
    assert body.startswith(b"%PDF")
    assert len(list(media.rglob("*.pdf"))) == 1

    monkeypatch.setattr(pdf, "render", lambda doc: pytest.fail("a stored PDF must not be rendered again"))
    second = client.get("/budgets/2024/224/pdf/")
    assert b"".join(second.streaming_content) == body


def test_a_change_to_the_data_makes_a_new_revision(demo_budget):
    before = pdf.storage_name(demo_budget)
    line = demo_budget.lines.first()
    line.amount += 1
    line.save()
    demo_budget.refresh_from_db()
    assert pdf.storage_name(demo_budget) != before


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "approved"])
def test_a_draft_pdf_is_never_served_to_the_public(client, demo_budget, media, status):
    Budget.objects.filter(pk=demo_budget.pk).update(status=status)

    assert client.get("/budgets/2024/224/pdf/").status_code == 404
    assert not list(media.rglob("*.pdf"))


def test_without_a_cjk_font_the_pdf_fails_with_a_clear_message(client, demo_budget, media, monkeypatch):
    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)

    response = client.get("/budgets/2024/224/pdf/")

    assert response.status_code == 503
    assert "未安装中文字体" in response.content.decode()
    assert not list(media.rglob("*.pdf"))
