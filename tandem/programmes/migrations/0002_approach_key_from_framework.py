"""Programme approaches take their keys and labels from the Framework.

The approach once stored as "group-supervision" is the Framework's
"group-reflective-supervision"; stored programmes are rewritten before the approach check
is added back (next migration).
"""

from django.db import migrations, models

from tandem.framework.retired_keys import current_key


def rewrite_retired_approaches(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    programmes = list(Programme.objects.only("approach"))
    for programme in programmes:
        programme.approach = current_key(programme.approach)
    Programme.objects.bulk_update(programmes, ["approach"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="programme",
            name="programmes_programme_approach_valid",
        ),
        migrations.AlterField(
            model_name="programme",
            name="approach",
            field=models.CharField(
                choices=[
                    ("mentoring", "Mentoring"),
                    ("specialist-coaching", "Specialist coaching"),
                    ("co-coaching", "Collaborative (co-) coaching"),
                    ("co-mentoring", "Co-mentoring"),
                    ("coach-mentoring", "Coach mentoring"),
                    ("reciprocal-peer-coaching", "Reciprocal peer coaching"),
                    (
                        "group-reflective-supervision",
                        "Group reflective supervision and work discussion groups",
                    ),
                    ("clinical-supervision", "Clinical supervision"),
                ],
                max_length=30,
            ),
        ),
        migrations.RunPython(rewrite_retired_approaches, migrations.RunPython.noop),
    ]
