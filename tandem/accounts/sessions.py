"""What a signed-in session remembers about itself: when it began, when it was last used,
how long it may stay idle, and whether two-factor set-up is still due.

Stamped once at sign-in (the user_logged_in signal) and refreshed at most once a minute by
SessionTimeoutMiddleware, so an ordinary page costs no extra queries or session writes.
"""

import time
from typing import Any

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.http import HttpRequest

from tandem.accounts.models import User
from tandem.accounts.twofactor import can_read_records, has_two_factor, needs_two_factor

SIGNED_IN_AT = "tandem_signed_in_at"
SEEN_AT = "tandem_seen_at"
IDLE_SECONDS = "tandem_idle_seconds"
TWO_FACTOR_DUE = "tandem_two_factor_due"
# Signed in through an identity provider that Tandem trusts to enforce its own MFA.
PROVIDER_MFA = "tandem_provider_mfa"

# How often a busy session's roles and last use are written back.
REFRESH_SECONDS = 60


def idle_seconds_for(user: User) -> int:
    if can_read_records(user):
        return int(settings.TANDEM_SESSION_IDLE_RECORDS_SECONDS)
    return int(settings.TANDEM_SESSION_IDLE_SECONDS)


def two_factor_due(request: HttpRequest, user: User) -> bool:
    if request.session.get(PROVIDER_MFA):
        return False
    return needs_two_factor(user) and not has_two_factor(user)


def refresh(request: HttpRequest, user: User, now: float) -> None:
    request.session[SEEN_AT] = now
    request.session[IDLE_SECONDS] = idle_seconds_for(user)
    request.session[TWO_FACTOR_DUE] = two_factor_due(request, user)


def signed_in_through_provider(request: HttpRequest, user: User) -> bool:
    """True if this sign-in was a single sign-on: allauth records each way a session
    authenticated, the social login before Django's own login runs."""
    records = get_authentication_records(request, user)
    return bool(records) and records[-1].get("method") == "socialaccount"


def stamp_signed_in(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """user_logged_in receiver: start the session's clocks."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[PROVIDER_MFA] = bool(
        settings.TANDEM_SSO_MFA_TRUSTED and signed_in_through_provider(request, user)
    )
    refresh(request, user, now)


def seconds_left(session: Any, now: float) -> int:
    """How long this session has before it is signed out: the idle limit from its last
    recorded use, or the 12-hour limit from sign-in, whichever comes first."""
    if SIGNED_IN_AT not in session or SEEN_AT not in session:
        return int(settings.TANDEM_SESSION_IDLE_RECORDS_SECONDS)
    idle = session.get(IDLE_SECONDS, settings.TANDEM_SESSION_IDLE_RECORDS_SECONDS)
    idle_left = idle - (now - session[SEEN_AT])
    age_left = settings.SESSION_COOKIE_AGE - (now - session[SIGNED_IN_AT])
    return max(0, int(min(idle_left, age_left)))
