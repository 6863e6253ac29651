from django.db import migrations

from tandem.organisations import reference_data


def load_phases(apps, schema_editor):
    reference_data.load(apps)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load_phases, migrations.RunPython.noop)]
