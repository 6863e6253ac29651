import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tandem.accounts import sessions
from tandem.accounts.twofactor import has_two_factor


class StaffTwoFactorMiddleware:
    """Staff must set up TOTP two-factor before they may use the site administration.

    The admin holds every organisation's data, so a password alone is not enough for it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and request.path.startswith("/admin/")
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                "Staff accounts need two-factor authentication. "
                "Set up an authenticator app to use the site administration.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Signs people out after a spell without activity (30 minutes for people who can read
    mentoring records, 60 for others) and 12 hours after signing in, whatever they do.

    Runs after the authentication middleware. A deactivated account has no user on its
    next request (Django's backend refuses inactive users), so its sessions end at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = time.time()
        session = request.session
        if sessions.SIGNED_IN_AT not in session:
            # A session from before these clocks existed starts them now.
            sessions.stamp_signed_in(None, request, user)
        reason = self._expiry_reason(session, now)
        if reason:
            logout(request)
            messages.info(request, reason)
            return redirect_to_login(request.get_full_path())
        if now - session[sessions.SEEN_AT] >= sessions.REFRESH_SECONDS:
            sessions.refresh(request, user, now)
        return self.get_response(request)

    @staticmethod
    def _expiry_reason(session: Any, now: float) -> str | None:
        if now - session[sessions.SIGNED_IN_AT] > settings.SESSION_COOKIE_AGE:
            hours = settings.SESSION_COOKIE_AGE // 3600
            return f"You were signed out {hours} hours after signing in. Please sign in again."
        idle = session.get(sessions.IDLE_SECONDS, settings.TANDEM_SESSION_IDLE_RECORDS_SECONDS)
        if now - session[sessions.SEEN_AT] > idle:
            return (
                f"You were signed out after {idle // 60} minutes without activity. "
                "Please sign in again."
            )
        return None


class TwoFactorRequiredMiddleware:
    """Everyone who can read confidential or aggregate data sets up two-factor before any
    other page: until then every page sends them to the two-factor set-up, except signing
    out, the two-factor pages themselves, re-authentication and static files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or not request.session.get(sessions.TWO_FACTOR_DUE)
            or self._is_allowed(request.path)
        ):
            return self.get_response(request)
        if has_two_factor(user):
            request.session[sessions.TWO_FACTOR_DUE] = False
            return self.get_response(request)
        messages.warning(
            request,
            "Your role lets you see confidential or aggregate information, so your account "
            "needs two-factor authentication. Set up an authenticator app or a passkey to "
            "continue.",
        )
        return redirect("mfa_index")

    @staticmethod
    def _is_allowed(path: str) -> bool:
        allowed = (
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
            reverse("account_logout"),
            settings.STATIC_URL,
        )
        return path.startswith(allowed)
