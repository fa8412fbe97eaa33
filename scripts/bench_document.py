#!/usr/bin/env python
"""Time the budget document: the published page and PDF as served, and rendering the PDF, for the demo
and a large synthetic budget. Prints a Markdown table for docs/performance.md.

Usage: .venv/bin/python scripts/bench_document.py [--repeat N]
"""

import argparse

from benchlib import fetch, print_table, published_budgets, setup_django, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    setup_django()
    from django.test import Client

    from budget import document, pdf

    client = Client()
    rows = []
    for label, budget in published_budgets():
        url = budget.get_absolute_url()
        fetch(client, url)  # warm the template cache
        rows.append((f"{label}: published HTML page", *timed(lambda: fetch(client, url), repeat)))
        rows.append((f"{label}: PDF rendered (at publication)", *timed(lambda: pdf.render(document.build(budget)), repeat)))
        rows.append((f"{label}: published PDF served", *timed(lambda: fetch(client, url + "pdf/"), repeat)))
    print_table(rows, repeat, note=", in-process Django test client")


if __name__ == "__main__":
    main()
