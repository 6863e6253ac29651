from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


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
