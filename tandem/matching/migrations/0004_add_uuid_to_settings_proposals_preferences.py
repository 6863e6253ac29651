# Match settings, proposals and mentor preferences gain the public identifier every model
# carries. Step 1 of 3: the column, empty for rows that already exist (a default would give
# every existing row the same value and break the unique constraint of step 3).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0003_proposal_why_not"),
    ]

    operations = [
        migrations.AddField(
            model_name=model_name,
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        )
        for model_name in ("matchsettings", "matchproposal", "mentorpreference")
    ]
