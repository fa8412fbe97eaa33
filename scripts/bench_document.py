#!/usr/bin/env python
"""Time the budget document: the published page and PDF as served, and rendering the PDF, for the demo
and a large synthetic budget.

Runs on a throwaway SQLite database and media folder; prints a Markdown table for docs/performance.md.
Usage: .venv/bin/python scripts/bench_document.py [--repeat N]
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="bench-document-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DATABASE_URL=f"sqlite:///{WORK / 'bench.sqlite3'}",
    SECRET_KEY="benchmark-only",
    ALLOWED_HOSTS="testserver",
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from budget import demo, document, pdf, synthetic, workflow  # noqa: E402
from budget.models import Budget  # noqa: E402


def timed(action, repeat):
    """Median and max wall time of the action, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        b"".join(response.streaming_content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    settings.MEDIA_ROOT = WORK / "media"
    call_command("migrate", verbosity=0)
    demo.load()
    large = synthetic.create_budget("900", lines=300, projects=40, indicators=10)
    Budget.objects.filter(pk=large.pk).update(status=Budget.Status.APPROVED)
    workflow.publish(large, user=None)
    demo_budget = Budget.objects.get(department__code="224", year=2024)
    client = Client()

    rows = []
    for label, budget in (("demo (224, 2024)", demo_budget), ("synthetic: 300 lines, 40 projects × 10 indicators", large)):
        url = budget.get_absolute_url()
        get(client, url)  # warm the template cache
        rows.append((f"{label}: published HTML page", *timed(lambda: get(client, url), repeat)))
        rows.append((f"{label}: PDF rendered (at publication)", *timed(lambda: pdf.render(document.build(budget)), repeat)))
        rows.append((f"{label}: published PDF served", *timed(lambda: get(client, url + "pdf/"), repeat)))

    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{repeat} runs each, in-process Django test client, SQLite")
    print()
    print("| what | median ms | max ms |")
    print("|---|---:|---:|")
    for label, median, worst in rows:
        print(f"| {label} | {median:.0f} | {worst:.0f} |")


if __name__ == "__main__":
    main()
