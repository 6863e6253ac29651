"""Encryption at rest for private notes and the shared record's free text: Fernet keys
from TANDEM_NOTE_KEYS.

The first key encrypts; every key decrypts, so a new key can be put first and
`tandem rotate_note_keys` re-encrypts old notes before the old key is removed.
"""

import base64
import hashlib
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django import forms
from django.conf import settings
from django.core.exceptions import FieldError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.lookups import Exact


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


class EmptyOnlyExact(Exact):
    """Encrypted text equals nothing but the empty string in SQL: refuse the comparison
    rather than silently match no row."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            message = "Encrypted text can only be compared with the empty string."
            raise FieldError(message)
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Text stored encrypted with the note keys, read back as plain text.

    For the shared record's free text (conversation summaries, observations, goals), so a
    database dump or backup does not reveal what members wrote. The ORM reads and writes
    it as ordinary text; what the database cannot do is look inside it: filtering other
    than on the empty string, ordering and searching by its words all see ciphertext.
    Empty text is stored empty, so "has a summary" stays a cheap query.

    `single_line` keeps the one-line input of a field that was a CharField (a goal's
    title); `max_length` limits what is typed, not the (longer) ciphertext.
    """

    def __init__(self, *args: Any, single_line: bool = False, **kwargs: Any) -> None:
        self.single_line = single_line
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            # What a CharField checked on full_clean(), on the plain text.
            self.validators.append(MaxLengthValidator(self.max_length))

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.single_line:
            kwargs["single_line"] = True
        return name, path, args, kwargs

    def from_db_value(
        self, value: str | None, expression: object, connection: object
    ) -> str | None:
        return decrypt(value) if value else value

    def get_prep_value(self, value: object) -> object:
        value = super().get_prep_value(value)
        return encrypt(value) if isinstance(value, str) and value else value

    def get_lookup(self, lookup_name: str) -> Any:
        # The database holds ciphertext: only emptiness can be asked of it.
        if lookup_name not in {"exact", "isnull"}:
            return None
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs: Any) -> Any:
        if self.single_line:
            kwargs.setdefault("widget", forms.TextInput)
        return super().formfield(**kwargs)


EncryptedTextField.register_lookup(EmptyOnlyExact)
