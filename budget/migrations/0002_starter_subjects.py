"""The starter classification lists (budget/data/) for the reference budget's year to 2027, where a year has
none yet. A fixed range, so that the migration does the same whenever it runs; later years are loaded with
`manage.py load_subjects` from each year's official list (docs/deployment.md)."""

from django.db import migrations

from budget.exchange import subjects

STARTER_YEARS = range(2024, 2028)  # the reference budget's year (2024) to the budget year after next


def load_starter_lists(apps, schema_editor):
    for year in STARTER_YEARS:
        for kind, model_name in (("function", "FunctionSubject"), ("economic", "EconomicSubject")):
            model = apps.get_model("budget", model_name)
            if not model.objects.filter(year=year).exists():
                subjects.load_starter(model, kind, year)


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(load_starter_lists, migrations.RunPython.noop)]
