"""The direction of dependencies holds (.importlinter, docs/architecture.md): the sites over the services, the
services over the document's assembly, the assembly over the pure builders; the builders touch no database;
departments depend on nothing of the budget, the budget's data model on nothing of performance; the public site
never reaches a live budget's assembly."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_import_contract_is_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
