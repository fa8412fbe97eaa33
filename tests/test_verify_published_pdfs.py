"""verify_published_pdfs: after a restore, every published PDF must be in storage and unchanged since
publication (its SHA-256 is in the database); each one that is not is named, and the command fails."""

from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command


def verify():
    out = StringIO()
    call_command("verify_published_pdfs", stdout=out)
    return out.getvalue()


def test_pdfs_present_and_unchanged_pass(demo_budget):
    assert "全部1个已公开PDF都在，且与公开时一致" in verify()


def test_a_changed_pdf_is_named_and_fails_the_command(demo_budget):
    name = demo_budget.current_version().pdf.name
    with open(default_storage.path(name), "ab") as stored:
        stored.write(b"%changed")

    with pytest.raises(CommandError, match=f"{name}：内容与公开时不同"):
        verify()


def test_a_missing_pdf_is_named_and_fails_the_command(demo_budget):
    name = demo_budget.current_version().pdf.name
    default_storage.delete(name)

    with pytest.raises(CommandError, match=f"{name}：文件缺失"):
        verify()
