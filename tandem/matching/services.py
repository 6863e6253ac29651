"""Matching for a programme: settings, runs, review, publishing, shortlists and answers.

Coordinators run the engine (optimal allocation, shortlists or a rematch), review and edit
the draft, then publish it as relationships. In mentee-choice mode each mentee picks one of
their suggestions, the mentor accepts or declines within the programme's deadline, and a
decline or silence lets the mentee pick again (seed 002 §4.3.4: involvement in choosing a
mentor goes with valuing mentoring; there must be a way to change mentor).
"""

import datetime as dt
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.accounts.models import User
from tandem.matching.adapter import Round, build_round, programme_config
from tandem.matching.criteria import (
    CRITERION_LABELS,
    Criterion,
    MatchConfig,
    MentorRequirements,
    Policy,
    SameRule,
    config_for_template,
)
from tandem.matching.explain import MENTEE_TEXT, WhyNotReason, explain_pairs, why_not
from tandem.matching.models import (
    DEFAULT_ENGINE_TEMPLATE,
    ENGINE_TEMPLATE_FOR,
    MatchProposal,
    MatchRun,
    MatchSettings,
    MentorPreference,
    OfferStatus,
    RunMode,
    RunStatus,
    ShortlistOffer,
)
from tandem.matching.scoring import EXCLUSIONS, INELIGIBLE, Scorer
from tandem.matching.shortlists import shortlist
from tandem.matching.solver import Allocation, allocate, rematch
from tandem.programmes.models import Programme
from tandem.programmes.policy import is_coordinator
from tandem.relationships.forms import roles_for
from tandem.relationships.models import ChangeRequest, Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES
from tandem.relationships.services.common import mail_on_commit
from tandem.relationships.services.lifecycle import (
    change_relationship_status,
    form_relationship,
    resolve_change_request,
)

MAX_WEIGHT = 10


def _require_coordinator(actor: User, programme: Programme) -> None:
    if not is_coordinator(actor, programme):
        message = "Only the programme's coordinators may do this."
        raise PermissionError(message)


# -- settings ---------------------------------------------------------------------------------


def template_defaults(programme: Programme) -> dict[str, object]:
    """Field values for a programme's settings, from its template's engine defaults."""
    config = config_for_template(
        ENGINE_TEMPLATE_FOR.get(programme.template_key, DEFAULT_ENGINE_TEMPLATE)
    )
    return {
        "weights": {criterion.value: weight for criterion, weight in config.weights.items()},
        "sector_rule": config.sector_rule.value,
        "organisation_rule": config.organisation_rule.value,
        "policy": config.policy.value,
    }


def get_settings(programme: Programme) -> MatchSettings:
    match_settings, _created = MatchSettings.objects.get_or_create(
        programme=programme, defaults=template_defaults(programme)
    )
    return match_settings


def update_settings(
    *, actor: User, programme: Programme, fields: dict[str, object], weights: dict[str, float]
) -> MatchSettings:
    _require_coordinator(actor, programme)
    unknown = set(weights) - set(Criterion)
    if unknown:
        message = f"Unknown criterion: {sorted(unknown)[0]}."
        raise ValidationError(message)
    if any(not 0 <= weight <= MAX_WEIGHT for weight in weights.values()):
        message = f"Each weight must be between 0 and {MAX_WEIGHT}."
        raise ValidationError(message)
    if not any(weights.values()):
        message = "Give at least one criterion a weight above 0, or every pair scores the same."
        raise ValidationError(message)
    match_settings = get_settings(programme)
    for name, value in fields.items():
        setattr(match_settings, name, value)
    match_settings.weights = {key: float(value) for key, value in weights.items() if value}
    match_settings.updated_by = actor
    match_settings.full_clean()
    match_settings.save()
    return match_settings


def engine_config(programme: Programme, snapshot: dict[str, object]) -> MatchConfig:
    """The engine's configuration from a run's settings snapshot plus the programme's rules."""
    base = config_for_template(
        ENGINE_TEMPLATE_FOR.get(programme.template_key, DEFAULT_ENGINE_TEMPLATE)
    )
    weights = snapshot["weights"]
    if not isinstance(weights, dict):
        message = "A run's settings must hold a weight per criterion."
        raise TypeError(message)
    config = replace(
        base,
        # The programme's own rules (training, years, stages, external) are authoritative and
        # laid over by the adapter; the template keeps only its experience-gap rule.
        requirements=MentorRequirements(min_years_ahead=base.requirements.min_years_ahead),
        weights=MappingProxyType({Criterion(key): float(value) for key, value in weights.items()}),
        sector_rule=SameRule(str(snapshot["sector_rule"])),
        organisation_rule=SameRule(str(snapshot["organisation_rule"])),
        policy=Policy(str(snapshot["policy"])),
        min_score=int(snapshot["min_score"]) / 100,  # type: ignore[call-overload]
        quality_penalty=int(snapshot["quality_penalty"]) / 100,  # type: ignore[call-overload]
    )
    return programme_config(programme, config)


