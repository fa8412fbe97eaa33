"""What the benchmark scripts share: a throwaway database and media folder, and a timer."""

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url=None, pages=True):
    """Point Django at a new SQLite file (or the database given) and media folder, migrate, and return the
    work folder. `pages=False` skips collecting the static files, which only web pages need."""
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url or f"sqlite:///{work / 'bench.sqlite3'}",
        CACHE_DIR=str(work / "cache"),
        SECRET_KEY="benchmark-only",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",  # the test client speaks plain http
        STATIC_ROOT=str(work / "static"),
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = work / "media"
    call_command("migrate", verbosity=0)
    if pages:
        call_command("collectstatic", interactive=False, verbosity=0)  # production settings serve a manifest
    return work


def published_budgets():
    """The demo budget and a large synthetic one, both published: [(label, budget), …]."""
    from budget.models import Budget
    from budget.samples import demo, synthetic

    demo.load()
    large = synthetic.create_budget("900", lines=300, projects=40, indicators=10)
    synthetic.publish(large)
    return [("demo (224, 2024)", Budget.objects.get(department__code="224", year=2024)),
            ("synthetic: 300 lines, 40 projects × 10 indicators", large)]


def fetch(client, url):
    """GET the URL through the test client and read the whole answer, which must be 200."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        b"".join(response.streaming_content)


def timed(action, repeat):
    """Median and max wall time of the action, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def print_table(rows, repeat, note=""):
    """The figures as a Markdown table, with the machine they were measured on."""
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{repeat} runs each, SQLite{note}")
    print()
    print("| what | median ms | max ms |")
    print("|---|---:|---:|")
    for label, median, worst in rows:
        print(f"| {label} | {median:.0f} | {worst:.0f} |")
