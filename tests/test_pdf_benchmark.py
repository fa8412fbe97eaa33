"""The pipeline benchmark runs (its figures belong in docs/performance.md, not in a test)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.real_pdf
def test_pipeline_benchmark_publishes_the_demo_workbooks_and_prints_the_ratio():
    run = subprocess.run([sys.executable, "scripts/bench_pipeline.py", "--repeat", "1", "--no-warm-up"], cwd=ROOT,
                         capture_output=True, text=True, check=True)

    assert "| (a) demo workbook → public PDF" in run.stdout
    assert "| (b') the same, collector running" in run.stdout
    assert "| (d) the demo's final accounts: workbook → public PDF" in run.stdout
    for baseline in ("b", "b'"):
        assert re.search(rf"^ratio \(a\)/\({baseline}\) of the medians: wall \d+\.\d\d, CPU \d+\.\d\d", run.stdout,
                         re.M)