def settings_snapshot(match_settings: MatchSettings) -> dict[str, object]:
    return {
        "weights": dict(match_settings.weights),
        "sector_rule": match_settings.sector_rule,
        "organisation_rule": match_settings.organisation_rule,
        "policy": match_settings.policy,
        "quality_penalty": match_settings.quality_penalty,
        "min_score": match_settings.min_score,
        "shortlist_size": match_settings.shortlist_size,
        "response_days": match_settings.response_days,
    }


# -- runs -------------------------------------------------------------------------------------


def pending_choices(programme: Programme) -> dict[int, int]:
    """Mentor user id → mentees waiting on their answer in an open shortlist round."""
    rows = (
        ShortlistOffer.objects.awaiting_answer()
        .filter(run__programme=programme)
        .values("mentor_id")
        .annotate(count=Count("pk"))
    )
    return {row["mentor_id"]: row["count"] for row in rows}


def _round_for(run: MatchRun, *, mentee_ids: list[int] | None = None) -> Round:
    programme = run.programme
    config = engine_config(programme, run.options)
    declined = ShortlistOffer.objects.filter(
        run__programme=programme, status=OfferStatus.DECLINED
    ).values_list("mentee_id", "mentor_id")
    waiting = set(
        ShortlistOffer.objects.awaiting_answer()
        .filter(run__programme=programme)
        .exclude(run=run)
        .values_list("mentee_id", flat=True)
    )
    is_rematch = run.mode == RunMode.REMATCH
    if is_rematch and mentee_ids is None:
        mentee_ids = list(run.inputs.get("rematch", []))
    elif waiting and mentee_ids is None:
        # Mentees waiting on a mentor's answer in an open shortlist round are not matched
        # again until that answer comes.
        mentee_ids = list(
            programme.enrolments.approved()
            .filter(role="mentee")
            .exclude(user_id__in=waiting)
            .values_list("user_id", flat=True)
        )
    return build_round(
        programme,
        config,
        mentee_ids=mentee_ids,
        include_placed=is_rematch,
        reserved=None if is_rematch else pending_choices(programme),
        declined=list(declined),
    )


def start_run(
    *,
    actor: User,
    programme: Programme,
    mode: str,
    rematch_ids: list[int] | None = None,
) -> MatchRun:
    """Record a run and compute it now (small programmes) or in the background."""
    _require_coordinator(actor, programme)
    if mode not in RunMode.values:
        message = "Choose how to match."
        raise ValidationError({"mode": message})
    if mode == RunMode.REMATCH and not rematch_ids:
        message = "Choose at least one mentee to rematch."
        raise ValidationError({"mentees": message})
    match_settings = get_settings(programme)
    run = MatchRun.objects.create(
        programme=programme,
        mode=mode,
        created_by=actor,
        options=settings_snapshot(match_settings),
        inputs={"rematch": sorted(rematch_ids or [])},
        progress_note="Waiting to start",
    )
    people = programme.enrolments.approved().filter(role="mentee").count()
    if people <= django_settings.TANDEM_MATCH_INLINE_MENTEES:
        execute_run(run.pk)
        run.refresh_from_db()
    else:
        from tandem.matching import tasks  # noqa: PLC0415 - tasks import this module

        transaction.on_commit(lambda: tasks.compute_run.enqueue(run.pk))
    return run


def _progress(run: MatchRun, percent: int, note: str) -> None:
    MatchRun.objects.filter(pk=run.pk).update(
        progress=percent, progress_note=note, updated_at=timezone.now()
    )


def _contributions(scorer: Scorer, mentees: np.ndarray, mentors: np.ndarray) -> list[list[dict]]:
    """Per pair: each criterion's points, largest first, zero contributions left out."""
    if mentees.size == 0:
        return []
    criteria, table = explain_pairs(scorer, mentees, mentors)
    labels = [CRITERION_LABELS[criterion] for criterion in criteria]
    keys = [criterion.value for criterion in criteria]
    explained = []
    for row in table.tolist():
        parts = [
            {"criterion": key, "label": label, "points": round(value, 1)}
            for key, label, value in zip(keys, labels, row, strict=True)
            if value > 0
        ]
        parts.sort(key=lambda part: -part["points"])
        explained.append(parts)
    return explained


