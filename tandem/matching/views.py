from dataclasses import dataclass, field
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.imports import exports
from tandem.matching import services
from tandem.matching.forms import (
    PreferenceForm,
    ProposalForm,
    RematchForm,
    RunForm,
    SettingsForm,
)
from tandem.matching.models import (
    MatchRun,
    MentorPreference,
    OfferStatus,
    RunMode,
    RunStatus,
    ShortlistOffer,
)
from tandem.matching.policy import get_offer_for_mentee, get_offer_for_mentor, get_run_for_user
from tandem.programmes.models import Programme
from tandem.programmes.policy import get_programme_for_user
from tandem.relationships.models import ChangeRequest
from tandem.relationships.policy import get_relationship_for_user

PAGE_SIZE = 100


@dataclass
class ShortlistRound:
    """One programme's shortlist as its mentee sees it, and what they can do now."""

    programme: Programme
    offers: list[ShortlistOffer] = field(default_factory=list)
    state: str = "choose"  # choose, waiting, matched or exhausted

    def settle(self) -> None:
        statuses = {offer.status for offer in self.offers}
        if OfferStatus.ACCEPTED in statuses:
            self.state = "matched"
        elif OfferStatus.CHOSEN in statuses:
            self.state = "waiting"
        elif OfferStatus.SUGGESTED not in statuses:
            self.state = "exhausted"


