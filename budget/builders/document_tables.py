"""The document's other tables: 政府采购预算 and 部门固定资产占用情况表 (a project's 绩效指标 table: performance.builders).

Pure functions like budget.builders.tables: plain values in, rows of cells out (str labels, Decimal 元 figures).
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget.builders import tables
from budget.builders.money import ZERO, has_tail_difference


@dataclass(frozen=True)
class Purchase:
    """One 政府采购 item, as plain values."""

    unit_code: str
    unit_name: str
    project_name: str
    project_amount: Decimal | None
    item_name: str
    catalog_code: str
    measure_unit: str
    quantity: Decimal
    unit_price: Decimal
    source: str
    is_carryover: bool
    amount: Decimal
    sme_reserved: Decimal


ProcurementCell = str | Decimal | None  # a label, or 元 (None: a blank 预算资金)
Holdings = dict[str, tuple[Decimal | None, Decimal]]  # category → (quantity, 元 value)

# The funding columns of the procurement table, after its 合计.
PROCUREMENT_SOURCE_COLUMNS: list[Callable[[Purchase], bool]] = [
    lambda p: not p.is_carryover and p.source == tables.GENERAL_BUDGET,
    lambda p: not p.is_carryover and p.source == tables.GOVERNMENT_FUND,
    lambda p: not p.is_carryover and p.source == tables.STATE_CAPITAL,
    lambda p: not p.is_carryover and p.source == tables.SPECIAL_ACCOUNT,
    lambda p: not p.is_carryover and p.source in tables.UNIT_FUND_SOURCES,
    lambda p: p.is_carryover,
]


def plain_number(number: Decimal) -> str:
    """A Decimal without trailing zeros: 1.00 → "1", 7.50 → "7.5"."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _funding(purchases: Sequence[Purchase]) -> list[Decimal]:
    """合计, the six funding columns and the SME share, summed over the purchases."""
    return [
        sum((p.amount for p in purchases), ZERO),
        *(sum((p.amount for p in purchases if column(p)), ZERO) for column in PROCUREMENT_SOURCE_COLUMNS),
        sum((p.sme_reserved for p in purchases), ZERO),
    ]


def procurement_header(year: int) -> list[list[tables.HeaderCell]]:
    """The 政府采购预算 table's two header rows, as the reference document prints them."""
    cell = tables.HeaderCell
    return [
        [cell("政府采购项目来源", colspan=2), cell("采购物品名称", rowspan=2), cell("政府采购目录序号", rowspan=2),
         cell("计量单位", rowspan=2), cell("数量", rowspan=2), cell("单价", rowspan=2),
         cell("政府采购金额（当年部门预算安排资金）", colspan=7), cell(f"{year}年预留中小微企业份额", rowspan=2)],
        [cell("项目名称"), cell("预算资金"), cell("合计"), cell("一般公共预算拨款"), cell("基金预算拨款"),
         cell("国有资本经营预算拨款"), cell("财政专户核拨"), cell("单位资金"), cell("上年结转结余")],
    ]


def _by_unit(purchases: Sequence[Purchase]) -> list[tuple[str, list[Purchase]]]:
    """(unit name, its purchases) in unit code order."""
    by_unit: defaultdict[tuple[str, str], list[Purchase]] = defaultdict(list)
    for purchase in purchases:
        by_unit[(purchase.unit_code, purchase.unit_name)].append(purchase)
    return [(unit_name, items) for (_, unit_name), items in sorted(by_unit.items())]


def procurement_rows(purchases: Sequence[Purchase]) -> list[list[ProcurementCell]]:
    """合计, then per unit its 小计 and its items, in unit code order."""
    if not purchases:
        return []
    blank = [""] * 6
    rows: list[list[ProcurementCell]] = [["合  计", *blank, *_funding(purchases)]]
    for unit_name, items in _by_unit(purchases):
        rows.append([f"{unit_name}小计", *blank, *_funding(items)])
        for p in items:
            rows.append([
                p.project_name, p.project_amount, p.item_name, p.catalog_code, p.measure_unit,
                plain_number(p.quantity), p.unit_price, *_funding([p]),
            ])
    return rows


def procurement_has_tail_difference(purchases: Sequence[Purchase]) -> bool:
    """True when a printed total of the procurement table differs from the sum of its printed parts: a row's 合计
    and its funding columns, 合计 and the units' 小计, a 小计 and its items."""
    total = _funding(purchases)
    groups = [(_funding(items), [_funding([p]) for p in items]) for _, items in _by_unit(purchases)]
    rows = [total, *(row for subtotal, items in groups for row in (subtotal, *items))]
    totals_and_parts = [(total, [subtotal for subtotal, _ in groups]), *groups]
    return any(has_tail_difference(row[0], row[1:7]) for row in rows) or any(
        has_tail_difference(total[column], (part[column] for part in parts))
        for total, parts in totals_and_parts for column in range(len(total))
    )


def procured_goods(purchases: Sequence[Purchase]) -> Decimal:
    """元 of the purchases of goods: 政府采购品目分类目录 codes starting with A (B is works, C services)."""
    return sum((p.amount for p in purchases if p.catalog_code.upper().startswith("A")), ZERO)


ASSET_ROWS = [
    ("buildings", "1、房屋（平方米）"),
    ("office_space", "　　其中：办公用房（平方米）"),
    ("vehicles", "2、车辆（台、辆）"),
    ("large_equipment", "3、单价在20万元以上的设备"),
    ("other", "4、其他固定资产"),
]
SUBSET_CATEGORIES = {"office_space"}  # 办公用房 is part of 房屋, not added to the total again


def asset_total(holdings: Holdings) -> Decimal:
    """资产总额 in 元; holdings map category → (quantity, value)."""
    return sum((value for category, (_, value) in holdings.items() if category not in SUBSET_CATEGORIES), ZERO)


def assets_have_tail_difference(holdings: Holdings) -> bool:
    """True when the printed 资产总额 differs from the sum of its printed categories."""
    values = [value for category, (_, value) in holdings.items() if category not in SUBSET_CATEGORIES]
    return has_tail_difference(asset_total(holdings), values)


def asset_rows(holdings: Holdings) -> list[list[str | Decimal]]:
    """资产总额, then the five fixed rows: [label, quantity, value]."""
    rows: list[list[str | Decimal]] = [["资产总额", "", asset_total(holdings)]]
    for category, label in ASSET_ROWS:
        quantity, value = holdings.get(category, (None, ZERO))
        rows.append([label, plain_number(quantity) if quantity is not None else "", value])
    return rows

