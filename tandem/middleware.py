"""Middleware every response passes through: the request's id and log lines, and the
headers that keep confidential pages out of caches and the browser's powerful features
switched off."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

from tandem.logs import actor_id, actor_var, log_event, new_request_id, request_id_var, route_of

request_log = logging.getLogger("tandem.request")

# A proxy's X-Request-ID is kept when it looks like an id; anything else (too long, spaces,
# line breaks that could forge a log line) is replaced by a new one.
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# 401 (an unknown or revoked API token), 403 (the policy allows reading only) and 404 (the
# policy hides the object, or no such page).
REFUSALS = {401, 403, 404}


def _object_id(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    for value in match.kwargs.values():
        try:
            return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
        except ValueError:
            continue
    return ""


class RequestContextMiddleware:
    """Gives each request an id (echoed as X-Request-ID), makes it and the actor's uuid part
    of every log line written while the request runs, logs each response's status and time,
    and logs every refusal with the URL pattern and the object's uuid."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if INCOMING_ID.fullmatch(incoming) else new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        id_token = request_id_var.set(request_id)
        actor_token = actor_var.set("")
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            # The API signs its token users in inside the view, so look again afterwards.
            actor_var.set(actor_id(getattr(request, "user", None)))
            route = route_of(request)
            if response.status_code in REFUSALS:
                log_event(
                    "access.refused",
                    object_type=getattr(request.resolver_match, "view_name", ""),
                    object_id=_object_id(request),
                    status=response.status_code,
                    method=request.method or "",
                    route=route,
                    level=logging.WARNING,
                )
            request_log.info(
                "request",
                extra={
                    "method": request.method,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            response["X-Request-ID"] = request_id
            return response
        finally:
            request_id_var.reset(id_token)
            actor_var.reset(actor_token)

    def process_view(self, request: HttpRequest, *args: object) -> None:
        # Authentication has run by now: lines the view writes name the person acting.
        actor_var.set(actor_id(getattr(request, "user", None)))


class PrivateResponseMiddleware:
    """`Cache-Control: no-store` on every response the application itself writes (static
    files are served before this and stay cacheable), unless a view marks its response
    `public`: pages and exports about people must not linger in a shared or browser cache.
    And a Permissions-Policy that switches off the browser features Tandem never uses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        directives = response.get("Cache-Control", "")
        if "no-store" not in directives and "public" not in directives:
            patch_cache_control(response, no_store=True, private=True)
        response.headers.setdefault("Permissions-Policy", settings.TANDEM_PERMISSIONS_POLICY)
        return response
