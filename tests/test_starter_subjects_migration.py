"""The data migration that loads the starter classification lists is self-contained (it imports no application code,
which may change after it was written) and loads exactly what the application's own loader loads from the same files."""

import ast
from pathlib import Path

from budget.exchange import subjects
from budget.models import EconomicSubject, FunctionSubject

MIGRATION = Path(__file__).resolve().parent.parent / "budget" / "migrations" / "0002_starter_subjects.py"


def test_the_migration_imports_nothing_of_the_application():
    tree = ast.parse(MIGRATION.read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]

    assert sorted(imported) == ["csv", "django.db", "pathlib"]


def listed(model, year):
    return sorted(model.objects.filter(year=year).values_list("code", "name", "parent__code", "cost_category")
                  if model is EconomicSubject else
                  model.objects.filter(year=year).values_list("code", "name", "parent__code"))


def test_the_migration_loads_what_the_applications_loader_loads(db):
    migrated = {model: listed(model, 2025) for model in (FunctionSubject, EconomicSubject)}
    for kind, model in (("function", FunctionSubject), ("economic", EconomicSubject)):
        for length in (7, 5, 3):  # children first: a parent is protected
            model.objects.filter(year=2025, code__regex=rf"^\d{{{length}}}$").delete()
        subjects.load_starter(model, kind, 2025)

        assert listed(model, 2025) == migrated[model] != []