@require_GET
@login_required
def programme_matching(request: AuthenticatedHttpRequest, programme_uuid: object) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    match_settings = services.get_settings(programme)
    context = {
        "programme": programme,
        "match_settings": match_settings,
        "weights": services.weight_rows(match_settings),
        "form": RunForm(),
        "runs": MatchRun.objects.filter(programme=programme).select_related("created_by")[:50],
        "counts": services.programme_counts(programme),
    }
    return render(request, "matching/programme_matching.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def settings_edit(request: AuthenticatedHttpRequest, programme_uuid: object) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = SettingsForm(posted_data(request), instance=services.get_settings(programme))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SettingsForm.Meta.fields}
        try:
            services.update_settings(
                actor=request.user, programme=programme, fields=fields, weights=form.weights()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Matching settings saved. They apply to the next run.")
            return redirect("matching:programme-matching", programme_uuid=programme.uuid)
    return render(request, "matching/settings_form.html", {"programme": programme, "form": form})


@require_POST
@login_required
def run_start(request: AuthenticatedHttpRequest, programme_uuid: object) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how to match.")
        return redirect("matching:programme-matching", programme_uuid=programme.uuid)
    run = services.start_run(
        actor=request.user, programme=programme, mode=form.cleaned_data["mode"]
    )
    return redirect(run)


@require_http_methods(["GET", "POST"])
@login_required
def rematch_start(request: AuthenticatedHttpRequest, programme_uuid: object) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    placed = services.placed_mentees(programme)
    asked = set(
        ChangeRequest.objects.filter(
            relationship__programme=programme, status=ChangeRequest.Status.OPEN
        ).values_list("requested_by_id", flat=True)
    )
    form = RematchForm(posted_data(request), mentees=placed, initial={"mentees": list(asked)})
    if request.method == "POST" and form.is_valid():
        run = services.start_run(
            actor=request.user,
            programme=programme,
            mode=RunMode.REMATCH,
            rematch_ids=[user.pk for user in form.cleaned_data["mentees"]],
        )
        return redirect(run)
    context = {"programme": programme, "form": form, "num_asked": len(asked)}
    return render(request, "matching/rematch_form.html", context)


@require_GET
@login_required
def run_detail(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    context: dict[str, object] = {"run": run, "programme": run.programme}
    if run.is_finished_computing:
        unplaced_ids = [item["user"] for item in run.unplaced]
        people = {
            pk: (name, user_uuid)
            for pk, name, user_uuid in User.objects.filter(pk__in=unplaced_ids).values_list(
                "pk", "full_name", "uuid"
            )
        }
        context["unplaced"] = [
            {**item, "name": people[item["user"]][0], "user_uuid": people[item["user"]][1]}
            for item in run.unplaced
            if item["user"] in people
        ]
        if run.mode == RunMode.SHORTLIST:
            context.update(_shortlist_page(request, run))
        else:
            proposals = run.proposals.select_related("mentee", "mentor").order_by(
                "mentee__full_name", "pk"
            )
            context["page"] = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "matching/run_detail.html", context)


def _shortlist_page(request: AuthenticatedHttpRequest, run: MatchRun) -> dict[str, object]:
    mentees = (
        User.objects.filter(pk__in=run.inputs.get("mentees", []))
        .order_by("full_name", "pk")
        .prefetch_related(
            Prefetch(
                "shortlist_offers",
                queryset=ShortlistOffer.objects.filter(run=run).select_related("mentor"),
                to_attr="offers",
            )
        )
    )
    page = Paginator(mentees, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "round": services.round_progress(run)}


@require_http_methods(["GET", "POST"])
@login_required
def proposal_edit(
    request: AuthenticatedHttpRequest, run_uuid: UUID, user_uuid: UUID
) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    mentee = get_object_or_404(User, uuid=user_uuid)
    if run.mode == RunMode.SHORTLIST or mentee.pk not in run.inputs.get("mentees", []):
        raise Http404
    proposal = run.proposals.select_related("mentor").filter(mentee=mentee).first()
    choices = services.mentor_choices(run, mentee)
    initial = {"mentor": str(proposal.mentor_id) if proposal else ""}
    form = ProposalForm(posted_data(request), choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["mentor"]
        mentor = User.objects.filter(pk=chosen).first() if chosen else None
        try:
            services.edit_proposal(actor=request.user, run=run, mentee=mentee, mentor=mentor)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Draft changed for {mentee.full_name}.")
            return redirect(run)
    context = {
        "run": run,
        "programme": run.programme,
        "mentee": mentee,
        "proposal": proposal,
        "form": form,
        "alternatives": services.alternatives(run, mentee, choices),
    }
    return render(request, "matching/proposal_form.html", context)


def _act(
    request: AuthenticatedHttpRequest, run: MatchRun, action: object, done: str
) -> HttpResponse:
    try:
        action(actor=request.user, run=run)  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(run)


@require_POST
@login_required
def run_publish(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    return _act(
        request,
        run,
        services.publish_run,
        "Published. Each pair now has a relationship and a learning agreement to sign.",
    )


@require_POST
@login_required
def run_send(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    return _act(request, run, services.send_shortlists, "Shortlists sent. Mentees can now choose.")


@require_POST
@login_required
def run_close(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    return _act(request, run, services.close_round, "Round closed. Nobody else can choose in it.")


@require_POST
@login_required
def run_discard(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    return _act(request, run, services.discard_run, "Run discarded; nothing was changed.")


@require_GET
@login_required
def my_shortlists(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.expire_overdue()
    offers = (
        ShortlistOffer.objects.filter(mentee=request.user, run__status=RunStatus.OPEN)
        .select_related("run__programme", "mentor")
        .order_by("run__programme__name", "run", "rank")
    )
    rounds: dict[int, ShortlistRound] = {}
    for offer in offers:
        entry = rounds.setdefault(offer.run_id, ShortlistRound(offer.run.programme))
        entry.offers.append(offer)
    for entry in rounds.values():
        entry.settle()
    return render(request, "matching/my_shortlists.html", {"rounds": list(rounds.values())})


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


@require_GET
@login_required
def mentor_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.expire_overdue()
    offers = (
        ShortlistOffer.objects.filter(mentor=request.user)
        .exclude(status__in=[OfferStatus.SUGGESTED, OfferStatus.CLOSED])
        .select_related("run__programme", "mentee", "relationship")
        .order_by("-chosen_at")
    )
    waiting = [offer for offer in offers if offer.status == OfferStatus.CHOSEN]
    answered = [offer for offer in offers if offer.status != OfferStatus.CHOSEN][:50]
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
def preferences_edit(request: AuthenticatedHttpRequest, programme_uuid: object) -> HttpResponse:
    """A mentee names up to three mentors they would like; the engine weighs their wishes."""
    programme = get_programme_for_user(request.user, programme_uuid)
    if not services.can_state_preferences(request.user, programme):
        raise PermissionDenied
    current = dict(
        MentorPreference.objects.filter(programme=programme, mentee=request.user).values_list(
            "rank", "mentor_id"
        )
    )
    form = PreferenceForm(
        posted_data(request),
        mentors=services.preference_mentors(programme, request.user),
        initial_ranks=current,
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
def run_export(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    """The whole run (every pair or suggestion, and every unplaced mentee) as CSV or XLSX."""
    run = get_run_for_user(request.user, run_uuid)
    if not run.is_finished_computing:
        raise Http404
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    headers, rows = services.run_rows(run)
    record_event(actor=request.user, action="matching.run.export", target=run, detail=file_format)
    stem = f"matching-{run.created_at:%Y-%m-%d}-{run.get_mode_display().lower().replace(' ', '-')}"
    return exports.render(headers, rows, file_format=file_format, file_stem=stem[:60])


@require_GET
@login_required
def how_matched(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    """The learner's own view of how their relationship was formed."""
    relationship, member = get_relationship_for_user(request.user, relationship_uuid)
    if member is None or not member.is_learning:
        raise Http404
    context = {"relationship": relationship, **services.how_matched(request.user, relationship)}
    return render(request, "matching/how_matched.html", context)
