"""Holding an uploaded file between its preview and the lead's confirmation.

The upload is encrypted (it holds interview transcripts) and kept under MEDIA_ROOT for at
most a day; the session remembers which tokens belong to whom, so nobody confirms another
person's upload. Confirming or starting again removes it.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from tandem.relationships.crypto import cipher

FOLDER = "research-interchange"
SESSION_KEY = "research_interchange_uploads"
MAX_AGE_SECONDS = 24 * 60 * 60


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    """Remove uploads nobody confirmed within a day (retention: a day at most)."""
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in folder.glob("*.upload"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def stage(session: SessionBase, data: bytes, *, purpose: str) -> str:
    folder = _folder()
    _sweep(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.upload").write_bytes(cipher().encrypt(data))
    uploads = session.get(SESSION_KEY, {})
    uploads[token] = purpose
    session[SESSION_KEY] = uploads
    return token


def take(session: SessionBase, token: str, *, purpose: str) -> bytes | None:
    """The staged upload, if this session staged it for this purpose; removed once taken."""
    uploads = session.get(SESSION_KEY, {})
    if uploads.get(token) != purpose:
        return None
    del uploads[token]
    session[SESSION_KEY] = uploads
    path = _folder() / f"{token}.upload"
    if not path.exists():
        return None
    data = cipher().decrypt(path.read_bytes())
    path.unlink(missing_ok=True)
    return data
