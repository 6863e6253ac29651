from django.core.management.base import BaseCommand
from django.db import transaction

from tandem.relationships.crypto import rotate
from tandem.relationships.models import PrivateNote


class Command(BaseCommand):
    help = (
        "Re-encrypt every private note with the first key in TANDEM_NOTE_KEYS. Put the new "
        "key first, keep the old ones after it, run this, then remove the old keys."
    )

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for note in PrivateNote.objects.select_for_update().only("pk", "ciphertext"):
                note.ciphertext = rotate(note.ciphertext)
                note.save(update_fields=["ciphertext", "updated_at"])
                count += 1
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} private notes."))
