"""Account views of Tandem's own (allauth provides sign-in, passwords and two-factor)."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tandem.accounts import sessions
from tandem.accounts.invitations import invitation_tokens
from tandem.accounts.models import User
from tandem.http import AuthenticatedHttpRequest


@require_POST
@login_required
def session_extend(request: AuthenticatedHttpRequest) -> HttpResponse:
    """ "Stay signed in" from the expiry warning: counts as activity, so the idle clock starts
    again (the 12-hour limit from sign-in still stands). Any signed-in person, for their own
    session only. The warning's script reads the JSON; without script the form returns to
    the page it was on."""
    now = time.time()
    sessions.refresh(request, request.user, now)
    left = sessions.seconds_left(request.session, now)
    if request.accepts("application/json") and not request.accepts("text/html"):
        return JsonResponse({"seconds_left": left})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(target)


def _invited_user(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if invitation_tokens.check_token(user, token) else None


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time link from an invitation: the person chooses their first password, then
    signs in as usual (with two-factor where their access needs it)."""
    user = _invited_user(uidb64, token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your password is set. Sign in with your email address.")
        return redirect("account_login")
    return render(request, "accounts/invitation_accept.html", {"form": form, "person": user})
