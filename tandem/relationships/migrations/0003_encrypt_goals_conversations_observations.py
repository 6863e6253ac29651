"""Encrypt goals, conversation summaries and observations at rest, like private notes.

Three steps, each reversible: widen the two one-line columns to text (ciphertext is
longer than what was typed), encrypt every existing value with the current note key
while the fields are still plain text, then mark the fields encrypted (no change to the
columns). Reversing decrypts every value, then narrows the columns back.
"""

from django.db import migrations, models

import tandem.relationships.crypto

ENCRYPTED = {
    "goal": ["title", "why_it_matters", "success_criteria"],
    "conversation": ["evidence_discussed", "summary"],
    "observation": ["focus", "notes", "feedback", "follow_up"],
}


def _convert(apps, convert):
    for model_name, fields in ENCRYPTED.items():
        model = apps.get_model("relationships", model_name)
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=500):
            for name in fields:
                value = getattr(row, name)
                if value:
                    setattr(row, name, convert(value))
            changed.append(row)
            if len(changed) == 500:
                model.objects.bulk_update(changed, fields)
                changed = []
        if changed:
            model.objects.bulk_update(changed, fields)


def encrypt_rows(apps, schema_editor):
    _convert(apps, tandem.relationships.crypto.encrypt)


def decrypt_rows(apps, schema_editor):
    _convert(apps, tandem.relationships.crypto.decrypt)


def _plain(**kwargs):
    return models.TextField(**kwargs)


def _encrypted(**kwargs):
    return tandem.relationships.crypto.EncryptedTextField(**kwargs)


FIELDS = [
    ("conversation", "evidence_discussed", {"blank": True, "max_length": 4000, "verbose_name": "evidence from practice discussed"}),
    ("conversation", "summary", {"blank": True, "max_length": 8000, "verbose_name": "shared summary"}),
    ("goal", "success_criteria", {"help_text": "How will you and others know you have achieved it?", "max_length": 2000}),
    ("goal", "title", {"max_length": 200}),
    ("goal", "why_it_matters", {"help_text": "Link it to your school's priorities or the professional standards.", "max_length": 2000}),
    ("observation", "feedback", {"blank": True, "max_length": 4000, "verbose_name": "feedback given"}),
    ("observation", "focus", {"max_length": 300}),
    ("observation", "follow_up", {"blank": True, "max_length": 2000, "verbose_name": "follow-up actions"}),
    ("observation", "notes", {"blank": True, "max_length": 4000}),
]
SINGLE_LINE = {("goal", "title"), ("observation", "focus")}


class Migration(migrations.Migration):

    dependencies = [
        ('relationships', '0002_framework_keys_from_framework'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='goal',
            options={'ordering': ['target_on', 'created_at']},
        ),
        *[
            migrations.AlterField(model_name=model_name, name=name, field=_plain(**kwargs))
            for model_name, name, kwargs in FIELDS
        ],
        migrations.RunPython(encrypt_rows, decrypt_rows),
        *[
            migrations.AlterField(
                model_name=model_name,
                name=name,
                field=_encrypted(**kwargs, **({"single_line": True} if (model_name, name) in SINGLE_LINE else {})),
            )
            for model_name, name, kwargs in FIELDS
        ],
    ]
