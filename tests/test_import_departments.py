"""`manage.py import_departments`: departments and their units from a list, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from departments.models import Department
from tests.factories import department_list


def test_departments_and_units_are_added_then_updated(db, tmp_path, capsys):
    call_command("import_departments", department_list(tmp_path, "501001,示例局本级,501,行政,正科级,财政拨款", "501,示例局,,行政,正科级,财政拨款"))

    unit = Department.objects.get(code="501001")
    assert unit.parent.code == "501" and unit.nature == "行政"
    assert "新增2个" in capsys.readouterr().out

    call_command("import_departments", department_list(tmp_path, "501,示例局（更名）,,行政,副处级,财政拨款"))
    assert Department.objects.get(code="501").name == "示例局（更名）"
    assert "更新1个" in capsys.readouterr().out


@pytest.mark.parametrize("rows, message", [
    (["601,甲,999,行政,正科级,财政拨款"], "第3行：上级部门编码“999”不存在"),
    (["601,甲,,行政,正科级,财政拨款", "601,乙,,行政,正科级,财政拨款"], "第4行：部门编码601与第3行重复"),
    (["601,甲,,机关,正科级,财政拨款"], "单位性质“机关”不是可选值"),
    ([",甲,,行政,正科级,财政拨款"], "部门编码和部门名称不能为空"),
])
def test_a_bad_row_changes_nothing(db, tmp_path, rows, message):
    before = Department.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("import_departments", department_list(tmp_path, "602,好的部门,,行政,正科级,财政拨款", *rows))
    assert Department.objects.count() == before


def test_an_optional_short_name_column_sets_short_names_and_its_absence_keeps_them(db, tmp_path):
    path = tmp_path / "departments.csv"
    path.write_text("部门编码,部门名称,简称,上级部门编码,单位性质,单位规格,经费保障形式\r\n"
                    "701,中共示例区委网络安全和信息化委员会,示例区委网信委,,行政,正科级,财政拨款\r\n", encoding="utf-8")
    call_command("import_departments", str(path))
    assert Department.objects.get(code="701").short_name == "示例区委网信委"

    call_command("import_departments", department_list(tmp_path, "701,中共示例区委网信委（更名）,,行政,正科级,财政拨款"))
    assert Department.objects.get(code="701").short_name == "示例区委网信委"


def test_a_short_name_longer_than_its_field_is_refused_with_its_row(db, tmp_path):
    path = tmp_path / "departments.csv"
    path.write_text("部门编码,部门名称,简称,上级部门编码,单位性质,单位规格,经费保障形式\r\n"
                    f"702,示例局,{'长' * 51},,行政,正科级,财政拨款\r\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行「简称」"):
        call_command("import_departments", str(path))
    assert not Department.objects.filter(code="702").exists()
