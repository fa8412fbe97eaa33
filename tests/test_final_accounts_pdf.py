"""The final accounts' PDF, rendered for real by the task worker's code and read back: its cover, every table's title
as a bookmark, the reference's figures, the explanation, page numbers, and the table of contents' page numbers."""

import io
import re

import pytest
from pypdf import PdfReader

from budget import pdf
from final_accounts import publication
from final_accounts.models import PublishedVersion


@pytest.fixture
def reference_pdf(demo_final_accounts):
    version = PublishedVersion.objects.get(final_accounts=demo_final_accounts)
    return PdfReader(io.BytesIO(pdf.write(publication.page(version))))


def bookmarks(reader, outline=None):
    found = []
    for item in reader.outline if outline is None else outline:
        if isinstance(item, list):
            found += bookmarks(reader, item)
        else:
            found.append((item.title, reader.get_destination_page_number(item) + 1))
    return found


@pytest.mark.real_pdf
def test_the_reference_prints_as_a_final_accounts_document(reference_pdf):
    texts = [page.extract_text() for page in reference_pdf.pages]
    whole = re.sub(r"\s+", "", "".join(texts))
    marks = dict(bookmarks(reference_pdf))

    assert "上海市普陀区财政局" in texts[0] and "2024年度部门决算" in re.sub(r"\s+", "", texts[0])
    for title in ("收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
                  "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表",
                  "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"):
        assert any(re.sub(r"\s+", "", mark) == title for mark in marks), title
    for figure in ("2,995.39", "2,946.25", "2,336.91", "2,152.26", "184.65", "0.95"):
        assert figure in whole, figure
    assert "收入支出总计2995.39万元" in whole and "完成年初预算的98.20%" in whole
    assert "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。" in whole
    assert all(f"第 {number} 页" in text for number, text in enumerate(texts[1:], start=2))
    table_6 = next(page for title, page in marks.items() if re.sub(r"\s+", "", title) == "一般公共预算财政拨款基本支出决算表")
    assert "工资福利支出" in texts[table_6 - 1]
