"""No page of the PDF ends with a heading: a heading, a table's title, caption or caption line, and the line that
introduces a table go over to the next page with what they introduce (static/css/pdf.css, break-after)."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from budget import document, pdf

pytestmark = [pytest.mark.real_pdf, pytest.mark.usefixtures("demo_for_the_module")]

HEADINGS = "h2, h3, h4, .subheading, .table-title, .table-meta, caption, .explanation p:has(+ .table-scroll)"
SENTENCE = "加强网络安全宣传教育，提升干部群众的网络安全意识和防护技能。"


def squeezed(text):
    return re.sub(r"\s+", "", text)


def explanation_pdf(budget):
    """(The PDF of the budget's cover and explanation, the texts of the explanation's headings.) The explanation
    starts on a page of its own, so its pages break as in the whole document, which takes three times as long."""
    doc = document.build(budget)
    body = BeautifulSoup(pdf.body(doc), "html.parser")
    for part in body.select(".toc, .overview, .tables-part"):
        part.decompose()
    headings = {squeezed(element.get_text()) for element in body.select(HEADINGS)}
    return pdf.write(pdf.page(doc.title, doc.department.name, budget.year, str(body))), headings


# Longer duties move every heading after them down the pages. Without break-after, a page of the demo ends with
# 2、支出说明 (4 sentences more), 1、收入说明 (10), the caption 部门机构设置情况 (23), 机构设置： (25), and both
# （一）总体绩效目标 and （三）工作保障措施 (34).
@pytest.mark.parametrize("sentences", [4, 10, 23, 25, 34])
def test_no_page_ends_with_a_heading(demo_budget, sentences):
    demo_budget.duties += "\n" + SENTENCE * sentences

    content, headings = explanation_pdf(demo_budget)
    pages = [re.sub(r"第 \d+ 页\s*$", "", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]

    assert len(pages) > 8
    ends = [(number, heading) for number, text in enumerate(pages[1:], start=2) for heading in headings
            if squeezed(text).endswith(heading)]  # a heading's last line ends the page, the footer aside
    assert ends == []
