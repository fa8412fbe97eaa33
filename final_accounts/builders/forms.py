"""A region's form of the 部门决算 document, as data: the tables' titles and order, the expenditure classes tables 1 and
4 list, the economic codes table 6 prints, how an empty cell and a large figure print.

Each region is one JSON file in final_accounts/forms/ (adding a region is adding a file); load(name) reads it.
Pure: no Django.
"""

import json
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

# The nine tables by what they are; a form orders and names them.
INCOME_EXPENDITURE = "income_expenditure"  # 收入支出决算总表
INCOME = "income"  # 收入决算表
EXPENDITURE = "expenditure"  # 支出决算表
FISCAL = "fiscal"  # 财政拨款收入支出决算总表
GENERAL_BUDGET = "general_budget"  # 一般公共预算财政拨款支出决算表
GENERAL_BUDGET_BASIC = "general_budget_basic"  # 一般公共预算财政拨款基本支出决算表
THREE_PUBLIC = "three_public"  # 财政拨款“三公”经费支出决算表
GOVERNMENT_FUND = "government_fund"  # 政府性基金预算财政拨款收入支出决算表
STATE_CAPITAL = "state_capital"  # 国有资本经营预算财政拨款收入支出决算表
TABLE_KEYS = (INCOME_EXPENDITURE, INCOME, EXPENDITURE, FISCAL, GENERAL_BUDGET, GENERAL_BUDGET_BASIC, THREE_PUBLIC,
              GOVERNMENT_FUND, STATE_CAPITAL)

# The fund tables' columns: with the carry-overs (年初, 本年收入, 本年支出, 年末) or the year's expenditure only.
WITH_CARRYOVERS = "with_carryovers"
EXPENDITURE_ONLY = "expenditure_only"
FUND_COLUMNS = (WITH_CARRYOVERS, EXPENDITURE_ONLY)

NAME = re.compile(r"^[a-z][a-z0-9_]*$")  # a form's file name: no path can be smuggled in
CODE = re.compile(r"^\d{3}(\d{2})?$")  # a 类 or 款


class FormError(ValueError):
    """A form file that does not say what a form must."""


@dataclass(frozen=True)
class TableForm:
    """One table as a form prints it: its key (TABLE_KEYS), title, the note an empty table shows ({department} is
    the department's name) and, for the fund tables, which columns."""

    key: str
    title: str
    empty_note: str = ""
    columns: str = WITH_CARRYOVERS


@dataclass(frozen=True)
class Form:
    """A region's form of the document's nine tables."""

    name: str
    region: str
    tables: tuple[TableForm, ...]  # in the document's order
    classes: tuple[tuple[str, str], ...]  # (功能分类 类, name as printed): tables 1 and 4's expenditure rows
    basic_codes: tuple[tuple[str, str], ...]  # (经济分类 类 or 款, name as printed): table 6's list, printed even at zero
    empty_cell: str  # what a zero prints as: "" or "0.00"
    grouped: bool  # thousands separators: "2,940.05"
    meta: tuple[str, ...]  # the lines above each table ({department} is the department's name)
    source: str = ""  # what the form was taken from

    def table(self, key: str) -> TableForm:
        """The form of the table `key`."""
        return next(table for table in self.tables if table.key == key)

    def number(self, key: str) -> int:
        """Where the table `key` falls in the document, from 1."""
        return [table.key for table in self.tables].index(key) + 1

    def meta_lines(self, department_name: str) -> list[str]:
        """The lines above each table, for this department."""
        return [line.format(department=department_name) for line in self.meta]


def names() -> list[str]:
    """The forms shipped, by file name."""
    return sorted(path.name.removesuffix(".json") for path in _folder().iterdir() if path.name.endswith(".json"))


def load(name: str) -> Form:
    """The form in final_accounts/forms/{name}.json."""
    if not NAME.match(name) or name not in names():
        raise FormError(f"没有名为“{name}”的决算表样（可用：{'、'.join(names())}）。")
    return parse(name, json.loads(_folder().joinpath(f"{name}.json").read_text(encoding="utf-8")))


def parse(name: str, data: dict[str, Any]) -> Form:
    """A form from its JSON's data, refused with a Chinese message where it lacks or repeats a table or a code."""
    tables = tuple(TableForm(**table) for table in data["tables"])
    keys = [table.key for table in tables]
    if sorted(keys) != sorted(TABLE_KEYS):
        raise FormError(f"表样“{name}”须列出九张表各一次：{'、'.join(TABLE_KEYS)}；现为：{'、'.join(keys)}。")
    if any(table.columns not in FUND_COLUMNS for table in tables):
        raise FormError(f"表样“{name}”的基金表栏目只可为：{'、'.join(FUND_COLUMNS)}。")
    classes = _codes(name, data["classes"], "支出功能分类类级科目")
    basic_codes = _codes(name, data["basic_codes"], "基本支出经济分类科目")
    if data["empty_cell"] not in ("", "0.00"):
        raise FormError(f"表样“{name}”的空单元格只可为空白或0.00。")
    return Form(name=name, region=data["region"], tables=tables, classes=classes, basic_codes=basic_codes,
                empty_cell=data["empty_cell"], grouped=bool(data["grouped"]), meta=tuple(data["meta"]),
                source=data.get("source", ""))


def _codes(name: str, pairs: list[list[str]], what: str) -> tuple[tuple[str, str], ...]:
    """(code, name) pairs, each code a 类 or 款 listed once."""
    codes = [code for code, _ in pairs]
    bad = [code for code in codes if not CODE.match(code)] + sorted({code for code in codes if codes.count(code) > 1})
    if bad:
        raise FormError(f"表样“{name}”的{what}有误（编码错误或重复）：{'、'.join(bad)}。")
    return tuple((code, label) for code, label in pairs)


def _folder() -> Traversable:
    return resources.files("final_accounts").joinpath("forms")
