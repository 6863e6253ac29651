"""Learning agreements and goals store only keys that name a Framework item.

Agreements were tagged "clear-focus-learning-contract" by default, and goals could carry
other keys from the programmes app's old copy of the vocabulary; each is rewritten to the
Framework key it meant (`tandem.framework.retired_keys`).
"""

from django.db import migrations

from tandem.framework.retired_keys import current_keys


def rewrite_retired_keys(apps, schema_editor):
    for model_name in ("LearningAgreement", "Goal"):
        model = apps.get_model("relationships", model_name)
        changed = []
        for record in model.objects.only("framework_keys").iterator(chunk_size=500):
            keys = current_keys(record.framework_keys or [])
            if keys != record.framework_keys:
                record.framework_keys = keys
                changed.append(record)
        model.objects.bulk_update(changed, ["framework_keys"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("relationships", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(rewrite_retired_keys, migrations.RunPython.noop),
    ]
