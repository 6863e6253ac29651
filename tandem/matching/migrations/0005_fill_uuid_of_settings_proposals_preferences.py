# Step 2 of 3: give each existing row its own identifier. A separate migration so that
# PostgreSQL commits the row updates before step 3 alters the table.

import uuid

from django.db import migrations

MODEL_NAMES = ("MatchSettings", "MatchProposal", "MentorPreference")


def fill_uuids(apps, schema_editor):
    for model_name in MODEL_NAMES:
        model = apps.get_model("matching", model_name)
        rows = list(model.objects.filter(uuid__isnull=True).only("pk"))
        for row in rows:
            row.uuid = uuid.uuid4()
        model.objects.bulk_update(rows, ["uuid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_add_uuid_to_settings_proposals_preferences"),
    ]

    operations = [
        migrations.RunPython(fill_uuids, migrations.RunPython.noop, elidable=True),
    ]
