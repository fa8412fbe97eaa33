"""Department codes are ASCII letters and digits, at most 20 (a code is part of public URLs): enforced by the
model (so the admin and its unit inline), by import_departments, and checked by the migration that adds it."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from departments.models import CODE_RULE, Department
from tests.factories import department_list
from tests.pages import change_url, form_data

BAD_CODES = ["a/b", "../../evil", "=cmd|x", "224\n", "２２４", "财政局", "a" * 21, "22 4"]
migration = importlib.import_module("departments.migrations.0002_refuse_invalid_codes")


@pytest.mark.parametrize("code", ["224", "501001", "A01b", "a" * 20])
def test_letters_and_digits_are_a_code(db, code):
    Department(code=code, name="测试局").full_clean()


@pytest.mark.parametrize("code", BAD_CODES)
def test_anything_else_is_refused_by_the_model(db, code):
    with pytest.raises(ValidationError) as refused:
        Department(code=code, name="测试局").full_clean()
    assert refused.value.message_dict["code"][0] in (CODE_RULE, "确保该变量包含不超过 20 字符 (目前字符数 21)。")


def test_the_admin_refuses_a_bad_code_and_a_bad_unit_code(admin_session, department):
    add = admin_session.get(reverse("admin:departments_department_add")).content.decode()
    data = {**form_data(add, "department_form"), "code": "a/b", "name": "坏编码局"}
    assert CODE_RULE in admin_session.post(reverse("admin:departments_department_add"), data).content.decode()

    change = admin_session.get(change_url(department)).content.decode()
    data = {**form_data(change, "department_form"), "units-TOTAL_FORMS": "1", "units-0-code": "../../evil",
            "units-0-name": "坏编码单位"}
    assert CODE_RULE in admin_session.post(change_url(department), data).content.decode()
    assert set(Department.objects.values_list("code", flat=True)) == {"301"}


@pytest.mark.parametrize("code", ["a/b", "../../evil", "=cmd|x"])
def test_import_departments_refuses_a_bad_code_in_its_row(db, tmp_path, code):
    with pytest.raises(CommandError, match=f"第3行「部门编码」：{CODE_RULE}"):
        call_command("import_departments", department_list(tmp_path, "602,好的部门,,行政,正科级,财政拨款", f"{code},坏部门,,行政,正科级,财政拨款"))
    assert not Department.objects.exists()


def test_import_departments_refuses_a_name_too_long_for_the_model(db, tmp_path):
    with pytest.raises(CommandError, match="第2行「部门名称」：确保该变量包含不超过 200 字符"):
        call_command("import_departments", department_list(tmp_path, f"602,{'名' * 201},,行政,正科级,财政拨款"))


def test_the_migration_stops_naming_every_bad_code_already_stored(db):
    Department.objects.create(code="a/b", name="甲局")
    Department.objects.create(code="=cmd|x", name="乙局")
    Department.objects.create(code="224", name="好局")

    with pytest.raises(CommandError) as stopped:
        migration.refuse_invalid_codes(apps, schema_editor=None)

    assert "以下2个部门编码不符合规则" in str(stopped.value)
    assert "“=cmd|x”（乙局）、“a/b”（甲局）" in str(stopped.value) and "好局" not in str(stopped.value)


def test_the_migration_passes_when_every_code_is_good(db):
    Department.objects.create(code="224", name="好局")
    migration.refuse_invalid_codes(apps, schema_editor=None)
