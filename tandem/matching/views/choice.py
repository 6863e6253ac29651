"""Mentee choice and mentors' answers: shortlists, requests, preferences, and a learner's
view of how they were matched."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.matching import selectors, services
from tandem.matching.forms import PreferenceForm, RankForm
from tandem.matching.policy import (
    can_state_preferences,
    get_offer_for_mentee,
    get_offer_for_mentor,
    get_round_for_mentee,
)
from tandem.programmes.policy import get_programme_for_user
from tandem.relationships.policy import get_relationship_for_user


@require_GET
@login_required
def my_shortlists(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.expire_overdue()
    rounds = selectors.shortlist_rounds(request.user)
    return render(request, "matching/my_shortlists.html", {"rounds": rounds})


@require_POST
@login_required
def offer_choose(request: AuthenticatedHttpRequest, offer_uuid: UUID) -> HttpResponse:
    offer = get_offer_for_mentee(request.user, offer_uuid)
    try:
        services.choose_offer(actor=request.user, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You chose {offer.mentor.full_name}. They have been asked to accept; we will "
            "email you when they answer.",
        )
    return redirect("matching:my-shortlists")


@require_http_methods(["GET", "POST"])
@login_required
def shortlist_rank(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    """The mentee ranks up to three suggestions, sees exactly what will happen, then confirms."""
    run = get_round_for_mentee(request.user, run_uuid)
    offers = selectors.round_offers(run, request.user)
    form = RankForm(posted_data(request), offers=selectors.rankable(offers))
    context = {"run": run, "programme": run.programme, "offers": offers, "form": form}
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") != "yes":
            waiting = next((o for o in offers if o.status == "chosen"), None)
            context |= {"ranked": form.ranked(), "waiting": waiting}
            return render(request, "matching/rank_confirm.html", context)
        try:
            asked = services.rank_offers(actor=request.user, run=run, ranked=form.ranked())
        except ValidationError as error:
            add_errors(form, error)
        else:
            done = "Ranking saved."
            if asked is not None:
                done += f" {asked.mentor.full_name} has been asked; we will email you."
            messages.success(request, done)
            return redirect("matching:my-shortlists")
    return render(request, "matching/rank_form.html", context)


@require_GET
@login_required
def mentor_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.expire_overdue()
    waiting, answered = selectors.mentor_requests(request.user)
    context = {"waiting": waiting, "answered": answered}
    return render(request, "matching/mentor_requests.html", context)


@require_POST
@login_required
def offer_answer(request: AuthenticatedHttpRequest, offer_uuid: UUID) -> HttpResponse:
    offer = get_offer_for_mentor(request.user, offer_uuid)
    answer = request.POST.get("answer")
    if answer not in {"accept", "decline"}:
        messages.error(request, "Choose accept or decline.")
        return redirect("matching:mentor-requests")
    try:
        answered = services.answer_offer(actor=request.user, offer=offer, accept=answer == "accept")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("matching:mentor-requests")
    if answered.relationship is not None:
        messages.success(
            request,
            f"You are now paired with {offer.mentee.full_name}. "
            "Agree your learning agreement together.",
        )
        return redirect(answered.relationship)
    messages.success(request, f"Declined. {offer.mentee.full_name} will choose again.")
    return redirect("matching:mentor-requests")


@require_http_methods(["GET", "POST"])
@login_required
def preferences_edit(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """A mentee names up to three mentors they would like; the engine weighs their wishes."""
    programme = get_programme_for_user(request.user, programme_uuid)
    if not can_state_preferences(request.user, programme):
        raise PermissionDenied
    form = PreferenceForm(
        posted_data(request),
        mentors=selectors.preference_mentors(programme, request.user),
        initial_ranks=selectors.preference_ranks(programme, request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.set_preferences(
                actor=request.user, programme=programme, ranked=form.ranked()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"Saved {count} preference{'s' if count != 1 else ''}. Your coordinator's "
                "matching will take them into account; mentors are not told.",
            )
            return redirect(programme)
    return render(request, "matching/preferences_form.html", {"programme": programme, "form": form})


@require_GET
@login_required
def how_matched(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    """The learner's own view of how their relationship was formed."""
    relationship, member = get_relationship_for_user(request.user, relationship_uuid)
    if member is None or not member.is_learning:
        raise Http404
    context = {"relationship": relationship, **services.how_matched(request.user, relationship)}
    return render(request, "matching/how_matched.html", context)
