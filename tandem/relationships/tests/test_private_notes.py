"""Private notes: author only, encrypted at rest, keys rotatable (DESIGN.md)."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tandem.relationships.models import PrivateNote

pytestmark = pytest.mark.django_db
SECRET = "Dana seemed tired: check workload next time."


def test_the_raw_database_column_never_holds_the_plaintext(cast):
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM relationships_privatenote")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored
    assert all("tired" not in value for value in stored)
    assert PrivateNote.objects.get().body == SECRET


def test_a_full_data_dump_does_not_reveal_private_notes(cast):
    output = io.StringIO()
    call_command("dumpdata", stdout=output)
    assert "Dana seemed tired" not in output.getvalue()
    assert "Talked through hinge questions" in output.getvalue()  # shared record, not a note


def test_only_the_author_sees_their_private_note(client, cast):
    url = reverse("relationships:conversation-detail", args=[cast["conversation"].uuid])
    client.force_login(cast["mentor"])
    assert SECRET in client.get(url).content.decode()
    client.force_login(cast["mentee"])
    page = client.get(url).content.decode()
    assert "tired" not in page
    assert "You have no private note on this conversation." in page


def test_keys_can_be_rotated_without_losing_notes(cast, settings):
    old_key = settings.TANDEM_NOTE_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.TANDEM_NOTE_KEYS = [new_key, old_key]
    assert PrivateNote.objects.get().body == SECRET  # old notes still read
    call_command("rotate_note_keys", stdout=io.StringIO())
    settings.TANDEM_NOTE_KEYS = [new_key]
    assert PrivateNote.objects.get().body == SECRET  # readable with the new key alone


def test_editing_a_private_note_keeps_it_encrypted(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("relationships:private-note-edit", args=[cast["conversation"].uuid])
    response = client.post(url, {"body": "I felt nervous about being observed."})
    assert response.status_code == 302
    note = PrivateNote.objects.get(author=cast["mentee"])
    assert "nervous" not in note.ciphertext
    assert note.body == "I felt nervous about being observed."
