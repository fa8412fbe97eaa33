#!/usr/bin/env python
"""Time the documents: the published page and PDF as served, and rendering the PDF, for the demo budget, a large
synthetic budget and the demo final accounts (部门决算, with their PDF's page count). Prints a Markdown table for
docs/performance.md.

Usage: .venv/bin/python scripts/bench_document.py [--repeat N]
"""

import argparse
import io

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
    rows += final_accounts_rows(client, repeat)
    print_table(rows, repeat, note=", in-process Django test client")


def final_accounts_rows(client, repeat):
    """The demo final accounts (the reference's, loaded as load_demo does) and large synthetic ones: page, document
    built, PDF render (on the queue), PDF served; each labelled with its PDF's page count."""
    from final_accounts.models import FinalAccounts
    from final_accounts.samples import demo, synthetic

    demo.load()
    reference = FinalAccounts.objects.get(department__code=demo.putuo.DEPARTMENT["code"], year=demo.putuo.YEAR)
    synthetic.add_items(2024, 60)
    large = synthetic.create_final_accounts("901", lines=400)
    synthetic.publish(large)
    items = large.lines.values("function_subject").distinct().count()
    return [row for label, accounts in (("final accounts (reference", reference), (f"final accounts (synthetic: 400 "
            f"lines over {items} 项", large)) for row in _final_accounts_rows(client, repeat, label, accounts)]


def _final_accounts_rows(client, repeat, label, accounts):
    from pypdf import PdfReader

    from budget import pdf
    from final_accounts import document, publication

    version = accounts.current_version()
    label = f"{label}, {len(PdfReader(io.BytesIO(version.pdf.read())).pages)} pages)"
    url = accounts.get_absolute_url()
    fetch(client, url)
    return [
        (f"{label}: published HTML page", *timed(lambda: fetch(client, url), repeat)),
        (f"{label}: document built and its HTML", *timed(lambda: document.body(document.build(accounts)), repeat)),
        (f"{label}: PDF rendered (at publication)", *timed(lambda: pdf.write(publication.page(version)), repeat)),
        (f"{label}: published PDF served", *timed(lambda: fetch(client, url + "pdf/"), repeat)),
    ]


if __name__ == "__main__":
    main()
