"""Tandem's structured logs: one JSON object a line, timed in UTC, each carrying the id of
the request it belongs to and the uuid of the person acting, so a trust's IT lead can
follow a sign-in, a refusal or a read of a confidential record across servers.

What a log line may hold: uuids, action names, URL patterns, status codes. What it never
holds: email addresses, passwords, tokens, codes, or any confidential text. Sign-in
failures name the attempted account by a keyed hash of its address, which correlates
repeated attempts without writing the address down.
"""

import contextvars
import hashlib
import hmac
import logging
import uuid
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

# Set by tandem.middleware.RequestContextMiddleware for the length of one request.
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
actor_var: contextvars.ContextVar[str] = contextvars.ContextVar("actor", default="")

security_log = logging.getLogger("tandem.security")


def actor_id(user: Any) -> str:
    """The uuid of a signed-in person, or "" for nobody: never their email address."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(getattr(user, "uuid", ""))


def login_key(login: str) -> str:
    """A keyed hash of an attempted sign-in address: the same address gives the same key, so
    repeated failures against one account can be seen, but the address cannot be read back."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), login.strip().lower().encode(), hashlib.sha256
    ).hexdigest()
    return digest[:16]


def log_event(
    action: str,
    *,
    actor: Any = None,
    object_type: str = "",
    object_id: object = "",
    level: int = logging.INFO,
    **fields: str | int,
) -> None:
    """Write one security event (sign-in, failure, lockout, refusal, read or export)."""
    extra: dict[str, object] = {
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id) if object_id else "",
        **fields,
    }
    if actor is not None:
        extra["actor"] = actor_id(actor)
    security_log.log(level, action, extra=extra)


def route_of(request: HttpRequest) -> str:
    """The URL pattern a request matched ("relationships/calendar/<str:token>.ics"), never the
    path itself, which may carry a secret (a calendar feed's token, a password-reset key)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "(unmatched)"
    return "/" + str(match.route)


class RequestContextFilter(logging.Filter):
    """Adds the request's id and actor to every record, and replaces the raw path in Django's
    own request warnings ("Not Found: /…") with the URL pattern it matched."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            request = None
        # Django logs a response's status after the middleware has finished with it, so the
        # request itself is asked too.
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get() or getattr(request, "request_id", "")
        if not getattr(record, "actor", ""):
            record.actor = actor_var.get() or actor_id(getattr(request, "user", None))
        if request is not None and isinstance(record.args, tuple):
            record.args = tuple(
                route_of(request) if arg == request.path else arg for arg in record.args
            )
        return True


class JsonLogFormatter(JsonFormatter):
    """One JSON object a line: UTC timestamp, level, logger, message, then the record's
    fields. Django's `request` object is left out: its text includes the query string."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            "{levelname}{name}{message}",
            style="{",
            timestamp=True,  # datetime in UTC, ISO 8601
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "taskName", "request", "server_time"],
        )


def new_request_id() -> str:
    return uuid.uuid4().hex
