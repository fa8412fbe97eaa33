"""What a warning said when it was explained: an explanation of figures that have changed since is stale.

Explanations written before this field have none, so they are stale until rewritten or confirmed.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('budget', '0004_publication_queue'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalwarningexplanation',
            name='warning_message',
            field=models.TextField(blank=True, verbose_name='所说明的警告内容'),
        ),
        migrations.AddField(
            model_name='warningexplanation',
            name='warning_message',
            field=models.TextField(blank=True, verbose_name='所说明的警告内容'),
        ),
    ]
