"""Give a fresh install the starter classification lists, from the demo's year to next year's budget."""

from datetime import date

from django.db import migrations

from budget.exchange import subjects

FIRST_YEAR = 2024  # the reference budget's year


def load_starter_lists(apps, schema_editor):
    for year in range(FIRST_YEAR, date.today().year + 2):
        for kind, model_name in (("function", "FunctionSubject"), ("economic", "EconomicSubject")):
            model = apps.get_model("budget", model_name)
            if not model.objects.filter(year=year).exists():
                subjects.load_starter(model, kind, year)


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_initial")]

    operations = [migrations.RunPython(load_starter_lists, migrations.RunPython.noop)]
