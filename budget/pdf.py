"""The budget document as a PDF (WeasyPrint). Published versions keep theirs (budget/publication.py).

The PDF is the document's body HTML, the same that the web page shows and a published version stores,
under a cover page: so the body is rendered once, and a version's PDF is made from what it froze.
"""

import functools
import shutil
import subprocess

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

CJK_FONT_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")


class MissingFontError(RuntimeError):
    """No Chinese font: a PDF would print boxes instead of characters."""


@functools.cache
def cjk_font_available():
    """True when fontconfig knows one of the Noto CJK SC families (checked once per process)."""
    if not shutil.which("fc-list"):
        return False
    families = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True).stdout
    return any(family in families for family in CJK_FONT_FAMILIES)


def body(doc):
    """The document's body HTML: what its web page shows and a published version stores."""
    return render_to_string("budget/_published_body.html", {"document": doc})


def page(title, department_name, year, body_html):
    """The whole HTML a PDF is rendered from: a cover page, then the body."""
    return render_to_string("budget/budget_pdf.html", {
        "title": title, "department_name": department_name, "year": year, "body": body_html,
    })


def html(doc):
    """The HTML a Document's PDF is rendered from."""
    return page(doc.title, doc.department.name, doc.budget.year, body(doc))


def write(page_html):
    """PDF bytes of a page's HTML (pdf.page)."""
    if not cjk_font_available():
        raise MissingFontError(
            "服务器未安装中文字体（Noto Sans CJK SC / Noto Serif CJK SC），无法生成PDF。"
            "请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk）。"
        )
    from weasyprint import CSS, HTML  # imported here: loading Pango costs time that pages do not need

    return HTML(string=page_html).write_pdf(stylesheets=[CSS(filename=finders.find("css/pdf.css"))])


def render(doc):
    """PDF bytes of a Document."""
    return write(html(doc))
