"""The benchmarks' and the load test's shortcut, one rendered PDF stored for every publication
(synthetic.reusing_pdf), replaces what publication really renders with: the load test's own patch had drifted to
a function that publication no longer called, and each of its 3,000 budgets rendered a real PDF."""

from pathlib import Path

from budget.models import PublishedVersion
from budget.samples import synthetic

REUSED = b"%PDF-1.7 the one PDF rendered for real"


def test_publications_store_the_reused_pdf_and_render_none(db):
    with synthetic.reusing_pdf(REUSED):
        version = synthetic.publish(synthetic.create_budget("801", lines=3, projects=1, indicators=4))

    assert version.state == PublishedVersion.State.PUBLIC
    assert version.pdf.read() == REUSED  # not the tests' own stand-in renderer's bytes (tests/conftest.py)


def test_the_load_test_publishes_with_the_shortcut():
    script = (Path(__file__).resolve().parent.parent / "scripts" / "loadtest_data.py").read_text(encoding="utf-8")

    assert "with synthetic.reusing_pdf(" in script and "patch" not in script
