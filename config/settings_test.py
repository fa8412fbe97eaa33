"""Settings for the test suite: the normal settings with a throwaway key and media folder."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="budget-test-media-"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A database file, as in production, not Django's shared in-memory one: there a second connection
    # trying to write fails at once ("database table is locked") instead of waiting its turn, so tests
    # of concurrent publication would not test what production does.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="budget-test-db-")) / "test.sqlite3")}

# The test client and the live server speak plain http: no redirect to https (the deploy tests turn it on).
SECURE_SSL_REDIRECT = False
# Static files as found in static/ and the apps, with no collectstatic: plain storage (the manifest one
# needs collectstatic's manifest), WhiteNoise serving from the finders, and an empty STATIC_ROOT.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="budget-test-static-"))
# Django's test client.login() calls authenticate() without a request, which django-axes refuses; the
# tests of throttling and of the production settings turn it back on (tests/test_login_throttling.py).
AXES_ENABLED = False
# Each test process its own cache, and tasks run as they are enqueued (tests of the queue itself choose
# another backend: tests/test_publication_queue.py).
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
