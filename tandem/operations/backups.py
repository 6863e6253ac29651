"""Encrypted backups of the database and every uploaded file, and restoring them.

A backup is one file: a tar archive (manifest, database, uploaded files) encrypted with the
Fernet key in TANDEM_BACKUP_KEY, in chunks so a large archive never sits in memory whole.
Each chunk's plaintext starts with its number and whether it is the last, so a backup that
was cut short, reordered or tampered with is refused rather than half restored.

PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`. SQLite: the online
backup API, a consistent copy taken while Tandem keeps running.
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.utils import timezone

MAGIC = b"TANDEM-BACKUP-1\n"
CHUNK_BYTES = 4 * 1024 * 1024
HEADER = struct.Struct(">Q?")  # chunk number, is the last chunk
LENGTH = struct.Struct(">I")
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]
    num_files: int


def backup_key() -> Fernet:
    key = settings.TANDEM_BACKUP_KEY
    if not key:
        message = (
            "Set TANDEM_BACKUP_KEY to the Fernet key that encrypts backups (make one with "
            '`python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"`) and keep a copy away from the backups.'
        )
        raise ImproperlyConfigured(message)
    try:
        return Fernet(key)
    except ValueError as error:
        message = "TANDEM_BACKUP_KEY is not a Fernet key (32 url-safe base64-encoded bytes)."
        raise ImproperlyConfigured(message) from error


# Encryption, in numbered chunks.


def encrypt_file(source: IO[bytes], target: IO[bytes], fernet: Fernet) -> None:
    target.write(MAGIC)
    number = 0
    chunk = source.read(CHUNK_BYTES)
    while True:
        following = source.read(CHUNK_BYTES)
        token = fernet.encrypt(HEADER.pack(number, not following) + chunk)
        target.write(LENGTH.pack(len(token)) + token)
        if not following:
            return
        chunk, number = following, number + 1


def decrypt_file(source: IO[bytes], target: IO[bytes], fernet: Fernet) -> None:
    if source.read(len(MAGIC)) != MAGIC:
        message = "This is not a Tandem backup (or it is from a newer, unknown format)."
        raise BackupError(message)
    expected = 0
    while True:
        length = source.read(LENGTH.size)
        if len(length) < LENGTH.size:
            message = "The backup ends early: it was cut short while being written or copied."
            raise BackupError(message)
        token = source.read(LENGTH.unpack(length)[0])
        try:
            plain = fernet.decrypt(token)
        except InvalidToken as error:
            message = "The backup cannot be decrypted: wrong TANDEM_BACKUP_KEY, or it was changed."
            raise BackupError(message) from error
        number, is_last = HEADER.unpack_from(plain)
        if number != expected:
            message = "The backup's parts are out of order: it was changed after it was made."
            raise BackupError(message)
        target.write(plain[HEADER.size :])
        if is_last:
            if source.read(1):
                message = "The backup has data after its end: it was changed after it was made."
                raise BackupError(message)
            return
        expected += 1


# What is in the database and the storage.


def row_counts() -> dict[str, int]:
    """Rows per Tandem model: the manifest records them and a restore checks them."""
    return {
        # The base manager: soft-deleted rows (relationships) are stored and restored too.
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("tandem.") and not model._meta.proxy
    }


def stored_files(folder: str = "") -> Iterator[str]:
    """Every file name in the default storage (local disk or S3 alike)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet: the media folder does not exist
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from stored_files(f"{folder}/{sub}" if folder else sub)


def _database_settings() -> dict[str, Any]:
    return connections["default"].settings_dict


def _pg_environment() -> dict[str, str]:
    """libpq's variables, so the password never appears on a command line."""
    database = _database_settings()
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
    }
    return os.environ | {key: str(value) for key, value in values.items() if value}


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed: install PostgreSQL's client tools (postgresql-client)."
        raise BackupError(message)
    return found


def _dump_database(folder: Path) -> str:
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"],
            env=_pg_environment(),
            check=True,
        )
        return target.name
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target.name
    message = f"Backups support PostgreSQL and SQLite, not {connection.vendor}."
    raise BackupError(message)


