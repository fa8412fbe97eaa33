"""Department codes: ASCII letters and digits only, at most 20 (the model's validator). Codes already stored that
break the rule (rows loaded past the model, e.g. from a data-only dump) stop the migration with their list, to be
corrected first: a code is part of public URLs, and "a/b" broke them."""

import re

from django.core.management.base import CommandError
from django.db import migrations

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
    dependencies = [("departments", "0001_initial")]

    operations = [migrations.RunPython(refuse_invalid_codes, migrations.RunPython.noop)]
