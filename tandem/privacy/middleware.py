"""Ask a person to read their organisations' privacy notices before anything else.

Whether any notice is due is worked out once, when the person signs in (see
`note_notices_due`), and kept in their session: pages cost no extra query. A notice
published later is asked about at the next sign-in.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tandem.accounts.models import User
from tandem.privacy.selectors.consent import notices_due

NOTICES_DUE = "privacy_notices_due"
# Signing in and out, the notices themselves, the administration, the API and files are
# never held up by a notice.
UNGUARDED_PREFIXES = ("/privacy/", "/accounts/", "/admin/", "/api/", "/static/", "/health/")


def note_notices_due(request: HttpRequest | None, user: User) -> None:
    """At sign-in: remember in the session whether the person has notices to read."""
    session = getattr(request, "session", None)
    if session is not None and notices_due(user).exists():
        session[NOTICES_DUE] = True


class PrivacyNoticeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and user is not None
            and user.is_authenticated
            and request.session.get(NOTICES_DUE)
            and not request.headers.get("HX-Request")
            and not request.path.startswith(UNGUARDED_PREFIXES)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('privacy:notices-due')}?{query}")
        return self.get_response(request)
