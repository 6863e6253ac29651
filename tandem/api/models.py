"""Personal access tokens for the REST API: shown once, stored only as a hash."""

import hashlib
import secrets

from django.conf import settings
from django.db import models

from tandem.models import TandemModel, choices_constraint

TOKEN_PREFIX = "tdm"  # noqa: S105 - a public marker, not a secret


class ApiTokenScope(models.TextChoices):
    READ = "read", "Read only"
    READ_WRITE = "read-write", "Read and write"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


def hash_secret(secret: str) -> str:
    # The secret carries 256 bits of randomness, so a fast hash is enough: nobody can
    # guess it, and a database dump does not give a usable token.
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token_parts() -> tuple[str, str]:
    """A public lookup key and a secret; the full token is `tdm_<key>_<secret>`."""
    return secrets.token_hex(6), secrets.token_urlsafe(32)


class ApiToken(TandemModel):
    """A named personal access token acting for its owner, read-only or read-write."""

    Scope = ApiTokenScope

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What uses it, for example 'Trust HR sync'.")
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.READ)
    key = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("api_apitoken_scope_valid", scope=ApiTokenScope),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == ApiTokenScope.READ_WRITE
