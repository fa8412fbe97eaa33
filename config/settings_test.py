"""Settings for the test suite: the normal settings with a throwaway key and media folder."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="budget-test-media-"))
