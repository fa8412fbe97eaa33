"""Importing through the admin: upload, every row checked, a preview, then confirm; only into one's own drafts."""

import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from budget.admin.imports import PENDING
from budget.models import Budget
from tests.factories import LINE_ROW, complete_budget, csv_upload
from tests.pages import import_url, logged_in


def test_upload_previews_then_confirm_replaces_the_lines(client, draft_budget, accountant):
    complete_budget(draft_budget)
    logged_in(client, accountant)

    preview = client.post(import_url(draft_budget), {"file": csv_upload([LINE_ROW])}).content.decode()

    assert "通过了全部检查" in preview and "确认导入" in preview
    assert draft_budget.lines.count() == 2  # nothing written yet
    token = preview.split('name="token" value="')[1].split('"')[0]
    response = client.post(import_url(draft_budget), {"token": token, "filename": "lines.csv"})
    assert response.status_code == 302
    assert list(draft_budget.lines.values_list("amount", flat=True)) == [20000]
    assert client.post(import_url(draft_budget), {"token": token, "filename": "lines.csv"}, follow=True) \
        .content.decode().count("导入已过期或已完成") == 1


def test_a_bad_file_shows_its_errors_and_changes_nothing(client, draft_budget, accountant):
    complete_budget(draft_budget)
    logged_in(client, accountant)

    html = client.post(import_url(draft_budget), {"file": csv_upload([LINE_ROW[:7] + ["abc"]])}).content.decode()

    assert "文件未导入，数据库未作任何更改" in html
    assert "「预算明细」第2行「金额（元）」：“abc”不是数字。" in html
    assert draft_budget.lines.count() == 2


def test_another_departments_accountant_cannot_import_or_confirm(client, draft_budget, accountant, other_accountant):
    logged_in(client, accountant)
    preview = client.post(import_url(draft_budget), {"file": csv_upload([LINE_ROW])}).content.decode()
    token = preview.split('name="token" value="')[1].split('"')[0]

    logged_in(client, other_accountant)
    assert client.get(import_url(draft_budget)).status_code in (302, 404)
    client.post(import_url(draft_budget), {"token": token, "filename": "lines.csv"})

    assert not draft_budget.lines.exists()


def test_a_submitted_budget_cannot_be_imported_into(client, draft_budget, accountant):
    Budget.objects.filter(pk=draft_budget.pk).update(status="submitted")
    logged_in(client, accountant)

    assert client.post(import_url(draft_budget), {"file": csv_upload([LINE_ROW])}).status_code == 403
    assert not draft_budget.lines.exists()


def test_template_and_filled_workbook_downloads(client, draft_budget, accountant, other_accountant):
    complete_budget(draft_budget)
    logged_in(client, accountant)

    template = client.get(reverse("admin:budget_budget_entry_template"))
    filled = client.get(reverse("admin:budget_budget_entry_workbook", args=[draft_budget.pk]))

    assert template.status_code == filled.status_code == 200
    assert "attachment" in filled["Content-Disposition"]
    logged_in(client, other_accountant)
    assert client.get(reverse("admin:budget_budget_entry_workbook", args=[draft_budget.pk])).status_code == 404


def pending_files():
    return default_storage.listdir(PENDING)[1] if default_storage.exists(PENDING) else []


def test_a_cancelled_preview_leaves_no_file_and_changes_nothing(client, draft_budget, accountant):
    complete_budget(draft_budget)
    logged_in(client, accountant)
    before = pending_files()
    preview = client.post(import_url(draft_budget), {"file": csv_upload([LINE_ROW])}).content.decode()
    token = preview.split('name="token" value="')[1].split('"')[0]
    assert len(pending_files()) == len(before) + 1

    page = client.post(import_url(draft_budget), {"token": token, "cancel": "取消"}, follow=True).content.decode()

    assert "已取消导入" in page and "import-upload" in page
    assert pending_files() == before
    assert draft_budget.lines.count() == 2


def test_a_new_preview_deletes_the_files_of_previews_abandoned_over_a_day_ago(client, draft_budget, accountant):
    complete_budget(draft_budget)
    logged_in(client, accountant)
    old, recent = (default_storage.save(f"{PENDING}/{name}.upload", ContentFile(b"x")) for name in ("old", "recent"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))

    client.post(import_url(draft_budget), {"file": csv_upload([LINE_ROW])})

    assert not default_storage.exists(old)
    assert default_storage.exists(recent)  # its preview may still be confirmed
    default_storage.delete(recent)
