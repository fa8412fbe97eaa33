"""The reference document (tests/data/luquan-cac-2024-budget.txt, a copy of shared/reference/) read
into its nine tables: for each, the title, the three lines above it, the 栏次 row and the data rows."""

import re
from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).parent / "data" / "luquan-cac-2024-budget.txt"
TABLE_START = re.compile(r"^\s*\[bookmark: _Toc_2_2_000000000(\d)\](.+)$")


@dataclass
class ReferenceTable:
    number: int
    title: str
    meta: list
    column_numbers: list
    rows: list
    note: str


def _row_groups(lines):
    """Cells grouped into rows: a row is a run of tab-indented lines, ended by a blank line."""
    groups, current = [], []
    for line in lines:
        if line.startswith("\t"):
            current.append(line[1:].strip())
        elif not line.strip() and current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def reference_tables():
    """The nine tables of the reference, in order."""
    text = REFERENCE.read_text(encoding="utf-8").splitlines()
    starts = [(i, TABLE_START.match(line)) for i, line in enumerate(text) if TABLE_START.match(line)]
    end_of_tables = next(i for i, line in enumerate(text) if line.startswith("第一部分"))
    tables = []
    for index, (start, match) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else end_of_tables
        body = text[start + 1 : stop]
        groups = _row_groups(body)
        meta, rows = groups[0], groups[1:]
        numbers_at = next(i for i, row in enumerate(rows) if row[0] == "栏次")
        note = corrected(next((line for line in body if line.startswith("注：")), ""))
        tables.append(
            ReferenceTable(
                number=int(match.group(1)),
                title=match.group(2).strip(),
                meta=meta,
                column_numbers=rows[numbers_at][1:],
                rows=rows[numbers_at + 1 :],
                note=note,
            )
        )
    return tables


BOOKMARK = re.compile(r"^\s*\[bookmark: [^\]]*\]")

# The reference's slips of wording, which the product writes right (docs/tables.md); its figures stay, but for one
# that contradicts the reference's own tables. Each (pattern, replacement, why).
SLIPS = [
    ("注：无政府基金预算", "注：无政府性基金预算", "the fund is called 政府性基金"),
    ("注：无财政拨款“三公”经费支出表预算", "注：无财政拨款“三公”经费预算", "the budget is of 三公经费, not of a table"),
    (r"万元\)", "万元）", "a full-width （ closed by an ASCII )"),
    ("》、《", "》《", "no 顿号 between book titles in a row (GB/T 15834)"),
    (r"(等项目资金|主要为我单位项目有新增内容|等网络安全的技术服务)$", r"\1。", "a paragraph without its closing 。"),
    (
        r"与2023年相比增加0\.00万元，增减变化的主要原因是.*?公务接待费0\.00万元。",
        "",
        "no change is not an increase of 0.00万元, and the reason given repeats the sentence before it",
    ),
    (
        r"本年度拟购置固定资产总额为0\.00万元，已按要求列入政府采购预算，详见政府采购预算表。",
        "本年度拟购置固定资产总额为0.50万元。",
        "its own table 6 lists 0.50万元 of 31002 办公设备购置 (经济分类 310), and its procurement holds services only",
    ),
]


def corrected(line):
    """A line of the reference with its slips written right."""
    for pattern, replacement, _ in SLIPS:
        line = re.sub(pattern, replacement, line)
    return line
AMOUNT = re.compile(r"\d+\.\d{2}万元")


def _lines():
    return REFERENCE.read_text(encoding="utf-8").splitlines()


def explanation_lines():
    """The lines of 第一部分 (the explanation), bookmarks removed, blank lines dropped."""
    lines = _lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("第一部分"))
    cleaned = (BOOKMARK.sub("", line).strip() for line in lines[start:])
    return [line for line in cleaned if line]


def section_headings():
    """The numbered section headings of the explanation, in order."""
    return [BOOKMARK.sub("", line).strip() for line in _lines() if "_Toc_3_3_" in line]


def amount_sentences():
    """Every line of the explanation that quotes an amount in 万元, as the product writes it (corrected)."""
    return [corrected(line) for line in explanation_lines() if AMOUNT.search(line)]


def _block(start_marker, stop_marker):
    """The row groups between two marker lines."""
    lines = _lines()
    start = next(i for i, line in enumerate(lines) if start_marker in line)
    stop = next(i for i in range(start + 1, len(lines)) if stop_marker in lines[i])
    return _row_groups(lines[start + 1 : stop])


def project_sheets():
    """{title: indicator rows} of each 绩效目标表, with the 一级 cell repeated where the reference leaves it blank."""
    lines = _lines()
    titles = [(i, line.strip()) for i, line in enumerate(lines) if line.strip().endswith("绩效目标表")]
    sheets = {}
    for index, (start, title) in enumerate(titles):
        stop = titles[index + 1][0] if index + 1 < len(titles) else next(
            i for i, line in enumerate(lines) if "_Toc_3_3_0000000017" in line
        )
        groups = _row_groups(lines[start + 1 : stop])
        header_at = next(i for i, row in enumerate(groups) if row[0] == "一级指标")
        rows, level1 = [], ""
        for row in groups[header_at + 1 :]:
            level1 = row[0] or level1
            rows.append([level1, *row[1:]])
        sheets[title] = rows
    return sheets


def procurement_rows():
    """The data rows of 部门政府采购预算."""
    groups = _block("_Toc_3_3_0000000017", "注：同一采购目录序号")
    return groups[-4:]


def asset_rows():
    """The rows of 部门固定资产占用情况表 after its header."""
    groups = _block("部门固定资产占用情况表", "1、财政拨款收入")
    header_at = next(i for i, row in enumerate(groups) if row[0].replace(" ", "") == "项目")
    return groups[header_at + 1 :]
