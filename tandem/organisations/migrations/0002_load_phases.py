from django.db import migrations

from tandem.organisations.reference_data import PHASES


def load_phases(apps, schema_editor):
    Phase = apps.get_model("organisations", "Phase")
    for position, (key, name) in enumerate(PHASES):
        Phase.objects.update_or_create(key=key, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load_phases, migrations.RunPython.noop)]