def execute_run(run_id: int) -> None:
    """Compute a run (inline or in a worker): read profiles, score, solve, explain, store."""
    run = MatchRun.objects.select_related("programme").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    try:
        _progress(run, 10, "Reading profiles and enrolments")
        round_ = _round_for(run)
        _progress(run, 30, "Scoring every possible pair and solving")
        if run.mode == RunMode.SHORTLIST:
            _store_shortlists(run, round_)
        else:
            _store_allocation(run, round_)
    except Exception as error:  # the coordinator sees the failure instead of a stuck page
        MatchRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            progress_note="Failed",
        )
        raise


def _unplaced(round_: Round, report: list) -> list[dict[str, object]]:
    return [
        {
            "user": int(round_.mentees[item.mentee]),
            "reason": item.reason.value,
            "message": item.message,
        }
        for item in report
    ]


def _inputs(run: MatchRun, round_: Round, scorer: Scorer) -> dict[str, object]:
    return {
        **run.inputs,
        "mentees": [int(user) for user in round_.mentees],
        "mentors": [int(user) for user in round_.mentors],
        "places": {
            str(int(user)): int(places)
            for user, places in zip(round_.mentors, scorer.capacity, strict=True)
        },
    }


@transaction.atomic
def _store_allocation(run: MatchRun, round_: Round) -> None:
    scorer = Scorer(round_.data, round_.config)
    if run.mode == RunMode.REMATCH:
        moving = np.array(
            [round_.mentee_row(user) for user in run.inputs["rematch"] if user in round_.mentees],
            dtype=np.int64,
        )
        allocation = rematch(round_.data, round_.config, current=round_.current, mentees=moving)
        rows = moving
    else:
        allocation = allocate(round_.data, round_.config, scorer=scorer)
        rows = allocation.rows
    _progress(run, 80, "Explaining each proposed pair")
    placed = rows[allocation.mentor[rows] >= 0]
    mentors = allocation.mentor[placed]
    explained = _contributions(scorer, placed, mentors)
    reasons = _why_not_preferences(scorer, allocation, round_, placed)
    MatchProposal.objects.bulk_create(
        MatchProposal(
            run=run,
            mentee_id=int(round_.mentees[mentee]),
            mentor_id=int(round_.mentors[mentor]),
            points=int(allocation.points[mentee]),
            contributions=parts,
            why_not=reasons.get(mentee, []),
            replaces_id=(
                int(round_.relationships[mentee])
                if run.mode == RunMode.REMATCH and round_.relationships[mentee] >= 0
                else None
            ),
        )
        for mentee, mentor, parts in zip(placed.tolist(), mentors.tolist(), explained, strict=True)
    )
    run.inputs = _inputs(run, round_, scorer)
    run.num_mentees = int(rows.size)
    run.num_mentors = int(round_.mentors.size)
    run.num_places = int(scorer.capacity[scorer.mentor_ok].sum())
    run.num_placed = int(placed.size)
    run.objective = allocation.objective
    run.is_certified_optimal = allocation.is_certified_optimal
    run.problems = allocation.problems
    run.unplaced = _unplaced(round_, allocation.unplaced)
    run.stats = {key: round(float(value), 3) for key, value in allocation.stats.items()}
    run.status = RunStatus.DRAFT
    run.progress, run.progress_note = 100, "Ready for review"
    run.save()


def _why_not_preferences(
    scorer: Scorer, allocation: Allocation, round_: Round, placed: np.ndarray
) -> dict[int, list[dict[str, object]]]:
    """Per placed mentee row with stated preferences: why each named mentor was not chosen."""
    preferences = round_.data.preferences
    answers: dict[int, list[dict[str, object]]] = {}
    for row in placed.tolist():
        named = preferences.indices[preferences.indptr[row] : preferences.indptr[row + 1]]
        if named.size == 0:
            continue
        answers[row] = [
            {"mentor": int(round_.mentors[item.mentor]), "reason": item.reason.value}
            for item in why_not(scorer, allocation, row, named.tolist())
            if item.reason != WhyNotReason.IS_CHOSEN
        ]
    return answers


