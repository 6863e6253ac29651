"""`tandem backup` and `tandem restore` on SQLite: encrypted, whole, and restorable, with
the private notes still readable and the uploaded files downloadable afterwards."""

import io
from pathlib import Path
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from tandem.accounts.models import User
from tandem.operations import backups
from tandem.relationships.models import Conversation, EvidenceItem, Goal, PrivateNote
from tandem.relationships.services import corrections

KEY = Fernet.generate_key().decode()


@pytest.fixture
def backup_key(settings, tmp_path):
    settings.TANDEM_BACKUP_KEY = KEY
    settings.TANDEM_BACKUP_DIR = tmp_path / "backups"
    return KEY


def _encrypted(data: bytes, chunk_bytes: int = 8) -> bytes:
    target = io.BytesIO()
    with mock.patch.object(backups, "CHUNK_BYTES", chunk_bytes):
        backups.encrypt_file(io.BytesIO(data), target, Fernet(KEY))
    return target.getvalue()


def _decrypted(data: bytes, key: str = KEY) -> bytes:
    target = io.BytesIO()
    backups.decrypt_file(io.BytesIO(data), target, Fernet(key))
    return target.getvalue()


@pytest.mark.parametrize("size", [0, 1, 8, 9, 100])
def test_encryption_round_trips_whatever_the_size(size):
    data = bytes(range(256))[:size] * 1
    assert _decrypted(_encrypted(data)) == data


def test_the_plaintext_does_not_appear_in_a_backup():
    assert b"Dana seemed tired" not in _encrypted(b"Dana seemed tired: check workload")


def test_a_backup_with_the_wrong_key_is_refused():
    with pytest.raises(backups.BackupError, match="wrong TANDEM_BACKUP_KEY"):
        _decrypted(_encrypted(b"x" * 40), key=Fernet.generate_key().decode())


def test_a_backup_cut_short_is_refused():
    whole = _encrypted(b"x" * 40)
    last_chunk = backups.LENGTH.size + len(Fernet(KEY).encrypt(b"\0" * 17))
    with pytest.raises(backups.BackupError, match="cut short"):
        _decrypted(whole[:-last_chunk])


def test_a_backup_with_chunks_reordered_is_refused():
    data = _encrypted(b"a" * 8 + b"b" * 8 + b"c" * 8)
    body = data[len(backups.MAGIC) :]
    chunks = []
    while body:
        length = backups.LENGTH.size + backups.LENGTH.unpack(body[: backups.LENGTH.size])[0]
        chunks.append(body[:length])
        body = body[length:]
    swapped = backups.MAGIC + chunks[1] + chunks[0] + b"".join(chunks[2:])
    with pytest.raises(backups.BackupError, match="out of order"):
        _decrypted(swapped)


def test_something_else_is_not_taken_for_a_backup():
    with pytest.raises(backups.BackupError, match="not a Tandem backup"):
        _decrypted(b"PK\x03\x04 a zip file")


def test_a_backup_needs_a_key(settings, tmp_path):
    settings.TANDEM_BACKUP_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="Set TANDEM_BACKUP_KEY"):
        backups.make_backup(tmp_path / "x.backup")


@pytest.mark.usefixtures("transactional_db")
def test_backup_then_restore_brings_back_rows_notes_and_files(cast, backup_key, tmp_path):
    note = PrivateNote.objects.get()
    evidence = EvidenceItem.objects.exclude(file="").get()
    file_name = evidence.file.name
    original = evidence.file.read()
    users_before = User.objects.count()
    output = tmp_path / "drill.backup"

    call_command("backup", output=str(output), stdout=io.StringIO())
    assert output.read_bytes().startswith(backups.MAGIC)
    assert b"Dana seemed tired" not in output.read_bytes()

    # Disaster: rows and files gone.
    PrivateNote.objects.all().delete()
    User.objects.filter(pk=cast["outsider"].pk).delete()
    default_storage.delete(file_name)

    out = io.StringIO()
    call_command("restore", str(output), interactive=False, stdout=out)
    assert "every table's row count matches" in out.getvalue()
    assert User.objects.count() == users_before
    assert (
        PrivateNote.objects.get(pk=note.pk).body == "Dana seemed tired: check workload next time."
    )
    with default_storage.open(file_name, "rb") as handle:
        assert handle.read() == original


@pytest.mark.usefixtures("transactional_db")
def test_the_backup_folder_keeps_only_the_newest(backup_key, settings):
    settings.TANDEM_BACKUP_KEEP = 2
    folder = Path(settings.TANDEM_BACKUP_DIR)
    folder.mkdir()
    for stamp in ("20260101T000000Z", "20260102T000000Z", "20260103T000000Z"):
        (folder / f"tandem-{stamp}.backup").write_bytes(b"old")
    call_command("backup", stdout=io.StringIO())
    kept = sorted(path.name for path in folder.iterdir())
    assert len(kept) == 2
    assert kept[0] == "tandem-20260103T000000Z.backup"


def test_restore_asks_first(backup_key, tmp_path):
    output = tmp_path / "x.backup"
    output.write_bytes(b"anything")
    with (
        mock.patch("builtins.input", return_value="no"),
        pytest.raises(CommandError, match="Nothing was changed"),
    ):
        call_command("restore", str(output))


def test_restore_names_a_missing_backup(backup_key, tmp_path):
    with pytest.raises(CommandError, match="There is no backup at"):
        call_command("restore", str(tmp_path / "missing.backup"), interactive=False)


@pytest.mark.django_db
def test_a_backup_of_another_engine_is_refused(backup_key, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    manifest = {"engine": other, "database_file": "database.dump"}
    with pytest.raises(backups.BackupError, match=f"of a {other} database"):
        backups._restore_database(manifest, tmp_path)


@pytest.mark.django_db
def test_the_manifest_counts_soft_deleted_rows_the_dump_holds(cast):
    corrections.delete_record(actor=cast["mentee"], item=cast["goal"])
    corrections.delete_record(actor=cast["mentor"], item=cast["conversation"])
    counts = backups.row_counts()
    assert counts["relationships.Goal"] == Goal.all_objects.count() == 1
    assert counts["relationships.Conversation"] == Conversation.all_objects.count() == 2
