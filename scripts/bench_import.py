#!/usr/bin/env python
"""Time importing an entry workbook of 10,000 line items (and 40 projects × 10 indicators) into a draft
budget, and exporting it again. Prints a Markdown table for docs/performance.md.

Usage: .venv/bin/python scripts/bench_import.py [--lines N] [--repeat N]
"""

import argparse

from benchlib import print_table, setup_django, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    setup_django()
    from budget import access
    from budget.exchange import entry_workbook, imports
    from budget.samples import synthetic

    # A synthetic budget gives a realistic workbook: export it, then import it into an empty budget.
    source = synthetic.create_budget("900", lines=options.lines, projects=40, indicators=10)
    workbook = entry_workbook.workbook(source)
    target = synthetic.create_budget("901", lines=0, projects=0, indicators=0)
    # Unit codes in the workbook are the source department's own (empty), so they fit any department.
    rows = [
        (f"export entry workbook ({options.lines:,} lines)", *timed(lambda: entry_workbook.workbook(source), options.repeat)),
        (f"import entry workbook ({options.lines:,} lines, all checks, replace)",
         *timed(lambda: imports.import_budget(target, "bench.xlsx", workbook, access.COMMAND_LINE), options.repeat)),
    ]
    assert target.lines.count() == options.lines
    print_table(rows, options.repeat, note=f", workbook {len(workbook) // 1024} KB")


if __name__ == "__main__":
    main()
