"""Request types and helpers shared by views."""

from django.http import HttpRequest, QueryDict

from tandem.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user is signed in (the view is wrapped in login_required)."""

    user: User


def posted_data(request: HttpRequest) -> QueryDict | None:
    """The submitted form data for a POST, even when empty (an empty POST must still be
    validated and show its errors), or None for a GET."""
    return request.POST if request.method == "POST" else None
