"""One holder at a time for scheduled jobs (reminders, disposal, backups), across machines.

PostgreSQL: a session advisory lock, released by the server when the holder's connection
ends, so a scheduler killed mid-job never leaves the lock behind. SQLite (one machine by
nature): an advisory lock on a file beside the database, released by the kernel likewise.
"""

import fcntl
import hashlib
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

logger = logging.getLogger(__name__)


def _advisory_key(name: str) -> int:
    digest = hashlib.blake2b(f"tandem:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_file(name: str) -> Path:
    database = str(connection.settings_dict["NAME"])
    is_file = database and ":memory:" not in database and "mode=memory" not in database
    folder = Path(database).parent if is_file else Path(tempfile.gettempdir())
    stem = Path(database).name if is_file else "tandem-memory"
    return folder / f"{stem}.{name}.lock"


@contextmanager
def exclusive(name: str) -> Iterator[bool]:
    """Yield True if this process now holds the lock called `name`, False if another does
    (the caller then skips its work); released when the block ends."""
    if connection.vendor == "postgresql":
        # PostgreSQL lets one session take the same advisory lock again (the locks nest),
        # so the names this connection holds are remembered: a second attempt through the
        # same connection is refused like one from another machine.
        held: set[str] = connection.__dict__.setdefault("tandem_advisory_locks", set())
        if name in held:
            yield False
            return
        key = _advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            is_held = bool(cursor.fetchone()[0])
        if is_held:
            held.add(name)
        try:
            yield is_held
        finally:
            if is_held:
                held.discard(name)
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    with _lock_file(name).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def exclusive_or_skip(name: str) -> Iterator[bool]:
    """`exclusive`, logging when the job is skipped because another scheduler runs it."""
    with exclusive(name) as is_held:
        if not is_held:
            logger.info("Skipped %s: another process is running it.", name)
        yield is_held
