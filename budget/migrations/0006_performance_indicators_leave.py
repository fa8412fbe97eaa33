"""The performance indicators move to the performance app (its migration 0001): here they leave the budget app's
state only. Their two tables, every row and history record in them, stay as they are; the performance app goes
on using them under the same names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('budget', '0005_warning_explanation_message'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='performanceindicator',
                name='project',
            ),
            migrations.DeleteModel(
                name='HistoricalPerformanceIndicator',
            ),
            migrations.DeleteModel(
                name='PerformanceIndicator',
            ),
        ]),
    ]
