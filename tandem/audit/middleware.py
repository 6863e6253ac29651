"""Refusals as audit rows: the data-protection lead sees who tried to open what."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tandem.audit.services import record_refusal
from tandem.logs import route_of

# A URL's last UUID argument names the object asked for; where the URL's word differs from
# the model's, this says which model it is, so the row matches the model's reads.
MODEL_FOR_ARGUMENT = {
    "relationships.evidence": "relationships.evidenceitem",
    "relationships.request": "relationships.changerequest",
    "matching.run": "matching.matchrun",
    "people.record": "people.mentortrainingrecord",
}
# The site administration has its own refusals and history; static files are not records.
UNRECORDED_NAMESPACES = {"admin"}


class RefusalAuditMiddleware:
    """Writes an audit row for every 403 or 404 a policy gives a signed-in person on one of
    Tandem's pages or API endpoints (a mistyped address that matches no page is not one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if (
            response.status_code in (403, 404)
            and match is not None
            and user is not None
            and user.is_authenticated
            and not UNRECORDED_NAMESPACES & set(match.namespaces)
        ):
            object_type, object_uuid = None, None
            arguments = [name for name in match.kwargs if name.endswith("_uuid")]
            if arguments:
                word = arguments[-1].removesuffix("_uuid")
                noun = "accounts.user" if word == "user" else f"{match.namespace}.{word}"
                object_type = MODEL_FOR_ARGUMENT.get(noun, noun)
                object_uuid = match.kwargs[arguments[-1]]
            record_refusal(
                actor=user,
                status=response.status_code,
                # The URL pattern, never the path: a path may carry a secret (a calendar
                # feed's token); the object asked for is in object_uuid.
                path=f"{request.method} {route_of(request)}",
                object_type=object_type,
                object_uuid=object_uuid,
            )
        return response
