from django.core.management.base import BaseCommand
from django.db import transaction

from tandem.relationships.crypto import EncryptedTextField, rotate
from tandem.relationships.models import (
    Conversation,
    Goal,
    LearningLogEntry,
    Observation,
    OwnLearningGoal,
    PrivateNote,
)


class Command(BaseCommand):
    help = (
        "Re-encrypt every private note, and the encrypted text of goals, conversations, "
        "observations and supporters' own learning goals and log, with the first key in "
        "TANDEM_NOTE_KEYS. Put the new key first, keep the old ones after it, run this, then "
        "remove the old keys."
    )

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for note in PrivateNote.objects.select_for_update().only("pk", "ciphertext"):
                note.ciphertext = rotate(note.ciphertext)
                note.save(update_fields=["ciphertext", "updated_at"])
                count += 1
            for model in (Goal, Conversation, Observation, OwnLearningGoal, LearningLogEntry):
                # Reading decrypts with any key; saving encrypts with the first.
                fields = [
                    field.name
                    for field in model._meta.get_fields()
                    if isinstance(field, EncryptedTextField)
                ]
                # The base manager: soft-deleted rows are re-encrypted too, or they could no
                # longer be read (for undo, subject access) once the old key is retired.
                manager = model._base_manager
                rows = list(manager.select_for_update().only("pk", *fields))
                manager.bulk_update(rows, fields, batch_size=500)
                count += len(rows)
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} private notes and records."))
