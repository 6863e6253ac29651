from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tandem.http import AuthenticatedHttpRequest
from tandem.relationships import selectors
from tandem.relationships.ics import calendar_for
from tandem.relationships.models import CalendarFeed
from tandem.relationships.models.relationship import new_feed_token
from tandem.relationships.prompts import prompts_for


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
            is_agreement_signed=row["is_signed"],
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
