from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.api.models import TOKEN_PREFIX, ApiToken, hash_secret, new_token_parts


@transaction.atomic
def create_token(*, actor: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """Create a personal access token for the actor; returns it and the full token text,
    which is shown once and never stored."""
    key, secret = new_token_parts()
    token = ApiToken(user=actor, name=name.strip(), scope=scope, key=key)
    token.secret_hash = hash_secret(secret)
    token.full_clean()
    token.save()
    return token, f"{TOKEN_PREFIX}_{key}_{secret}"


@transaction.atomic
def revoke_token(*, actor: User, token: ApiToken) -> ApiToken:
    """The token's owner revokes it; it stops working at once."""
    if token.user_id != actor.pk:
        message = "Only the token's owner may revoke it."
        raise PermissionError(message)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token