@transaction.atomic
def _store_shortlists(run: MatchRun, round_: Round) -> None:
    scorer = Scorer(round_.data, round_.config)
    size = int(run.options["shortlist_size"])
    lists = shortlist(round_.data, round_.config, k=size, scorer=scorer)
    _progress(run, 80, "Explaining each suggestion")
    rows = lists.rows.tolist()
    counts = np.array([lists.mentors[row].size for row in rows], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    mentees = np.repeat(lists.rows, counts)
    mentors = np.concatenate([empty, *(lists.mentors[row] for row in rows)])
    points = np.concatenate([empty, *(lists.points[row] for row in rows)])
    ranks = np.concatenate([empty, *(np.arange(1, count + 1) for count in counts.tolist())])
    explained = _contributions(scorer, mentees, mentors)
    ShortlistOffer.objects.bulk_create(
        ShortlistOffer(
            run=run,
            mentee_id=int(round_.mentees[mentee]),
            mentor_id=int(round_.mentors[mentor]),
            rank=int(rank),
            points=int(score),
            contributions=parts,
        )
        for mentee, mentor, rank, score, parts in zip(
            mentees.tolist(),
            mentors.tolist(),
            ranks.tolist(),
            points.tolist(),
            explained,
            strict=True,
        )
    )
    run.inputs = _inputs(run, round_, scorer)
    run.num_mentees = int(lists.rows.size)
    run.num_mentors = int(round_.mentors.size)
    run.num_places = int(scorer.capacity[scorer.mentor_ok].sum())
    run.num_placed = int(sum(1 for row in lists.rows.tolist() if lists.mentors[row].size))
    run.problems = lists.problems
    run.unplaced = _unplaced(round_, lists.short)
    run.stats = {key: round(float(value), 3) for key, value in lists.stats.items()}
    run.status = RunStatus.DRAFT
    run.progress, run.progress_note = 100, "Ready for review"
    run.save()


# -- review and publish -----------------------------------------------------------------------


def _require_draft(run: MatchRun) -> None:
    if run.status != RunStatus.DRAFT:
        message = "Only a draft can be changed; this run is " + run.get_status_display().lower()
        raise ValidationError(message + ".")


@dataclass(frozen=True)
class MentorChoice:
    """One mentor as a choice for one mentee, for the coordinator's edit page."""

    user_id: int
    name: str
    points: int
    places_left: int
    barred: tuple[str, ...]  # labels of the hard rules that rule the pair out
    reason: str = ""  # why not this mentor (filled by `alternatives`)


def mentor_choices(run: MatchRun, mentee: User) -> list[MentorChoice]:
    """Every mentor in the run for one mentee: score, places left and any rule that bars them.

    Ordered best first, barred mentors last.
    """
    round_ = _round_for(run, mentee_ids=[mentee.pk])
    if mentee.pk not in round_.mentees:
        return []
    scorer = Scorer(round_.data, round_.config)
    row = round_.mentee_row(mentee.pk)
    mentors = np.arange(round_.mentors.size)
    points = scorer.pair_points(np.full(mentors.size, row), mentors)
    load = _proposal_load(run, exclude_mentee=mentee.pk)
    names = dict(User.objects.filter(pk__in=round_.mentors.tolist()).values_list("pk", "full_name"))
    choices = []
    for mentor, score in zip(mentors.tolist(), points.tolist(), strict=True):
        user_id = int(round_.mentors[mentor])
        barred = (
            tuple(EXCLUSIONS[code].label for code in scorer.broken_rules(row, mentor))
            if score == INELIGIBLE
            else ()
        )
        choices.append(
            MentorChoice(
                user_id=user_id,
                name=names.get(user_id, ""),
                points=int(score),
                places_left=int(scorer.capacity[mentor]) - load.get(user_id, 0),
                barred=barred,
            )
        )
    choices.sort(key=lambda choice: (bool(choice.barred), -choice.points))
    return choices


def _proposal_load(run: MatchRun, *, exclude_mentee: int | None = None) -> dict[int, int]:
    proposals = run.proposals.all()
    if exclude_mentee is not None:
        proposals = proposals.exclude(mentee_id=exclude_mentee)
    return dict(
        proposals.values("mentor_id").annotate(count=Count("pk")).values_list("mentor_id", "count")
    )


@transaction.atomic
def edit_proposal(*, actor: User, run: MatchRun, mentee: User, mentor: User | None) -> None:
    """Change (or remove) one mentee's proposed mentor; refuses barred or full mentors."""
    _require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().get(pk=run.pk)
    _require_draft(run)
    if run.mode == RunMode.SHORTLIST:
        message = "Shortlists are not edited pair by pair; run them again instead."
        raise ValidationError(message)
    if mentee.pk not in run.inputs.get("mentees", []):
        message = "That person is not a mentee in this run."
        raise ValidationError(message)
    if mentor is None:
        deleted, _ = run.proposals.filter(mentee=mentee).delete()
        if deleted:
            _mark_unplaced(run, mentee, "Left unplaced by the coordinator.")
        return
    choice = next((item for item in mentor_choices(run, mentee) if item.user_id == mentor.pk), None)
    if choice is None:
        message = f"{mentor.full_name} is not a mentor in this run."
        raise ValidationError({"mentor": message})
    if choice.barred:
        rules = "; ".join(choice.barred)
        message = f"{mentor.full_name} cannot be paired with {mentee.full_name}: {rules}."
        raise ValidationError({"mentor": message})
    if choice.places_left <= 0:
        message = (
            f"{mentor.full_name} has no places left in this draft. Move one of their mentees first."
        )
        raise ValidationError({"mentor": message})
    round_ = _round_for(run, mentee_ids=[mentee.pk])
    scorer = Scorer(round_.data, round_.config)
    row, column = round_.mentee_row(mentee.pk), round_.mentor_row(mentor.pk)
    parts = _contributions(scorer, np.array([row]), np.array([column]))[0]
    proposal = run.proposals.filter(mentee=mentee).first()
    replaces_id = (
        int(round_.relationships[row])
        if run.mode == RunMode.REMATCH and round_.relationships[row] >= 0
        else None
    )
    if proposal is None:
        proposal = MatchProposal(run=run, mentee=mentee, replaces_id=replaces_id)
    proposal.mentor = mentor
    proposal.points = choice.points
    proposal.contributions = parts
    proposal.is_edited = True
    proposal.why_not = []  # the engine's reasons no longer describe a hand-made change
    proposal.save()
    run.unplaced = [item for item in run.unplaced if item["user"] != mentee.pk]
    run.num_placed = run.proposals.count()
    run.save(update_fields=["unplaced", "num_placed", "updated_at"])


def _mark_unplaced(run: MatchRun, mentee: User, message: str) -> None:
    run.unplaced = [item for item in run.unplaced if item["user"] != mentee.pk] + [
        {"user": mentee.pk, "reason": "coordinator", "message": message}
    ]
    run.num_placed = run.proposals.count()
    run.save(update_fields=["unplaced", "num_placed", "updated_at"])


@transaction.atomic
def publish_run(*, actor: User, run: MatchRun) -> int:
    """Turn every proposal into a relationship, all or nothing; returns how many."""
    _require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    _require_draft(run)
    if run.mode == RunMode.SHORTLIST:
        message = "Shortlists are sent to mentees, not published as pairs."
        raise ValidationError(message)
    programme = run.programme
    support_role, learner_role = roles_for(programme)
    proposals = list(run.proposals.select_related("mentee", "mentor", "replaces"))
    problems = []
    for proposal in proposals:
        if proposal.replaces is not None and not proposal.replaces.is_ended:
            _end_for_rematch(actor, proposal.replaces)
        try:
            proposal.relationship = form_relationship(
                created_by=actor,
                programme=programme,
                members=[
                    (proposal.mentor, support_role, False),
                    (proposal.mentee, learner_role, False),
                ],
                replaces=proposal.replaces,
            )
        except ValidationError as error:
            problems.append(f"{proposal.mentor} with {proposal.mentee}: {' '.join(error.messages)}")
    if problems:
        transaction.set_rollback(True)
        message = "Nothing was published, because some pairs can no longer be formed: "
        raise ValidationError(message + " ".join(problems))
    MatchProposal.objects.bulk_update(proposals, ["relationship"])
    run.status = RunStatus.PUBLISHED
    run.published_by = actor
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    return len(proposals)


def _end_for_rematch(actor: User, relationship: Relationship) -> None:
    """The mentee's old relationship ends (its record kept); their change requests close."""
    changes = list(
        ChangeRequest.objects.filter(relationship=relationship, status=ChangeRequest.Status.OPEN)
    )
    for change in changes:
        resolve_change_request(
            actor=actor, change=change, end_relationship=True, note="A new mentor was matched."
        )
    relationship.refresh_from_db()
    if not relationship.is_ended:
        change_relationship_status(
            actor=actor,
            relationship=relationship,
            transition="end",
            reason=Relationship.EndReason.CHANGE_OF_MENTOR,
            note="Rematched by the programme coordinator.",
        )


def discard_run(*, actor: User, run: MatchRun) -> None:
    _require_coordinator(actor, run.programme)
    if run.status not in {RunStatus.DRAFT, RunStatus.FAILED, RunStatus.QUEUED}:
        message = "Only a draft, failed or waiting run can be discarded."
        raise ValidationError(message)
    run.status = RunStatus.DISCARDED
    run.save(update_fields=["status", "updated_at"])


# -- mentee choice ----------------------------------------------------------------------------


@transaction.atomic
def send_shortlists(*, actor: User, run: MatchRun) -> int:
    """Open a drafted shortlist round: each mentee is told to choose. Returns mentees told."""
    _require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    _require_draft(run)
    if run.mode != RunMode.SHORTLIST:
        message = "Only a shortlist run is sent to mentees."
        raise ValidationError(message)
    # One open round per programme, so a mentee never has two lists to answer.
    MatchRun.objects.filter(programme=run.programme).open_shortlists().update(
        status=RunStatus.CLOSED
    )
    run.status = RunStatus.OPEN
    run.published_by = actor
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    emails = list(
        User.objects.filter(shortlist_offers__run=run).distinct().values_list("email", flat=True)
    )
    subject = f"[Tandem] Choose your mentor in {run.programme.name}"
    body = (
        "Your programme has suggested mentors for you. Open Tandem to read why each was "
        f"suggested and choose one.\n\n{django_settings.TANDEM_SITE_URL}/matching/choose/"
    )
    # One message each: mentees must not learn who else is in the round.
    messages = [(subject, body, None, [email]) for email in emails]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(emails)


def close_round(*, actor: User, run: MatchRun) -> None:
    _require_coordinator(actor, run.programme)
    if run.status != RunStatus.OPEN:
        message = "Only an open shortlist round can be closed."
        raise ValidationError(message)
    run.status = RunStatus.CLOSED
    run.save(update_fields=["status", "updated_at"])


def expire_overdue(now: dt.datetime | None = None) -> int:
    """Chosen offers the mentor did not answer in time become expired (the mentee picks again)."""
    now = now or timezone.now()
    return ShortlistOffer.objects.filter(status=OfferStatus.CHOSEN, respond_by__lt=now).update(
        status=OfferStatus.EXPIRED, responded_at=now, updated_at=now
    )


def mentor_places_left(run: MatchRun, mentor_id: int) -> int:
    """Places the mentor still offers in the round, after relationships formed since."""
    places = int(run.inputs.get("places", {}).get(str(mentor_id), 0))
    accepted = ShortlistOffer.objects.filter(
        run=run, mentor_id=mentor_id, status=OfferStatus.ACCEPTED
    ).count()
    return places - accepted


@transaction.atomic
def choose_offer(*, actor: User, offer: ShortlistOffer) -> ShortlistOffer:
    """The mentee picks one suggestion; the mentor has the programme's deadline to answer."""
    offer = (
        ShortlistOffer.objects.select_for_update().select_related("run__programme").get(pk=offer.pk)
    )
    if offer.mentee_id != actor.pk:
        message = "Only the mentee can choose from their shortlist."
        raise PermissionError(message)
    expire_overdue()
    offer.refresh_from_db()
    run = offer.run
    if run.status != RunStatus.OPEN:
        message = "This shortlist round has closed; your coordinator will be in touch."
        raise ValidationError(message)
    mine = ShortlistOffer.objects.filter(run=run, mentee=actor)
    if mine.filter(status=OfferStatus.ACCEPTED).exists():
        message = "You already have a mentor from this shortlist."
        raise ValidationError(message)
    if mine.filter(status=OfferStatus.CHOSEN).exists():
        message = "You are waiting for an answer to your choice; you can choose again if it is no."
        raise ValidationError(message)
    if offer.status != OfferStatus.SUGGESTED:
        message = "That suggestion is no longer available; please choose another."
        raise ValidationError(message)
    if mentor_places_left(run, offer.mentor_id) <= 0:
        offer.status = OfferStatus.CLOSED
        offer.save(update_fields=["status", "updated_at"])
        message = "That mentor's places have just been taken; please choose another."
        raise ValidationError(message)
    now = timezone.now()
    offer.status = OfferStatus.CHOSEN
    offer.chosen_at = now
    offer.respond_by = now + dt.timedelta(days=int(run.options["response_days"]))
    offer.save(update_fields=["status", "chosen_at", "respond_by", "updated_at"])
    mail_on_commit(
        [offer.mentor],
        f"A mentee would like you as their mentor in {run.programme.name}",
        "A mentee in your programme has chosen you. Open Tandem to accept or decline by "
        f"{timezone.localtime(offer.respond_by):%-d %B %Y}.",
    )
    return offer


@transaction.atomic
def answer_offer(*, actor: User, offer: ShortlistOffer, accept: bool) -> ShortlistOffer:
    """The mentor accepts (a relationship is formed) or declines (the mentee picks again)."""
    offer = (
        ShortlistOffer.objects.select_for_update()
        .select_related("run__programme", "mentee", "mentor")
        .get(pk=offer.pk)
    )
    if offer.mentor_id != actor.pk:
        message = "Only the chosen mentor can answer."
        raise PermissionError(message)
    expire_overdue()
    offer.refresh_from_db()
    if offer.status == OfferStatus.EXPIRED:
        message = "The time to answer has passed; the mentee has been asked to choose again."
        raise ValidationError(message)
    if offer.status != OfferStatus.CHOSEN or offer.run.status != RunStatus.OPEN:
        message = "This request is no longer waiting for an answer."
        raise ValidationError(message)
    now = timezone.now()
    offer.responded_at = now
    programme = offer.run.programme
    if not accept:
        offer.status = OfferStatus.DECLINED
        offer.save(update_fields=["status", "responded_at", "updated_at"])
        mail_on_commit(
            [offer.mentee],
            f"Choose again in {programme.name}",
            "The mentor you chose cannot take you on this time. Open Tandem to choose "
            "another of your suggestions.",
        )
        return offer
    support_role, learner_role = roles_for(programme)
    offer.relationship = form_relationship(
        created_by=actor,
        programme=programme,
        members=[(offer.mentor, support_role, False), (offer.mentee, learner_role, False)],
    )
    offer.status = OfferStatus.ACCEPTED
    offer.save(update_fields=["status", "responded_at", "relationship", "updated_at"])
    ShortlistOffer.objects.filter(run=offer.run, mentee=offer.mentee).exclude(pk=offer.pk).filter(
        status=OfferStatus.SUGGESTED
    ).update(status=OfferStatus.CLOSED, updated_at=now)
    if mentor_places_left(offer.run, offer.mentor_id) <= 0:
        ShortlistOffer.objects.filter(
            run=offer.run, mentor=offer.mentor, status=OfferStatus.SUGGESTED
        ).update(status=OfferStatus.CLOSED, updated_at=now)
    return offer


def round_progress(run: MatchRun) -> dict[str, int]:
    """How many mentees in a shortlist round are placed, waiting, or still to choose."""
    counts = ShortlistOffer.objects.filter(run=run).aggregate(
        mentees=Count("mentee", distinct=True),
        accepted=Count("mentee", filter=Q(status=OfferStatus.ACCEPTED), distinct=True),
        waiting=Count("mentee", filter=Q(status=OfferStatus.CHOSEN), distinct=True),
    )
    counts["to_choose"] = counts["mentees"] - counts["accepted"] - counts["waiting"]
    return counts


# -- page helpers -----------------------------------------------------------------------------


def weight_rows(match_settings: MatchSettings) -> list[dict[str, object]]:
    """Criteria with their weight and share of the total, heaviest first, for the summary."""
    weights = {key: float(value) for key, value in match_settings.weights.items() if value}
    total = sum(weights.values()) or 1.0
    rows = [
        {
            "label": CRITERION_LABELS[Criterion(key)],
            "weight": value,
            "percent": round(100 * value / total),
        }
        for key, value in weights.items()
    ]
    return sorted(rows, key=lambda row: -float(row["weight"]))  # type: ignore[arg-type]


def programme_counts(programme: Programme) -> dict[str, int]:
    """Approved mentees and mentors, and mentees already in a current relationship."""
    counts = programme.enrolments.approved().aggregate(
        mentees=Count("pk", filter=Q(role="mentee")),
        mentors=Count("pk", filter=Q(role="mentor")),
        places=Coalesce(Sum("capacity", filter=Q(role="mentor")), 0),
    )
    counts["placed"] = placed_mentees(programme).count()
    counts["to_place"] = counts["mentees"] - counts["placed"]
    return counts


def placed_mentees(programme: Programme) -> QuerySet[User]:
    """Approved mentees with a current relationship in the programme (rematch candidates)."""
    mentee_ids = programme.enrolments.approved().filter(role="mentee").values("user_id")
    learners = (
        RelationshipMember.objects.filter(
            relationship__programme=programme, role__in=sorted(LEARNING_ROLES)
        )
        .exclude(relationship__status=Relationship.Status.ENDED)
        .values("user_id")
    )
    return (
        User.objects.filter(pk__in=mentee_ids).filter(pk__in=learners).order_by("full_name", "pk")
    )


def alternatives(
    run: MatchRun, mentee: User, choices: list[MentorChoice], limit: int = 5
) -> list[MentorChoice]:
    """Why the mentee's best-scoring other mentors are not their proposal (coordinator view).

    Reasons: a hard rule (named), the mentor's places went to others in the best overall
    allocation, or a lower score than the proposed mentor.
    """
    proposal = run.proposals.filter(mentee=mentee).first()
    proposed_points = proposal.points if proposal else -1
    answers = []
    for choice in choices:
        if proposal is not None and choice.user_id == proposal.mentor_id:
            continue
        if choice.barred:
            reason = "Not allowed: " + "; ".join(choice.barred) + "."
        elif choice.places_left <= 0 and choice.points > proposed_points:
            reason = (
                "Scores higher, but their places went to pairs worth more to the whole allocation."
            )
        else:
            reason = "Scores lower than the proposed mentor."
        answers.append(replace(choice, reason=reason))
        if len(answers) >= limit:
            break
    return answers


# -- mentees' stated preferences --------------------------------------------------------------


def can_state_preferences(user: User, programme: Programme) -> bool:
    return programme.enrolments.approved().filter(user=user, role="mentee").exists()


def preference_mentors(programme: Programme, mentee: User) -> QuerySet[User]:
    """The programme's approved mentors a mentee may name (names only, never profiles)."""
    mentor_ids = programme.enrolments.approved().filter(role="mentor").values("user_id")
    return User.objects.filter(pk__in=mentor_ids).exclude(pk=mentee.pk).order_by("full_name", "pk")


@transaction.atomic
def set_preferences(*, actor: User, programme: Programme, ranked: list[User | None]) -> int:
    """Replace the mentee's ranked wishes; gaps close up (second with no first → first)."""
    if not can_state_preferences(actor, programme):
        message = "Only the programme's approved mentees can state preferences."
        raise PermissionError(message)
    chosen = [person for person in ranked if person is not None]
    allowed = set(preference_mentors(programme, actor).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in chosen):
        message = "Choose from the programme's mentors."
        raise ValidationError(message)
    if len({person.pk for person in chosen}) != len(chosen):
        message = "Choose each mentor once only."
        raise ValidationError(message)
    MentorPreference.objects.filter(programme=programme, mentee=actor).delete()
    MentorPreference.objects.bulk_create(
        MentorPreference(programme=programme, mentee=actor, mentor=person, rank=rank)
        for rank, person in enumerate(chosen, start=1)
    )
    return len(chosen)


def run_rows(run: MatchRun) -> tuple[list[str], list[list[object]]]:
    """The run as a table for download: every proposal or suggestion, and every unplaced
    mentee with the reason. Explanations are criterion names and points only."""
    if run.mode == RunMode.SHORTLIST:
        headers = ["Mentee", "Mentee email", "Suggestion", "Mentor", "Mentor email", "Score %"]
        headers += ["Main reasons", "Status"]
        offers = ShortlistOffer.objects.filter(run=run).select_related("mentee", "mentor")
        rows: list[list[object]] = [
            [
                offer.mentee.full_name,
                offer.mentee.email,
                offer.rank,
                offer.mentor.full_name,
                offer.mentor.email,
                round(offer.points / 100),
                _reasons(offer.contributions),
                offer.get_status_display(),
            ]
            for offer in offers.order_by("mentee__full_name", "mentee_id", "rank")
        ]
    else:
        headers = ["Mentee", "Mentee email", "Mentor", "Mentor email", "Score %", "Main reasons"]
        headers.append("Status")
        proposals = run.proposals.select_related("mentee", "mentor").order_by(
            "mentee__full_name", "pk"
        )
        rows = [
            [
                proposal.mentee.full_name,
                proposal.mentee.email,
                proposal.mentor.full_name,
                proposal.mentor.email,
                round(proposal.points / 100),
                _reasons(proposal.contributions),
                "Changed by a coordinator" if proposal.is_edited else "Proposed",
            ]
            for proposal in proposals
        ]
    people = User.objects.in_bulk([item["user"] for item in run.unplaced])
    for item in run.unplaced:
        mentee = people.get(item["user"])
        if mentee is not None:
            blank = [""] * (len(headers) - 3)
            rows.append([mentee.full_name, mentee.email, *blank, f"Not placed: {item['message']}"])
    return headers, rows


def _reasons(contributions: list[dict[str, object]]) -> str:
    return "; ".join(f"{part['label']} ({part['points']})" for part in contributions[:4])


def how_matched(user: User, relationship: Relationship) -> dict[str, object]:
    """What the learner may read about how their relationship was formed: the criteria
    behind the match and, for each mentor they named, a reason that discloses nothing about
    anyone else (tandem.matching.explain)."""
    proposal = (
        MatchProposal.objects.filter(relationship=relationship, mentee=user)
        .select_related("mentor")
        .first()
    )
    offer = ShortlistOffer.objects.filter(relationship=relationship, mentee=user).first()
    source = proposal or offer
    if source is None:
        return {"how": "by-hand"}
    named = []
    if proposal is not None and proposal.why_not:
        people = User.objects.in_bulk([item["mentor"] for item in proposal.why_not])
        named = [
            {"name": people[item["mentor"]].full_name, "text": MENTEE_TEXT[item["reason"]]}
            for item in proposal.why_not
            if item["mentor"] in people
        ]
    return {
        "how": "chosen" if offer is not None else "matched",
        "contributions": source.contributions,
        "points": source.points,
        "named": named,
    }
