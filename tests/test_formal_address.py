"""The sites address their user as 您, never 你: the project's own texts, and every stock message of Django, its
admin and the apps as the project's catalogs translate them (the stock Chinese catalogs mix the two)."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import trans_real

from tests.pages import logged_in

SOURCES = ["budget", "performance", "portal", "departments", "config", "templates", "static", "locale"]
TEXT_FILES = {".py", ".html", ".js", ".txt", ".po"}


def test_no_text_of_the_project_says_ni():
    base = Path(settings.BASE_DIR)
    informal = [str(path.relative_to(base)) for folder in SOURCES for path in (base / folder).rglob("*")
                if path.suffix in TEXT_FILES and "你" in path.read_text(encoding="utf-8")]
    assert not informal


def test_every_message_of_django_and_the_apps_says_nin():
    catalog = trans_real.translation("zh-hans")._catalog  # the apps' catalogs under the project's, merged

    informal = {key: catalog[key] for key in catalog.keys() if "你" in catalog[key]}

    assert not informal
    assert catalog["Are you sure?"] == "您确定吗？"


def test_the_admins_javascript_messages_say_nin(client, accountant):
    script = logged_in(client, accountant).get("/admin/jsi18n/").content.decode()
    script = re.sub(r"\\u([0-9a-f]{4})", lambda escaped: chr(int(escaped[1], 16)), script)  # the catalog is JSON

    assert "你" not in script and "您已经选择一个动作" in script
