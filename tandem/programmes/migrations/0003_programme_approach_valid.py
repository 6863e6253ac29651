"""Adds back the approach check, now over the Framework's approach keys.

Separate from the rewrite before it so that PostgreSQL never alters a table with row
updates still pending in the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_approach_key_from_framework"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "approach__in",
                        [
                            "mentoring",
                            "specialist-coaching",
                            "co-coaching",
                            "co-mentoring",
                            "coach-mentoring",
                            "reciprocal-peer-coaching",
                            "group-reflective-supervision",
                            "clinical-supervision",
                        ],
                    )
                ),
                name="programmes_programme_approach_valid",
            ),
        ),
    ]
