"""Settings for the test suite: the normal settings with a throwaway key."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
