#!/usr/bin/env python
"""Publish many synthetic departments at once, as a bureau does on its publication day, with 1, 2 and 4 task
workers (separate `manage.py db_worker` processes), and report budgets per minute. Prints a Markdown table for
docs/performance.md.

Each round: a fresh set of approved budgets; `publish_budget --year Y --all-approved --no-wait` freezes them
and queues their PDFs (timed: the reviewer's side); then the workers render until the queue is empty (timed:
until the last is public). Every PDF is real (WeasyPrint).

Usage: .venv/bin/python scripts/bench_publication_scale.py [--count 200] [--workers 1 2 4] [--lines 20]
       [--projects 2]; with BENCH_DATABASE_URL (e.g. a PostgreSQL database) instead of a new SQLite file.
"""

import argparse
import os
import platform
import subprocess
import sys
import time

from benchlib import ROOT, setup_django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--projects", type=int, default=2)
    options = parser.parse_args()
    work = setup_django(os.environ.get("BENCH_DATABASE_URL"))
    from django.core.management import call_command

    from budget.models import Budget, PublishedVersion
    from budget.samples import synthetic

    rows = []
    for round_number, workers in enumerate(options.workers):
        year = 2024 + round_number  # a year per round: the starter classification lists cover 2024–2027
        for n in range(options.count):
            budget = synthetic.create_budget(f"{7000 + n}", year=year, lines=options.lines,
                                             projects=options.projects, indicators=5)
            Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.APPROVED)
        started = time.perf_counter()
        call_command("publish_budget", "--year", str(year), "--all-approved", "--no-wait", verbosity=0)
        queued = time.perf_counter()
        processes = [
            subprocess.Popen([sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0"],
                             cwd=ROOT, env={**os.environ, "MEDIA_ROOT": str(work / "media")})
            for _ in range(workers)
        ]
        for process in processes:
            assert process.wait() == 0
        finished = time.perf_counter()
        public = PublishedVersion.objects.filter(budget__year=year).count()
        assert public == options.count, f"only {public} of {options.count} public"
        minutes = (finished - started) / 60
        rows.append((f"{options.count} budgets, {workers} worker{'s' if workers > 1 else ''}",
                     f"{(queued - started):.1f} s", f"{(finished - queued):.1f} s",
                     f"{options.count / minutes:.0f}"))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{options.count} synthetic departments, {options.lines} lines and {options.projects} projects × 5 "
          f"indicators each; database {os.environ['DATABASE_URL'].split(':')[0]}")
    print()
    print("| run | freeze and queue (one command) | render until all public | budgets per minute |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
