"""Account views of Tandem's own (allauth provides sign-in, passwords and two-factor)."""

import time

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tandem.accounts import sessions
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
