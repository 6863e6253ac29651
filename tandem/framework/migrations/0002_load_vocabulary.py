from django.db import migrations

from tandem.framework.loading import load_vocabulary


def load(apps, schema_editor):
    load_vocabulary(apps.get_model("framework", "FrameworkItem"))


class Migration(migrations.Migration):
    dependencies = [("framework", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
