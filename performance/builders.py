"""The pure builders of performance's tables (a project's 绩效指标 table, and the 自评表's: performance/report_tables.py):
plain values in, rows of cells out, like budget.builders; no database, no Django."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """A cell of a table, spanning rowspan rows."""

    text: str
    rowspan: int = 1


def _run_lengths(keys: Sequence[object]) -> list[int]:
    """For each position, the length of the run of equal keys that starts there; 0 inside a run."""
    lengths = [0] * len(keys)
    start = 0
    while start < len(keys):
        end = start
        while end + 1 < len(keys) and keys[end + 1] == keys[start]:
            end += 1
        lengths[start] = end - start + 1
        start = end + 1
    return lengths


def indicator_rows(indicators: Sequence[Sequence[str]]) -> list[list[Cell]]:
    """Rows of a table of indicators; each indicator is its cells in order, 一级 and 二级 first: (一级, 二级, 三级, 描述,
    指标值, 依据) in the 绩效目标表, (一级, 二级, 三级, 指标值, 实际完成值, 分值, 得分, 偏差原因) in the 自评表.

    The 一级 cell spans its consecutive rows, the 二级 cell each run of equal 二级 under one 一级;
    a spanned cell is left out of the rows it covers, as in HTML.
    """
    level1_runs = _run_lengths([indicator[:1] for indicator in indicators])
    level2_runs = _run_lengths([indicator[:2] for indicator in indicators])
    rows: list[list[Cell]] = []
    for indicator, level1_run, level2_run in zip(indicators, level1_runs, level2_runs, strict=True):
        cells = []
        if level1_run:
            cells.append(Cell(indicator[0], level1_run))
        if level2_run:
            cells.append(Cell(indicator[1], level2_run))
        rows.append(cells + [Cell(text) for text in indicator[2:]])
    return rows
