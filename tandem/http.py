"""Request types for views behind login_required."""

from django.http import HttpRequest

from tandem.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user is signed in (the view is wrapped in login_required)."""

    user: User
