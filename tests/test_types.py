"""The whole code type-checks with django-stubs' plugin (mypy.ini), so that CI's `make test` checks hints."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_type_errors():
    # The plugin imports the settings, which load only with DEBUG=1 or a SECRET_KEY (config/settings.py).
    env = {**os.environ, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--no-incremental"],
        cwd=ROOT, capture_output=True, text=True, timeout=180, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
