"""Regions' forms of the 部门决算 tables are data: two shipped (the reference's Shanghai, and Hebei), each read and
checked by forms.load, and a region added by adding a file."""

import json
from pathlib import Path

import pytest

from final_accounts.builders import forms
from final_accounts.builders import tables as final_tables
from tests import reference_final_accounts as reference

FOLDER = Path(forms.__file__).resolve().parent.parent / "forms"


def data(name: str) -> dict:
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


def test_both_shipped_forms_are_listed_and_load():
    assert forms.names() == ["hebei", "shanghai"]
    for name in forms.names():
        form = forms.load(name)
        assert sorted(table.key for table in form.tables) == sorted(forms.TABLE_KEYS)
        assert form.source


def test_shanghai_form_is_the_references():
    form = forms.load("shanghai")

    assert [table.title for table in form.tables] == reference.TITLES
    assert [name for _, name in form.classes] == reference.CLASS_NAMES
    assert (form.empty_cell, form.grouped, form.meta_lines("某局")) == ("", True, ["单位：万元"])
    assert len(form.basic_codes) == 64


def test_hebei_form_names_orders_and_prints_its_own_way():
    form = forms.load("hebei")

    assert form.table(forms.GENERAL_BUDGET_BASIC).title == "一般公共预算财政拨款基本支出决算明细表"
    assert form.table(forms.STATE_CAPITAL).title == "国有资本经营预算财政拨款支出决算表"
    assert form.table(forms.STATE_CAPITAL).columns == forms.EXPENDITURE_ONLY
    assert form.number(forms.THREE_PUBLIC) == 9
    assert len(form.classes) == 24
    assert (form.empty_cell, form.grouped) == ("0.00", False)
    assert form.meta_lines("某局") == ["编制单位：某局", "单位：万元"]


@pytest.mark.parametrize("name", ["guangdong", "../forms/shanghai", "Shanghai", ""])
def test_an_unknown_or_path_like_name_is_refused(name):
    with pytest.raises(forms.FormError, match="没有名为"):
        forms.load(name)


def test_a_form_missing_a_table_is_refused():
    broken = data("shanghai")
    broken["tables"] = broken["tables"][:-1]

    with pytest.raises(forms.FormError, match="须列出九张表各一次"):
        forms.parse("broken", broken)


def test_a_form_repeating_a_code_is_refused():
    broken = data("shanghai")
    broken["basic_codes"].append(["30101", "基本工资"])

    with pytest.raises(forms.FormError, match="30101"):
        forms.parse("broken", broken)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("empty_cell", "-", "空单元格"),
    ("classes", [["20", "一般公共服务支出"]], "编码错误或重复"),
])
def test_a_form_with_an_impossible_value_is_refused(field, value, message):
    broken = {**data("shanghai"), field: value}

    with pytest.raises(forms.FormError, match=message):
        forms.parse("broken", broken)


def test_a_fund_table_with_unknown_columns_is_refused():
    broken = data("hebei")
    broken["tables"][7]["columns"] = "everything"

    with pytest.raises(forms.FormError, match="基金表栏目"):
        forms.parse("broken", broken)


def test_adding_a_region_is_adding_a_file(tmp_path, monkeypatch):
    for name in ("shanghai", "hebei"):
        (tmp_path / f"{name}.json").write_text((FOLDER / f"{name}.json").read_text(encoding="utf-8"), encoding="utf-8")
    zhejiang = {**data("shanghai"), "region": "浙江省", "empty_cell": "0.00"}
    zhejiang["tables"] = [{**table, "title": "部门" + table["title"]} for table in zhejiang["tables"]]
    (tmp_path / "zhejiang.json").write_text(json.dumps(zhejiang, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(forms, "_folder", lambda: tmp_path)

    built = final_tables.build_all(reference.accounts(), reference.classifications(), forms.load("zhejiang"),
                                   reference.DEPARTMENT)

    assert forms.names() == ["hebei", "shanghai", "zhejiang"]
    assert built[0].title == "部门收入支出决算总表"
    assert built[0].text_cells(built[0].rows[1])[1] == "0.00"
