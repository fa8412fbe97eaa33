#!/usr/bin/env python
"""Time the demo budget's way from entry workbook to public PDF, against WeasyPrint rendering the same text as
plain HTML, in one process, alternating: the ratio of the two medians is the figure of docs/performance.md.

(a) pipeline: a fresh database holding the demo's department and its draft budget (narrative texts only);
    `import_budget` reads the demo's entry workbook, the budget is approved, `publish_budget` publishes it
    (it returns once the PDF is public).
(b) plain: the reference document's text (tests/data/luquan-cac-2024-budget.txt), one <p> per line, rendered
    by WeasyPrint on the same A4 pages in the same font, under the same conditions as the product's render
    (Python's cyclic collector paused, pdf.collector_paused): the ratio (a)/(b) compares the two documents.
(b') the same, as WeasyPrint renders it by default, the collector running: for comparison only, since the
    collector's cost depends on the process (here one holding Django and the demo) more than on the document.
(c) the demo's PDF alone: pdf.render of its document, in process.
(c') with --untagged: the same untagged (pdf.PDF_VARIANT None, as before the PDF was tagged); (c)/(c') is what
    tagging costs.
(d) the demo's final accounts (the reference 部门决算) the same way: its 决算填报模板 filled, imported into its draft
    by `import_final_accounts`, approved, published by `publish_final_accounts` (returns once the PDF is public).

Usage: .venv/bin/python scripts/bench_pipeline.py [--repeat N] [--untagged]
"""

import argparse
import html
import io
import os
import platform
import shutil
import statistics
import time
from unittest.mock import patch

from benchlib import ROOT, setup_django

REFERENCE = ROOT / "tests" / "data" / "luquan-cac-2024-budget.txt"
PLAIN_CSS = '@page { size: A4; margin: 18mm 15mm 20mm; } html { font-family: "Noto Sans CJK SC"; font-size: 10.5pt; line-height: 1.6; } p { margin: .3em 0; }'


def plain_html():
    """The reference text as plain HTML: one paragraph per non-blank line, markers of the source dropped."""
    lines = (line.replace("[bookmark: ", "[").strip() for line in REFERENCE.read_text(encoding="utf-8").splitlines())
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line and line != "page number")
    return f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"></head><body>{paragraphs}</body></html>'


