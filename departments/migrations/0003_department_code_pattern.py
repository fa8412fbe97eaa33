"""Department codes: ASCII letters and digits only, at most 20. Codes already stored that break the rule stop
the migration with their list, to be corrected first (a code is part of public URLs; "a/b" broke them)."""

import re

import django.core.validators
from django.core.management.base import CommandError
from django.db import migrations, models

# As departments.models.CODE_PATTERN when this migration was written; a migration keeps its own copy.
CODE = re.compile(r"\A[A-Za-z0-9]{1,20}\Z")


def refuse_invalid_codes(apps, schema_editor):
    """Stop, naming every department whose code breaks the rule (CommandError: migrate prints it without a traceback)."""
    departments = apps.get_model("departments", "Department").objects.order_by("code")
    invalid = [f"“{code}”（{name}）" for code, name in departments.values_list("code", "name") if not CODE.match(code)]
    if invalid:
        raise CommandError(
            f"以下{len(invalid)}个部门编码不符合规则（只能由英文字母和数字组成，最多20位）：{'、'.join(invalid)}。"
            "请先在管理后台“部门/单位”中改正这些编码，再运行 migrate。"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('departments', '0002_historicaldepartment'),
    ]

    operations = [
        migrations.RunPython(refuse_invalid_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='department',
            name='code',
            field=models.CharField(help_text='英文字母和数字，最多20位，如 224。', max_length=20, unique=True, validators=[django.core.validators.RegexValidator('\\A[A-Za-z0-9]{1,20}\\Z', '部门编码只能由英文字母和数字组成，最多20位。')], verbose_name='部门编码'),
        ),
        migrations.AlterField(
            model_name='historicaldepartment',
            name='code',
            field=models.CharField(db_index=True, help_text='英文字母和数字，最多20位，如 224。', max_length=20, validators=[django.core.validators.RegexValidator('\\A[A-Za-z0-9]{1,20}\\Z', '部门编码只能由英文字母和数字组成，最多20位。')], verbose_name='部门编码'),
        ),
    ]
