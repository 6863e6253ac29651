from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.relationships import reminders, selectors
from tandem.relationships.forms import ReminderPreferencesForm
from tandem.relationships.ics import calendar_for
from tandem.relationships.models import CalendarFeed
from tandem.relationships.models.relationship import new_feed_token
from tandem.relationships.prompts import prompts_for
from tandem.relationships.services.reminders import (
    reminder_kinds_turned_off,
    set_reminder_preferences,
    stop_all_reminders,
)


@require_GET
@login_required
def my_mentoring(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "relationships/my_mentoring.html", selectors.my_mentoring(request.user))


@require_GET
@login_required
def my_mentees(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = selectors.my_mentees(request.user)
    for row in context["rows"]:
        relationship = row["relationship"]
        row["prompts"] = prompts_for(
            # Ended relationships are not asked to sign (no "please sign" prompt).
            is_agreement_signed=row["is_signed"] or relationship.is_ended,
            num_goals=relationship.num_goals,
            num_agenda_items=relationship.num_agenda_items,
            num_learner_items=relationship.num_learner_items,
            num_observations=relationship.num_observations,
        )
    return render(request, "relationships/my_mentees.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    if request.method == "POST":
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "updated_at"])
        messages.success(request, "New calendar address made; the old one no longer works.")
        return redirect("relationships:calendar")
    url = request.build_absolute_uri(f"/relationships/calendar/{feed.token}.ics")
    return render(request, "relationships/calendar.html", {"feed_url": url})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Calendar apps cannot sign in, so the secret address is the credential."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(calendar_for(feed.user), content_type="text/calendar; charset=utf-8")
    # The address is the credential and the body names people: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response


def _kind_labels() -> dict[str, str]:
    return {kind: naming.label for kind, naming in reminders.KINDS.items()}


@require_http_methods(["GET", "POST"])
@login_required
def reminder_preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A person's own choice of reminder emails: nobody else's can be seen or changed."""
    kinds = _kind_labels()
    turned_off = reminder_kinds_turned_off(request.user)
    initial = {"wanted": [kind for kind in kinds if kind not in turned_off]}
    form = ReminderPreferencesForm(posted_data(request), kinds=kinds, initial=initial)
    if form.is_valid():
        set_reminder_preferences(
            actor=request.user, wanted=form.cleaned_data["wanted"], kinds=kinds
        )
        messages.success(request, "Your reminder emails are saved.")
        return redirect("relationships:reminder-preferences")
    return render(request, "relationships/reminder_preferences.html", {"form": form})


@csrf_exempt  # mail providers post here with no cookie or form (RFC 8058)
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every reminder. The signed token is the credential (no sign-in from an
    email client). GET only asks, since mail scanners follow links; POST, from the button
    or a one-click List-Unsubscribe-Post, stops every kind of reminder."""
    user = reminders.user_for_unsubscribe_token(token)
    if user is None:
        raise Http404
    is_stopped = request.method == "POST"
    if is_stopped:
        stop_all_reminders(actor=user, kinds=_kind_labels())
    context = {"is_stopped": is_stopped, "email": user.email}
    return render(request, "relationships/reminder_unsubscribe.html", context)
