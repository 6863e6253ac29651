from typing import TYPE_CHECKING

from rest_framework import permissions
from rest_framework.request import Request

from tandem.api.models import ApiToken

if TYPE_CHECKING:
    from rest_framework.views import APIView


class TokenScopePermission(permissions.BasePermission):
    """Signed in, and a read-only token may only read."""

    message = "This access token is read-only."

    def has_permission(self, request: Request, view: "APIView") -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_write
