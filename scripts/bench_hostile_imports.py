#!/usr/bin/env python
"""Time and memory of importing hostile files (tests/hostile_files.py) into a draft budget, each refused or
imported through imports.import_budget as `manage.py import_budget` does, and of a 20,000-line entry
workbook's preview (parse) and confirm (import). Prints a Markdown table for docs/performance.md.

Peak memory is tracemalloc's peak of Python allocations in a separate run (tracemalloc slows the code, so
times are measured without it).

Usage: .venv/bin/python scripts/bench_hostile_imports.py [--repeat N]
"""

import argparse
import statistics
import time
import tracemalloc

from benchlib import print_table, setup_django


def import_or_refuse(budget, content, filename="bench.xlsx"):
    """Import the file; a refusal (a ValidationError) is an outcome too. Returns the outcome's first words."""
    from django.core.exceptions import ValidationError

    from budget import access
    from budget.exchange import imports

    try:
        parsed = imports.import_budget(budget, filename, content, access.COMMAND_LINE)
    except ValidationError as error:
        return f"refused: {error.messages[0][:60]}"
    return f"imported {len(parsed.lines):,} lines"


def measured(action, repeat):
    """Median and max wall ms of the action, its tracemalloc peak in MB and its (last) result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return statistics.median(times), max(times), peak, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    setup_django()
    from budget.exchange import entry_workbook, imports
    from budget.samples import synthetic
    from tests import hostile_files as hostile

    target = synthetic.create_budget("901", lines=0, projects=0, indicators=0)
    grid = [[hostile.Number(str(row))] * 20 for row in range(1, 30_001)]
    files = {
        "dimension bomb A1:XFD1048576 (12 lines)": hostile.dimension_bomb(),
        "blank-row bomb (2,000,000 empty rows)": hostile.blank_row_bomb(),
        "100,000 lines": hostile.rows_bomb(),
        "zip bomb (200 MB of XML)": hostile.zip_bomb(),
        "30,000 rows × 20 number cells": hostile.entry_xlsx({imports.LINES: grid}),
        "billion-laughs DTD": hostile.entities(),
    }
    rows = []
    for label, content in files.items():
        median, worst, peak, outcome = measured(lambda: import_or_refuse(target, content), options.repeat)
        rows.append((f"{label}, {len(content) / 1024 / 1024:.1f} MB: {outcome}; peak {peak:.0f} MB", median, worst))

    source = synthetic.create_budget("900", lines=20_000, projects=40, indicators=10)
    workbook = entry_workbook.workbook(source)
    for label, action in [("preview (parse)", lambda: imports.parse(target, "bench.xlsx", workbook)),
                          ("confirm (import)", lambda: import_or_refuse(target, workbook))]:
        median, worst, peak, _ = measured(action, options.repeat)
        rows.append((f"20,000-line entry workbook ({len(workbook) // 1024} KB): {label}; peak {peak:.0f} MB", median, worst))
    print_table(rows, options.repeat)


if __name__ == "__main__":
    main()
