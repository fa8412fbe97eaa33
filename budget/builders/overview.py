"""The summary and charts at the top of a budget document (totals, shares, change, four charts).

Pure: built from a Document's tables and summary and the department's totals of earlier years, so its
figures are the tables' figures.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budget.builders import codes, narrative
from budget.builders.charts import Chart
from budget.builders.money import ZERO, percent
from budget.builders.tables import Table

if TYPE_CHECKING:  # document builds the overview, so it is imported only for the checker
    from budget.document import Document


@dataclass(frozen=True)
class Figure:
    label: str
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class Overview:
    figures: list[Figure]
    charts: list[Chart]


def class_items(table: Table) -> list[tuple[str, Decimal]]:
    """(code name, 元 合计) of a table's 类 rows (table 3's function 类, table 6's economic 类)."""
    return [(f"{row.code} {row.label}", row.figures[0] or ZERO) for row in table.rows if row.kind == codes.CLASS]


def change_note(current: Decimal, prior: Decimal | None) -> str:
    """"比上年增加1.00万元（2.6%）", "与上年持平" or "无上年数据"."""
    phrase = narrative.change_phrase(current, prior)
    if phrase is None:
        return "无上年数据"
    if current == prior:
        return "与上年持平"
    return f"比上年{phrase}（{percent(abs(current - prior), prior)}）" if prior else f"比上年{phrase}"


def build(doc: "Document", history: list[tuple[int, Decimal]]) -> Overview:
    """The Overview of a Document; history is [(year, 元 total)] of the department's earlier published years."""
    s = doc.summary
    total = s.expenditure_total
    figures = [
        Figure("支出总额", total, change_note(total, doc.prior.total)),
        Figure("基本支出", s.basic, f"占{percent(s.basic, total)}"),
        Figure("项目支出", s.project, f"占{percent(s.project, total)}"),
        Figure("“三公”经费", s.three_public, change_note(s.three_public, doc.prior.three_public)),
        Figure("机关运行经费", s.administrative_running_cost, f"占基本支出{percent(s.administrative_running_cost, s.basic)}"),
    ]
    kinds = [("基本支出", s.basic), ("项目支出", s.project)] + ([("其他支出", s.other_kinds)] if s.other_kinds else [])
    years = sorted([*history, (doc.budget.year, total)])
    charts = [
        Chart("chart-function", "支出按功能分类（类）", class_items(doc.tables[2])),
        Chart("chart-economic", "一般公共预算基本支出按经济分类（类）", class_items(doc.tables[5])),
        Chart("chart-kind", "基本支出与项目支出", kinds),
        Chart("chart-years", "历年支出总额", [(f"{year}年", amount) for year, amount in years], shows_shares=False),
    ]
    return Overview(figures, [chart for chart in charts if chart.items])
