"""The budget document as a PDF (WeasyPrint). Published versions keep theirs (budget/publication.py).

The PDF is the document's body HTML, the same that the web page shows and a published version stores,
under a cover page: so the body is rendered once, and a version's PDF is made from what it froze.

The PDF is tagged for screen readers (PDF/UA-1): its headings (the cover's H1, then the body's h2–h4), tables with
their header cells, the charts' titles, the reading order, the language (zh-CN: budget_pdf.html's lang) and the
title, which a reader shows as its window's title. Tagging makes a render about 13 % dearer (docs/performance.md,
"Tagged PDF").
"""

from __future__ import annotations

import contextlib
import functools
import gc
import inspect
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from weasyprint import CSS, HTML

    from budget.document import Document

CJK_FONT_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")
# WeasyPrint's tagged output, marked PDF/UA-1 in its metadata. Not also PDF/A: WeasyPrint 70 makes one variant at a time
# (docs/performance.md, "Tagged PDF").
PDF_VARIANT = "pdf/ua-1"


# The WeasyPrint whose private HTML._ua_stylesheets _renderer overrides, as requirements.txt pins it: checked at the
# first render (check_weasyprint).
WEASYPRINT_VERSION = "70.0"


class MissingFontError(RuntimeError):
    """No Chinese font: a PDF would print boxes instead of characters."""


class UnsupportedWeasyPrintError(RuntimeError):
    """Another WeasyPrint than the one whose private interface _renderer overrides."""


@functools.cache
def cjk_font_available() -> bool:
    """True when fontconfig knows one of the Noto CJK SC families (checked once per process)."""
    if not shutil.which("fc-list"):
        return False
    families = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True).stdout
    return any(family in families for family in CJK_FONT_FAMILIES)


def body(doc: Document) -> str:
    """The document's body HTML: what its web page shows and a published version stores."""
    return render_to_string("budget/_published_body.html", {"document": doc})


def page(title: str, department_name: str, year: int, body_html: str, cover_title: str = "") -> str:
    """The whole HTML a PDF is rendered from: a cover page (a budget's "2024年部门预算" unless told), then the body."""
    return render_to_string("budget/budget_pdf.html", {
        "title": title, "department_name": department_name, "body": body_html,
        "cover_title": cover_title or f"{year}年部门预算",
    })


def html(doc: Document) -> str:
    """The HTML a Document's PDF is rendered from."""
    return page(doc.title, doc.department.name, doc.budget.year, body(doc))


def check_weasyprint() -> None:
    """Refuse to render with another WeasyPrint than WEASYPRINT_VERSION, or one whose HTML._ua_stylesheets is not
    what _renderer overrides: a private method may change or vanish in any release, and the override would then be
    ignored, or break the PDF, without an error."""
    import weasyprint

    expected = "(self, forms)"
    method = getattr(weasyprint.HTML, "_ua_stylesheets", None)
    found = f"({', '.join(inspect.signature(method).parameters)})" if callable(method) else " missing"
    if weasyprint.__version__ != WEASYPRINT_VERSION or found != expected:
        raise UnsupportedWeasyPrintError(
            f"budget/pdf.py overrides WeasyPrint {WEASYPRINT_VERSION}'s private HTML._ua_stylesheets{expected}; "
            f"installed: WeasyPrint {weasyprint.__version__}, HTML._ua_stylesheets{found}. Revisit "
            "budget/pdf.py (_renderer, WEASYPRINT_VERSION) and run tests/test_pdf_user_agent_stylesheet.py, which "
            "renders the demo with and without the override and compares the pages."
        )


@functools.cache
def _renderer() -> tuple[type[HTML], CSS]:
    """(HTML class, the PDF's stylesheet), made once per process. The class renders with WeasyPrint's user-agent
    stylesheet less the rules that can never apply to the document but are tried on each of its ~2,600 elements:
    those for pseudo-elements of every element (::footnote-call, ::note-marker, …; each gives every element one more
    computed style, together a tenth of the PDF's time; the document has no notes and no markers but those of list
    items), and those for the attributes dir, rules and frame, which its templates never write
    (tests/test_pdf_user_agent_stylesheet.py)."""
    from weasyprint import CSS, HTML  # imported here: loading Pango costs time that pages do not need

    check_weasyprint()  # before the private names below are imported
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    rules = re.sub(r"^(::(footnote|note)-|.*\[(dir|rules|frame)\b).*$", "", UA, flags=re.M)
    rules = rules.replace("\n::marker {", "\nli::marker {")
    trimmed = CSS(string=rules, counter_style=CounterStyle())  # its @counter-style rules are known already

    class Document(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
            return [trimmed]

    return Document, CSS(filename=finders.find("css/pdf.css"))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. A render makes some 10^5 objects that all live until the PDF is
    written, and the collector would scan them, and the process's other objects, again and again: a tenth of the
    demo's render time (docs/performance.md). Only the render's own garbage waits, until the collector runs again
    after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write(page_html: str) -> bytes:
    """PDF bytes of a page's HTML (pdf.page)."""
    if not cjk_font_available():
        raise MissingFontError(
            "服务器未安装中文字体（Noto Sans CJK SC / Noto Serif CJK SC），无法生成PDF。"
            "请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk）。"
        )
    document_class, stylesheet = _renderer()
    with collector_paused():
        return document_class(string=page_html).write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)


def render(doc: Document) -> bytes:
    """PDF bytes of a Document."""
    return write(html(doc))
