"""The starter classification lists (budget/data/) for the reference budget's year to 2027, where a year has
none yet. A fixed range, so that the migration does the same whenever it runs; later years are loaded with
`manage.py load_subjects` from each year's official list (docs/deployment.md).

Self-contained, as a data migration must be: it reads the CSV files itself, with the historical models, and imports
no application code, which may change after the migration was written (budget/exchange/subjects.py checks and loads
the lists a bureau uploads; this loads the shipped ones, known good)."""

import csv
from pathlib import Path

from django.db import migrations

STARTER_YEARS = range(2024, 2028)  # the reference budget's year (2024) to the budget year after next
DATA = Path(__file__).resolve().parent.parent / "data"
PERSONNEL_CLASSES = {"301", "303"}  # 人员经费; the other economic 类 are 公用经费


def load_list(model, path, year, economic):
    """The CSV's subjects (code,name,level,parent_code), parents first."""
    with path.open(encoding="utf-8") as rows:
        listed = sorted(csv.DictReader(rows), key=lambda row: (len(row["code"]), row["code"]))
    saved = {}
    for row in listed:
        subject = model(year=year, code=row["code"], name=row["name"], parent=saved.get(row["parent_code"]))
        if economic and len(row["code"]) == 3:
            subject.cost_category = "personnel" if row["code"] in PERSONNEL_CLASSES else "public_expense"
        subject.save()
        saved[subject.code] = subject


def load_starter_lists(apps, schema_editor):
    for year in STARTER_YEARS:
        for file, model_name in (("function_subjects.csv", "FunctionSubject"), ("economic_subjects.csv", "EconomicSubject")):
            model = apps.get_model("budget", model_name)
            if not model.objects.filter(year=year).exists():
                load_list(model, DATA / file, year, economic=model_name == "EconomicSubject")


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(load_starter_lists, migrations.RunPython.noop)]
