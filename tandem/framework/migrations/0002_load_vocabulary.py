from django.db import migrations

from tandem.framework import reference_data


def load(apps, schema_editor):
    reference_data.load(apps)


class Migration(migrations.Migration):
    dependencies = [("framework", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
