"""Request types and helpers shared by views."""

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django_htmx.middleware import HtmxDetails

from tandem.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user is signed in (the view is wrapped in login_required)."""

    user: User
    htmx: HtmxDetails  # set by django-htmx's middleware; false unless htmx sent the request


def htmx_fragment(
    request: HttpRequest, template_name: str, context: dict[str, Any]
) -> HttpResponse:
    """The part of a page that an htmx request swaps in, followed by the request's messages,
    which htmx swaps into the page's message region out of band. The view returns this when
    request.htmx is set and the whole page (or a redirect) otherwise: docs/architecture.md."""
    fragment = render_to_string(template_name, context, request=request)
    fragment += render_to_string("partials/messages_oob.html", request=request)
    return HttpResponse(fragment)


CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"


def download(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A response the browser saves as `filename` instead of showing it (exports, reports)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def posted_data(request: HttpRequest) -> QueryDict | None:
    """The submitted form data for a POST, even when empty (an empty POST must still be
    validated and show its errors), or None for a GET."""
    return request.POST if request.method == "POST" else None
