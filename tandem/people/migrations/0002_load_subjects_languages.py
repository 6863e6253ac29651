from django.db import migrations

from tandem.people.reference_data import LANGUAGES, SUBJECTS


def load_reference_data(apps, schema_editor):
    Subject = apps.get_model("people", "Subject")
    Language = apps.get_model("people", "Language")
    for key, name in SUBJECTS:
        Subject.objects.update_or_create(key=key, defaults={"name": name})
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
