"""Production settings (DEBUG off): `check --deploy` finds nothing, every page carries the security
headers, HSTS over HTTPS, and the admin's cookies are Secure and HttpOnly."""

import json
import os
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

ROOT = django_settings.BASE_DIR
PASSWORD = "x-secret-password"  # conftest.superuser

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "budget.example.gov.cn",
}
BEHIND_NGINX = {
    **PRODUCTION,
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "CLIENT_IP_HEADER": "X-Real-IP",
    "CSRF_TRUSTED_ORIGINS": "https://budget.example.gov.cn",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "budget-files",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.gov.cn",
    "DATABASE_URL": "postgres://budget@127.0.0.1:5432/budget",
}
# Whatever the developer's shell has set must not leak into "production".
CLEARED = {"DEBUG", "DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "SECURE_SSL_REDIRECT",
           "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER"}


@pytest.mark.parametrize("environment", [PRODUCTION, BEHIND_NGINX], ids=["plain", "behind-nginx-redis-s3-postgres"])
def test_check_deploy_reports_nothing(environment):
    env = {key: value for key, value in os.environ.items() if key not in CLEARED} | environment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_shared_cache_and_bucket_from_the_environment():
    """Several app servers share Redis and the bucket; a stored (published) file is never overwritten."""
    env = {key: value for key, value in os.environ.items() if key not in CLEARED} | BEHIND_NGINX
    script = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "cache": type(caches["default"]).__module__, "storage": type(storage).__name__, "bucket": storage.bucket_name,
    "endpoint": storage.endpoint_url, "overwrite": storage.file_overwrite, "acl": storage.default_acl,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER, "client_ip": settings.CLIENT_IP_META,
    "sessions": settings.SESSION_ENGINE,
}))"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "cache": "django_redis.cache", "storage": "S3Storage", "bucket": "budget-files", "endpoint": "https://s3.example.gov.cn",
        "overwrite": False, "acl": None, "proxy_ssl_header": ["HTTP_X_FORWARDED_PROTO", "https"],
        "client_ip": "HTTP_X_REAL_IP", "sessions": "django.contrib.sessions.backends.cached_db",
    }


def test_secret_key_is_required_without_debug():
    env = {key: value for key, value in os.environ.items() if key not in CLEARED | {"SECRET_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def assert_security_headers(response, admin=False):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy  # no inline scripts anywhere
    assert "frame-ancestors 'none'" in policy
    assert ("style-src 'self' 'unsafe-inline'" in policy) == admin  # inline styles only in the admin
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("name", ["index", "budget-detail", "budget-pdf"])
def test_public_pages_carry_security_headers_and_hsts_over_https(client, demo_budget, name):
    args = [] if name == "index" else [2024, "224"]
    response = client.get(reverse(name, args=args), secure=True)
    assert response.status_code == 200
    assert_security_headers(response)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_admin_pages_carry_their_own_policy(admin_session):
    response = admin_session.get(reverse("admin:index"), secure=True)
    assert response.status_code == 200
    assert_security_headers(response, admin=True)


def test_hsts_only_over_https(client, db):
    assert "Strict-Transport-Security" not in client.get("/")


def test_http_is_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production (the test settings turn it off)
    response = client.get("/budgets/2024/224/?x=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/budgets/2024/224/?x=1"


def test_behind_a_proxy_its_scheme_header_counts(client, db, settings):
    """nginx speaks TLS and forwards http with X-Forwarded-Proto: https; the app must see https."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_admin_cookies_are_secure_and_http_only(client, superuser, settings):
    settings.AXES_ENABLED = True  # the whole production login path
    login = reverse("admin:login")
    page = client.get(login, secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    assert csrf["samesite"] == "Lax"

    response = client.post(login, {"username": superuser.username, "password": PASSWORD, "next": "/admin/"},
                           secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert not session["max-age"] and not session["expires"]  # gone when the browser closes
    # … and on the server after 8 hours at the latest.
    left = Session.objects.get().expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < left <= timedelta(hours=8)
