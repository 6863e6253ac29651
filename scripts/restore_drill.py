"""Restore drill: seed an installation, back it up, restore the backup into a fresh
database and an empty storage, and check the restored one works.

Usage: .venv/bin/python scripts/restore_drill.py SOURCE_DATABASE_URL TARGET_DATABASE_URL
Both databases must exist and the target must be empty (SQLite: a new file path). Runs the
source and the target as two `tandem` processes, as two machines would, sharing only the
backup file and TANDEM_BACKUP_KEY. Prints each step's time; exits non-zero on any failure.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent

# The source: the demo dataset, plus a private note and an uploaded evidence file whose
# contents the target must give back.
SEED = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from tandem.relationships.models import Conversation, RelationshipMember
from tandem.relationships.services import record

call_command("demo", no_serve=True, stdout=io.StringIO())
conversation = Conversation.objects.select_related("relationship").order_by("pk").first()
author = RelationshipMember.objects.filter(relationship=conversation.relationship).first().user
record.save_private_note(actor=author, conversation=conversation, body=NOTE)
evidence = record.add_evidence(
    actor=author,
    relationship=conversation.relationship,
    fields={"title": "Drill", "file": SimpleUploadedFile("drill.pdf", PDF, "application/pdf")},
    goals=[],
)
call_command("backup", output=BACKUP, stdout=io.StringIO())
print(evidence.uuid)
"""

# The target: restore, then the smoke checks (restore itself compares every table's count).
CHECK = """
import io
from django.core.management import call_command
from django.test import Client
from tandem.relationships.models import EvidenceItem, PrivateNote

out = io.StringIO()
call_command("restore", BACKUP, interactive=False, stdout=out)
print(out.getvalue().strip())
assert PrivateNote.objects.filter(ciphertext__contains=NOTE).count() == 0, "note stored in clear"
assert any(note.body == NOTE for note in PrivateNote.objects.all()), "private note lost"
print("A private note decrypts to what was written.")
evidence = EvidenceItem.objects.get(uuid=EVIDENCE)
client = Client(HTTP_HOST="localhost")
client.force_login(evidence.owner)
response = client.get(f"/relationships/evidence/{evidence.uuid}/download/")
assert response.status_code == 200, response.status_code
assert b"".join(response.streaming_content) == PDF, "downloaded file differs"
print("The evidence file downloads through the permission check, byte for byte.")
ready = client.get("/health/ready")
assert ready.status_code == 200, ready.content
print("/health/ready says the restored installation is ready.")
"""


def tandem_shell(env: dict[str, str], code: str) -> str:
    command = [str(ROOT / ".venv/bin/tandem"), "shell", "-v", "0", "-c", code]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        sys.exit(f"Restore drill failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def main() -> None:
    source_url, target_url = sys.argv[1:3]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tandem-drill-") as work:
        backup = f"{work}/drill.backup"
        constants = (
            f"NOTE = 'Drill note: check workload.'\nPDF = b'%PDF-1.4 drill'\nBACKUP = {backup!r}\n"
        )
        env = os.environ | {
            "TANDEM_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_BACKUP_KEY": Fernet.generate_key().decode(),
        }
        source = env | {"DATABASE_URL": source_url, "TANDEM_MEDIA_ROOT": f"{work}/media-source"}
        evidence = tandem_shell(source, constants + SEED).split()[-1]
        size = Path(backup).stat().st_size
        print(f"Seeded and backed up ({size / 1e6:.1f} MB) in {time.monotonic() - started:.0f} s.")
        target = env | {"DATABASE_URL": target_url, "TANDEM_MEDIA_ROOT": f"{work}/media-target"}
        print(tandem_shell(target, constants + f"EVIDENCE = {evidence!r}\n" + CHECK).strip())
    print(f"Restore drill passed in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
