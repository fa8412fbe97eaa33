#!/usr/bin/env python
"""Time the portal's listings with many published departments: home, year overview, search, sitemap,
uncached (cache cleared before each request) and cached. Prints a Markdown table for docs/performance.md.

Usage: .venv/bin/python scripts/bench_portal.py [--departments N] [--repeat N]
"""

import argparse

from benchlib import fetch, print_table, setup_django, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--departments", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    setup_django()
    from django.core.cache import cache
    from django.test import Client

    from budget.models import PublishedVersion
    from budget.samples import demo, synthetic

    demo.load()
    synthetic.publish_many(options.departments, [2024], PublishedVersion.objects.get().pdf.read())
    client = Client()
    pages = {
        "home (newest year)": "/",
        "year overview, page 1, sorted by total": "/budgets/2024/?sort=-expenditure_total",
        "search by project name": "/?q=测试项目5123-1",
        "sitemap.xml": "/sitemap.xml",
        "department page": "/budgets/2024/224/",
    }
    rows = []
    for label, url in pages.items():
        rows.append((f"{label}: uncached", *timed(lambda: (cache.clear(), fetch(client, url)), options.repeat)))
        fetch(client, url)
        rows.append((f"{label}: cached", *timed(lambda: fetch(client, url), options.repeat)))
    print_table(rows, options.repeat, note=f", {options.departments + 1} published departments, test client")


if __name__ == "__main__":
    main()
