"""Stored files in an S3-compatible bucket (moto's in-memory S3, through django-storages): publication
freezes the PDF there and the public download reads it back; an admin import's upload waits there."""

import hashlib
from io import StringIO

import boto3
import pytest
from django.core.management import CommandError, call_command
from moto import mock_aws

from tests.factories import LINE_ROW, complete_budget, csv_upload
from tests.pages import import_url, logged_in

BUCKET = "budget-files"


@pytest.fixture
def bucket(settings):
    """An empty private bucket as the default storage, as AWS_STORAGE_BUCKET_NAME configures it."""
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "region_name": "us-east-1", "default_acl": None,
                        "file_overwrite": False},
        }}
        yield s3


def stored(s3, prefix):
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])]


def test_publication_stores_the_pdf_in_the_bucket_and_the_public_download_reads_it(bucket, demo_budget, client):
    version = demo_budget.current_version()
    [key] = stored(bucket, "published/2024/224/")
    content = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()

    assert key == version.pdf.name
    assert hashlib.sha256(content).hexdigest() == version.pdf_sha256
    response = client.get("/budgets/2024/224/pdf/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    call_command("verify_published_pdfs", stdout=StringIO())


def test_a_pdf_missing_from_the_bucket_is_found_by_the_check(bucket, demo_budget):
    bucket.delete_object(Bucket=BUCKET, Key=demo_budget.current_version().pdf.name)

    with pytest.raises(CommandError, match="文件缺失"):
        call_command("verify_published_pdfs", stdout=StringIO())


def test_an_import_upload_waits_in_the_bucket_until_confirmed(bucket, client, draft_budget, accountant):
    complete_budget(draft_budget)
    logged_in(client, accountant)

    preview = client.post(import_url(draft_budget), {"file": csv_upload([LINE_ROW])}).content.decode()
    assert len(stored(bucket, "budget-imports/pending/")) == 1

    token = preview.split('name="token" value="')[1].split('"')[0]
    assert client.post(import_url(draft_budget), {"token": token, "filename": "lines.csv"}).status_code == 302
    assert list(draft_budget.lines.values_list("amount", flat=True)) == [20000]
    assert stored(bucket, "budget-imports/pending/") == []
