"""The coordinator's review of a draft: mentor choices with reasons, edits, publishing
(all or nothing), downloads, and what a mentee may read about how they were matched."""

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.matching.adapter import Round
from tandem.matching.engine.explanations import MENTEE_TEXT
from tandem.matching.engine.scoring import EXCLUSIONS, INELIGIBLE, Scorer
from tandem.matching.models import (
    MatchProposal,
    MatchRun,
    RunMode,
    RunStatus,
    ShortlistOffer,
)
from tandem.matching.services.computation import contributions, round_for
from tandem.programmes.policy import require_coordinator
from tandem.relationships.models import ChangeRequest, Relationship
from tandem.relationships.roles import roles_for
from tandem.relationships.services.lifecycle import (
    change_relationship_status,
    form_relationship,
    resolve_change_request,
    unsigned_and_empty,
    withdraw_relationships,
)


def require_draft(run: MatchRun) -> None:
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


@dataclass(frozen=True)
class _MenteeRound:
    """One mentee's row of a run's round, scored, for the edit page and for edits."""

    round: Round
    scorer: Scorer
    row: int


def _mentee_round(run: MatchRun, mentee: User) -> _MenteeRound | None:
    round_ = round_for(run, mentee_ids=[mentee.pk])
    if mentee.pk not in round_.mentees:
        return None
    return _MenteeRound(round_, Scorer(round_.data, round_.config), round_.mentee_row(mentee.pk))


def mentor_choices(run: MatchRun, mentee: User) -> list[MentorChoice]:
    """Every mentor in the run for one mentee: score, places left and any rule that bars them.

    Ordered best first, barred mentors last.
    """
    scored = _mentee_round(run, mentee)
    return [] if scored is None else _choices(run, mentee, scored)


def _choices(run: MatchRun, mentee: User, scored: _MenteeRound) -> list[MentorChoice]:
    round_, scorer, row = scored.round, scored.scorer, scored.row
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
    require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().get(pk=run.pk)
    require_draft(run)
    if run.mode in {RunMode.SHORTLIST, RunMode.GROUPS}:
        message = "Shortlists and groups are not edited pair by pair; run them again instead."
        raise ValidationError(message)
    if mentee.pk not in run.inputs.get("mentees", []):
        message = "That person is not a mentee in this run."
        raise ValidationError(message)
    if mentor is None:
        deleted, _ = run.proposals.filter(mentee=mentee).delete()
        if deleted:
            unplaced = {"user": mentee.pk, "reason": "coordinator"}
            _set_unplaced(run, mentee, unplaced | {"message": "Left unplaced by the coordinator."})
        return
    scored = _mentee_round(run, mentee)
    choices = [] if scored is None else _choices(run, mentee, scored)
    choice = next((item for item in choices if item.user_id == mentor.pk), None)
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
    assert scored is not None  # noqa: S101 - a choice was found, so the mentee is in the round
    round_, row = scored.round, scored.row
    column = round_.mentor_row(mentor.pk)
    parts = contributions(scored.scorer, np.array([row]), np.array([column]))[0]
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
    _set_unplaced(run, mentee, None)


def _set_unplaced(run: MatchRun, mentee: User, entry: dict[str, object] | None) -> None:
    """After an edit: the mentee's line in the unplaced list (None: placed) and the count."""
    others = [item for item in run.unplaced if item["user"] != mentee.pk]
    run.unplaced = others if entry is None else [*others, entry]
    run.num_placed = run.proposals.count()
    # The engine's reasons describe its allocation: the run page says how many hand
    # changes have been made since, which may have freed or filled places.
    run.inputs = {**run.inputs, "hand_edits": int(run.inputs.get("hand_edits", 0)) + 1}
    run.save(update_fields=["unplaced", "num_placed", "inputs", "updated_at"])


@transaction.atomic
def publish_run(*, actor: User, run: MatchRun) -> int:
    """Turn every proposal into a relationship, all or nothing; returns how many."""
    require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    require_draft(run)
    if run.mode == RunMode.SHORTLIST:
        message = "Shortlists are sent to mentees, not published as pairs."
        raise ValidationError(message)
    if run.mode == RunMode.GROUPS:
        message = "A group run is published as groups, not as pairs."
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


# Publishing can be undone for this long, while nobody has signed or recorded anything.
UNPUBLISH_DAYS = 7


def unpublish_problems(run: MatchRun, now: dt.datetime | None = None) -> list[str]:
    """Why this published run cannot be unpublished now (empty: it can)."""
    if run.status != RunStatus.PUBLISHED or run.published_at is None:
        return ["Only a published match can be unpublished."]
    if run.mode == RunMode.REMATCH:
        return [
            (
                "A rematch ended earlier relationships, so it cannot be undone here: "
                "change pairs one at a time instead."
            )
        ]
    if (now or timezone.now()) > unpublish_until(run):
        return [
            (
                f"Matches can be unpublished for {UNPUBLISH_DAYS} days after publishing; "
                "that time has passed. Change pairs one at a time instead."
            )
        ]
    relationships = [p.relationship for p in run.proposals.select_related("relationship")]
    return unsigned_and_empty([r for r in relationships if r is not None])


def unpublish_until(run: MatchRun) -> dt.datetime:
    assert run.published_at is not None  # noqa: S101 - only asked of published runs
    return run.published_at + dt.timedelta(days=UNPUBLISH_DAYS)


@transaction.atomic
def unpublish_run(*, actor: User, run: MatchRun) -> int:
    """Withdraw a published match within the grace period, while nobody has signed an
    agreement (coordinators only): its relationships go, the run is a draft again and
    everyone paired is emailed. Returns how many pairs were withdrawn."""
    require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    problems = unpublish_problems(run)
    if problems:
        raise ValidationError(problems)
    proposals = list(run.proposals.select_related("relationship"))
    relationships = [p.relationship for p in proposals if p.relationship is not None]
    withdrawn = withdraw_relationships(
        actor=actor, programme=run.programme, relationships=relationships
    )
    run.status = RunStatus.DRAFT
    run.published_by = None
    run.published_at = None
    run.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    record_event(actor=actor, action="match-run.unpublished", target=run)
    return withdrawn


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
    require_coordinator(actor, run.programme)
    if run.status not in {RunStatus.DRAFT, RunStatus.FAILED, RunStatus.QUEUED}:
        message = "Only a draft, failed or waiting run can be discarded."
        raise ValidationError(message)
    run.status = RunStatus.DISCARDED
    run.save(update_fields=["status", "updated_at"])


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
        if run.mode == RunMode.GROUPS:
            # Which group each learner is in (the "mentor" is the group's facilitator).
            headers.insert(4, "Group")
            for row, proposal in zip(rows, proposals, strict=True):
                row.insert(4, proposal.group_number)
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
    anyone else (tandem.matching.engine.explanations)."""
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
