"""/healthz answers 200 "ok" while the database answers, 503 when it does not."""

from unittest.mock import patch

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_ok_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]  # never served from a cache between probe and app


def test_503_when_the_database_fails(client):
    with patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"  # no details of the failure for the outside


def test_not_redirected_to_https(client, settings):
    """A load balancer probes the app server over plain http: the HTTPS redirect spares /healthz."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