def seconds(action):
    """(wall, CPU) seconds of the action. CPU time is this process's own: the machine is shared, and other jobs
    stretch the wall time but not the CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-warm-up", action="store_true",
                        help="no untimed first run of each (for the test that the script runs): the first timed run "
                             "then includes loading WeasyPrint and the fonts")
    parser.add_argument("--untagged", action="store_true", help="also the demo's PDF untagged, for tagging's cost")
    arguments = parser.parse_args()
    repeat = arguments.repeat
    work = setup_django(pages=False)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from weasyprint import CSS, HTML

    from budget import document, pdf
    from budget.exchange import entry_workbook
    from budget.models import Budget
    from budget.samples import demo
    from final_accounts import exchange
    from final_accounts.models import FinalAccounts
    from final_accounts.samples import demo as final_accounts_demo

    # The demo's workbook, then the database as a department has it before its import: the narrative entered,
    # no lines. Every run of (a) starts from a copy of that file.
    budget = demo._load_draft_budget()  # the demo's data, unpublished
    workbook = work / "demo.xlsx"
    workbook.write_bytes(entry_workbook.workbook(budget))
    Budget.objects.filter(pk=budget.pk).delete()
    Budget.objects.create(department=budget.department, year=demo.YEAR, assets_as_of=budget.assets_as_of,
                          **demo.PRIOR_YEAR, **demo.TEXTS)
    # The same for the final accounts: their workbook, then their draft with the entered facts and no rows.
    accounts = final_accounts_demo.load_draft()
    final_workbook = work / "final-accounts.xlsx"
    final_workbook.write_bytes(exchange.workbook(accounts))
    for rows in (accounts.lines, accounts.income_lines, accounts.carryovers, accounts.item_budgets):
        rows.all().delete()
    code = final_accounts_demo.putuo.DEPARTMENT["code"]
    database = settings.DATABASES["default"]["NAME"]
    connections.close_all()
    fresh = work / "fresh.sqlite3"
    shutil.copy(database, fresh)

    def pipeline():
        call_command("import_budget", "224", demo.YEAR, str(workbook), stdout=io.StringIO())
        Budget.objects.filter(department__code="224", year=demo.YEAR).update(status=Budget.Status.APPROVED)
        call_command("publish_budget", "224", demo.YEAR, stdout=io.StringIO())

    def final_accounts_pipeline():
        call_command("import_final_accounts", code, demo.YEAR, str(final_workbook), stdout=io.StringIO())
        FinalAccounts.objects.filter(department__code=code, year=demo.YEAR).update(status=FinalAccounts.Status.APPROVED)
        call_command("publish_final_accounts", code, demo.YEAR, stdout=io.StringIO())
        final = FinalAccounts.objects.get(department__code=code, year=demo.YEAR).current_version()
        assert final is not None and final.pdf.read(5) == b"%PDF-", "the final accounts' pipeline left no public PDF"

    def from_fresh(action):
        connections.close_all()
        shutil.copy(fresh, database)
        return seconds(action)

    def run_pipeline():
        return from_fresh(pipeline)

    def run_final_accounts():
        return from_fresh(final_accounts_pipeline)

    plain = plain_html()
    plain_css = CSS(string=PLAIN_CSS)

    def render_plain():
        HTML(string=plain).write_pdf(stylesheets=[plain_css])

    def run_plain():
        with pdf.collector_paused():
            return seconds(render_plain)

    def run_plain_default():
        return seconds(render_plain)

    def run_render():
        doc = document.build(Budget.objects.get(department__code="224", year=demo.YEAR))
        return seconds(lambda: pdf.render(doc))

    def run_render_untagged():
        with patch.object(pdf, "PDF_VARIANT", None):
            return run_render()

    # The final accounts first: each pipeline starts from the fresh copy, and (c) renders what (a) published.
    runs = {"final_accounts": run_final_accounts, "pipeline": run_pipeline, "plain": run_plain,
            "plain_default": run_plain_default, "render": run_render}
    if arguments.untagged:
        runs["render_untagged"] = run_render_untagged
    first = {} if arguments.no_warm_up else {name: run() for name, run in runs.items()}  # loads WeasyPrint, fonts
    times = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            times[name].append(run())
    first = first or {name: values[0] for name, values in times.items()}
    published = Budget.objects.get(department__code="224", year=demo.YEAR).current_version()
    assert published is not None and published.pdf.read(5) == b"%PDF-", "the pipeline left no public PDF"
    wall = {name: statistics.median(wall for wall, _ in values) for name, values in times.items()}
    cpu = {name: statistics.median(cpu for _, cpu in values) for name, values in times.items()}

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average {os.getloadavg()[0]:.1f}; "
          f"{repeat} runs each, alternating, "
          + ("with no untimed run first" if arguments.no_warm_up else "after one untimed run of each"))
    print()
    print("| what | wall s, median | CPU s, median | wall s, first run |")
    print("|---|---:|---:|---:|")
    for name, label in (("pipeline", "(a) demo workbook → public PDF: import_budget + publish_budget, fresh database"),
                        ("plain", "(b) WeasyPrint: the reference text as plain HTML, same font and page, collector "
                                  "paused as in (a)"),
                        ("plain_default", "(b') the same, collector running (WeasyPrint's default)"),
                        ("render", "(c) the demo's PDF alone (pdf.render, in process)"),
                        ("render_untagged", "(c') the same, untagged"),
                        ("final_accounts", "(d) the demo's final accounts: workbook → public PDF, import_final_accounts "
                                           "+ publish_final_accounts, fresh database")):
        if name not in runs:
            continue
        print(f"| {label} | {wall[name]:.2f} | {cpu[name]:.2f} | {first[name][0]:.2f} |")
    print()
    print(f"ratio (a)/(b) of the medians: wall {wall['pipeline'] / wall['plain']:.2f}, "
          f"CPU {cpu['pipeline'] / cpu['plain']:.2f} (goal ≤ 1.5)")
    print(f"ratio (a)/(b') of the medians: wall {wall['pipeline'] / wall['plain_default']:.2f}, "
          f"CPU {cpu['pipeline'] / cpu['plain_default']:.2f}")
    if arguments.untagged:
        print(f"tagging, (c)/(c') of the medians: wall {wall['render'] / wall['render_untagged']:.2f}, "
              f"CPU {cpu['render'] / cpu['render_untagged']:.2f}")


if __name__ == "__main__":
    main()
