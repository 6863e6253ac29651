"""Security log lines for signing in and out: every success and every failure, naming the
person by uuid (or, for a failure, the attempted address by a keyed hash), never by email."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from tandem.logs import log_event, login_key


def _client(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def log_sign_in(sender: object, request: HttpRequest | None, user: Any, **kwargs: object) -> None:
    log_event(
        "auth.sign-in",
        actor=user,
        object_type="accounts.user",
        object_id=user.uuid,
        client=_client(request),
    )


def log_sign_out(sender: object, request: HttpRequest | None, user: Any, **kwargs: object) -> None:
    if user is not None:
        log_event("auth.sign-out", actor=user, object_type="accounts.user", object_id=user.uuid)


def log_sign_in_failure(
    sender: object,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: object,
) -> None:
    # Django has already masked the password; only the address is used, and only hashed.
    login = str(credentials.get("email") or credentials.get("username") or "")
    log_event("auth.sign-in-failed", login_key=login_key(login), client=_client(request))


def log_lockout(request: HttpRequest | None, login: str) -> None:
    """Called where a sign-in is refused because of too many failures."""
    log_event("auth.locked-out", login_key=login_key(login), client=_client(request))


def connect() -> None:
    user_logged_in.connect(log_sign_in, dispatch_uid="tandem-log-sign-in")
    user_logged_out.connect(log_sign_out, dispatch_uid="tandem-log-sign-out")
    user_login_failed.connect(log_sign_in_failure, dispatch_uid="tandem-log-sign-in-failure")
