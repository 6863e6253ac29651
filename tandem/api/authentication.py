"""Bearer-token authentication for personal access tokens."""

import hmac

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from tandem.accounts.models import User
from tandem.api.models import TOKEN_PREFIX, ApiToken, hash_secret

# Writing last_used_at on every request would turn each read into a write; once a minute
# is enough to show people which tokens are in use.
LAST_USED_PRECISION_SECONDS = 60


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer tdm_<key>_<secret>`; request.auth is the ApiToken."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = request.headers.get("authorization", "")
        if not header.startswith(f"{self.keyword} "):
            return None
        parts = header[len(self.keyword) + 1 :].strip().split("_", 2)
        if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
            raise exceptions.AuthenticationFailed("That is not a Tandem access token.")
        _prefix, key, secret = parts
        token = ApiToken.objects.active().select_related("user").filter(key=key).first()
        if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
            raise exceptions.AuthenticationFailed("The access token is unknown or revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's account is inactive.")
        now = timezone.now()
        if (
            token.last_used_at is None
            or (now - token.last_used_at).total_seconds() > LAST_USED_PRECISION_SECONDS
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "tandem.api.authentication.TokenAuthentication"
    name = "personalAccessToken"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token from the API tokens page (tdm_…).",
        }
