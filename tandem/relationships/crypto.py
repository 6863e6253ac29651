"""Encryption at rest for private notes: Fernet keys from TANDEM_NOTE_KEYS.

The first key encrypts; every key decrypts, so a new key can be put first and
`tandem rotate_note_keys` re-encrypts old notes before the old key is removed.
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def _development_key() -> str:
    # DEBUG only (production settings refuse to start without TANDEM_NOTE_KEYS).
    digest = hashlib.sha256(f"tandem-private-notes:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@cache
def _cipher_for(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def cipher() -> MultiFernet:
    keys = tuple(settings.TANDEM_NOTE_KEYS) or (_development_key(),)
    return _cipher_for(keys)


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return cipher().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """Re-encrypt with the current (first) key."""
    return cipher().rotate(token.encode()).decode()
