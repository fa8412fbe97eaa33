#!/usr/bin/env python
"""Time the data downloads of the demo budget and of a large synthetic one: the nine tables' workbook (public,
from the frozen version, and admin, built live), budget.json, a table's CSV, lines.csv and the year's zip.
Prints a Markdown table for docs/performance.md.

Usage: .venv/bin/python scripts/bench_exports.py [--repeat N]
"""

import argparse

from benchlib import fetch, print_table, published_budgets, setup_django, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from budget.samples import demo

    budgets = published_budgets()
    client = Client()
    client.force_login(get_user_model().objects.get(username=demo.DEMO_USERNAME))
    rows = []
    for label, budget in budgets:
        url = budget.get_absolute_url()
        for what, target in (
            ("nine tables .xlsx, public (frozen)", f"{url}tables.xlsx"),
            ("nine tables .xlsx, admin (built live)", f"/admin/budget/budget/{budget.pk}/workbook/"),
            ("budget.json", f"{url}budget.json"),
            ("table 2 .csv", f"{url}tables/2.csv"),
            ("lines.csv", f"{url}lines.csv"),
        ):
            fetch(client, target)  # warm up
            rows.append((f"{label}: {what}", *timed(lambda: fetch(client, target), repeat)))
    zip_url = f"/budgets/{budgets[0][1].year}/open-data.zip"
    fetch(client, zip_url)
    rows.append(("2024 open-data.zip (both budgets)", *timed(lambda: fetch(client, zip_url), repeat)))
    print_table(rows, repeat, note=", in-process Django test client")


if __name__ == "__main__":
    main()
