# Step 3 of 3: every row now has an identifier; new rows get one by default, and no two
# rows share one.

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0005_fill_uuid_of_settings_proposals_preferences"),
    ]

    operations = [
        migrations.AlterField(
            model_name=model_name,
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        )
        for model_name in ("matchsettings", "matchproposal", "mentorpreference")
    ]