# Backing up.


def make_backup(output: Path) -> dict[str, Any]:
    """Write an encrypted backup of the database and uploaded files to `output`; returns
    its manifest."""
    fernet = backup_key()
    with tempfile.TemporaryDirectory(prefix="tandem-backup-") as work:
        folder = Path(work)
        database_file = _dump_database(folder)
        names = sorted(stored_files())
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database_file": database_file,
            "counts": row_counts(),
            "files": names,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
        archive = folder / "backup.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(folder / "manifest.json", arcname="manifest.json")
            tar.add(folder / database_file, arcname=database_file)
            for name in names:
                with default_storage.open(name, "rb") as handle:
                    info = tarfile.TarInfo(f"files/{name}")
                    info.size = default_storage.size(name)
                    tar.addfile(info, handle)
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(f".{output.name}.partial")
        with archive.open("rb") as source, partial.open("wb") as target:
            encrypt_file(source, target, fernet)
            target.flush()
            os.fsync(target.fileno())
        partial.replace(output)  # a backup that exists is a whole one
    return manifest


def backup_name(now: dt.datetime | None = None) -> str:
    moment = (now or timezone.now()).astimezone(dt.UTC)
    return f"tandem-{moment:%Y%m%dT%H%M%SZ}.backup"


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `folder`; returns those deleted."""
    backups = sorted(folder.glob("tandem-*.backup"))
    old = backups[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


# Restoring.


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = tar.getmembers()
    for member in members:
        if not member.isfile() or member.name.startswith("/") or ".." in member.name.split("/"):
            message = f"The backup holds an unexpected entry ({member.name!r}); refusing it."
            raise BackupError(message)
    return members


def read_manifest(path: Path, work: Path) -> dict[str, Any]:
    """Decrypt the backup at `path` into `work` and return its manifest."""
    archive = work / "backup.tar"
    with path.open("rb") as source, archive.open("wb") as target:
        decrypt_file(source, target, backup_key())
    with tarfile.open(archive) as tar:
        _safe_members(tar)
        tar.extractall(work / "contents", filter="data")
    manifest = json.loads((work / "contents" / "manifest.json").read_text())
    if manifest.get("format") != FORMAT_VERSION:
        message = f"This backup's format ({manifest.get('format')}) is not one Tandem knows."
        raise BackupError(message)
    return manifest


def _restore_database(manifest: dict[str, Any], contents: Path) -> None:
    if manifest["engine"] != connection.vendor:
        message = (
            f"This backup is of a {manifest['engine']} database; DATABASE_URL names a "
            f"{connection.vendor} one. Restore into the same kind of database."
        )
        raise BackupError(message)
    dump = contents / manifest["database_file"]
    if connection.vendor == "postgresql":
        connections.close_all()
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={_database_settings()['NAME']}",
                str(dump),
            ],
            env=_pg_environment(),
            check=True,
        )
        return
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()
    connections.close_all()


def _restore_files(manifest: dict[str, Any], contents: Path) -> int:
    for name in manifest["files"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        with (contents / "files" / name).open("rb") as handle:
            saved = default_storage.save(name, File(handle))
        if saved != name:
            message = f"The storage saved {name!r} as {saved!r}; the database would not find it."
            raise BackupError(message)
    return len(manifest["files"])


def restore_backup(path: Path) -> Restored:
    """Replace the database and the uploaded files with the backup's, then check every
    model's row count against the manifest."""
    with tempfile.TemporaryDirectory(prefix="tandem-restore-") as work:
        manifest = read_manifest(path, Path(work))
        contents = Path(work) / "contents"
        _restore_database(manifest, contents)
        num_files = _restore_files(manifest, contents)
    counts = row_counts()
    different = {
        label: (expected, counts.get(label))
        for label, expected in manifest["counts"].items()
        if counts.get(label) != expected
    }
    if different:
        listed = ", ".join(f"{label} {want}≠{got}" for label, (want, got) in different.items())
        message = f"Restored, but the row counts differ from the backup's: {listed}."
        raise BackupError(message)
    return Restored(counts=counts, num_files=num_files)
