from django.db import migrations, models


def name_at_publication(apps, schema_editor):
    """Versions published before the name was frozen: their department's name now is the best there is."""
    PublishedVersion = apps.get_model("budget", "PublishedVersion")
    for version in PublishedVersion.objects.select_related("budget__department"):
        version.department_name = version.budget.department.name
        version.save(update_fields=["department_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("budget", "0008_version_columns_for_listings"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedversion",
            name="department_name",
            field=models.CharField(default="", max_length=200, verbose_name="公开时的部门名称"),
            preserve_default=False,
        ),
        migrations.RunPython(name_at_publication, migrations.RunPython.noop),
    ]
