from django.db import migrations, models

from tandem.framework import reference_data


def reload_vocabulary(apps, schema_editor):
    """Built-in items cite their sources by title and section in words ("section 4.3.1"),
    not by seed file name ("002_f442b0822d198990.txt §4.3.1"): reload them."""
    reference_data.load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("framework", "0002_load_vocabulary"),
    ]

    operations = [
        migrations.AlterField(
            model_name="frameworkitem",
            name="citation_source",
            field=models.CharField(
                help_text="The source document by its title, as people should see it.",
                max_length=120,
            ),
        ),
        migrations.RunPython(reload_vocabulary, migrations.RunPython.noop),
    ]
