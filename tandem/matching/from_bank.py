"""Find a mentor now: one mentee matched against a mentor bank, without a cohort round.

The Lancashire bank gave a newly appointed head "immediate access" to an experienced head
(seed 002 §5.4). A coordinator of a programme run by a bank's organisation or partnership
asks for one mentee; the bank's approved, available mentors with places left across all
programmes are scored by the same engine as a round (so the programme's rules, hard
constraints and weights all apply), and the coordinator confirms one: the mentor is
enrolled in the programme (programmes services) and the pair formed (relationships
services). Single-mentee ranking stays within a second against 5,000 mentors
(bench/bank.py).
"""

from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from tandem.accounts.models import User
from tandem.bank.models import BankEntry, MentorBank
from tandem.bank.selectors import load_of
from tandem.matching.adapter import BankMentor, build_single_round
from tandem.matching.engine.criteria import CRITERION_LABELS
from tandem.matching.engine.explanations import Contribution, explain_pairs
from tandem.matching.engine.scoring import EXCLUSIONS, INELIGIBLE, Scorer
from tandem.matching.services.settings import engine_config, get_settings, settings_snapshot
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import require_coordinator
from tandem.programmes.requirements import unmet_for_users
from tandem.programmes.services import enrol_approved_mentors
from tandem.relationships.models import Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES
from tandem.relationships.services.lifecycle import create_relationship

# Mentors shown at most, best first; the requirement check runs on this many times more.
SHOWN = 10
CHECKED = 5


@dataclass(frozen=True)
class BankCandidate:
    entry_uuid: str
    user_id: int
    name: str
    points: int
    contributions: tuple[Contribution, ...]
    spare: int


@dataclass(frozen=True)
class BankSearch:
    candidates: list[BankCandidate]
    num_mentors: int  # approved, available mentors with a place left in the banks
    num_eligible: int  # of those, the ones no hard rule rules out
    ruled_out: list[tuple[str, int]]  # (rule, mentors it rules out), largest first


def banks_for_programme(programme: Programme) -> "QuerySet[MentorBank]":
    """Banks the programme may recruit from: its organisations' and its partnership's."""
    held = Q(organisation__in=programme.organisations.values("pk"))
    if programme.partnership_id:
        held |= Q(partnership_id=programme.partnership_id)
    return MentorBank.objects.filter(held)


def available_entries(programme: Programme) -> "QuerySet[BankEntry]":
    """Approved entries taking mentees now, in the programme's banks, of active people."""
    return BankEntry.objects.approved().filter(
        bank__in=banks_for_programme(programme), is_available=True, user__is_active=True
    )


def unplaced_mentees(programme: Programme) -> "QuerySet[Enrolment]":
    """Approved mentees with no live relationship in the programme yet."""
    placed = (
        RelationshipMember.objects.filter(
            relationship__programme=programme, role__in=sorted(LEARNING_ROLES)
        )
        .exclude(relationship__status=Relationship.Status.ENDED)
        .values("user_id")
    )
    return (
        Enrolment.objects.approved()
        .filter(programme=programme, role=Enrolment.Role.MENTEE)
        .exclude(user_id__in=placed)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def _bank_mentors(
    programme: Programme, mentee: Enrolment
) -> tuple[list[BankMentor], dict[int, int]]:
    """Each available bank mentor with places left (one query; a mentor in two of the
    programme's banks counts once, with the first entry's words)."""
    rows = (
        available_entries(programme)
        .exclude(user_id=mentee.user_id)
        .annotate(load=load_of())
        .order_by("user_id", "pk")
        # Integer keys, not uuids: turning 5,000 uuids into objects costs a third of a second.
        .values_list("user_id", "capacity", "load", "qualities", "experience", "pk")
    )
    mentors: dict[int, BankMentor] = {}
    entry_ids: dict[int, int] = {}
    for user_id, capacity, load, qualities, experience, entry_id in rows:
        if user_id in mentors or capacity - load <= 0:
            continue
        mentors[user_id] = BankMentor(user_id, capacity - load, f"{qualities}\n{experience}")
        entry_ids[user_id] = entry_id
    return list(mentors.values()), entry_ids


def find_mentor_now(programme: Programme, mentee: Enrolment, *, limit: int = SHOWN) -> BankSearch:
    """Rank the programme's bank mentors for one mentee, with each one's reasons."""
    mentors, entry_ids = _bank_mentors(programme, mentee)
    participants = User.objects.filter(
        Q(pk=mentee.user_id) | Q(pk__in=available_entries(programme).values("user_id"))
    ).values("pk")
    config = engine_config(programme, settings_snapshot(get_settings(programme)))
    round_ = build_single_round(
        programme, config, mentee=mentee, mentors=mentors, participants=participants
    )
    scorer = Scorer(round_.data, round_.config)
    row = np.zeros(1, dtype=np.int64)
    scores = scorer.scores(row)[0].astype(np.int64) if round_.mentors.size else np.zeros(0)
    eligible = np.flatnonzero(scores > INELIGIBLE)
    order = eligible[np.argsort(-scores[eligible], kind="stable")][: limit * CHECKED]
    user_ids = [int(user_id) for user_id in round_.mentors[order]]
    # Rules the engine does not know (years in current role) are checked on the best few.
    unmet = unmet_for_users(programme, user_ids)
    kept = [col for col, user_id in zip(order, user_ids, strict=True) if not unmet[user_id]]
    kept = kept[:limit]
    shown = [int(round_.mentors[col]) for col in kept]
    names = dict(User.objects.filter(pk__in=shown).values_list("pk", "full_name"))
    uuids = dict(
        BankEntry.objects.filter(pk__in=[entry_ids[user_id] for user_id in shown]).values_list(
            "pk", "uuid"
        )
    )
    criteria, shares = explain_pairs(scorer, np.zeros(len(kept), dtype=np.int64), np.array(kept))
    candidates = []
    for index, col in enumerate(kept):
        user_id = int(round_.mentors[col])
        parts = sorted(
            (
                Contribution(criterion, CRITERION_LABELS[criterion], round(float(value), 1))
                for criterion, value in zip(criteria, shares[index], strict=True)
                if value > 0
            ),
            key=lambda part: -part.points,
        )
        candidates.append(
            BankCandidate(
                entry_uuid=str(uuids[entry_ids[user_id]]),
                user_id=user_id,
                name=names.get(user_id, ""),
                points=int(scores[col]),
                contributions=tuple(parts),
                spare=int(round_.data.capacity[col]),
            )
        )
    counts = scorer.exclusion_counts(row) if round_.mentors.size else {}
    ruled_out = sorted(
        (
            (EXCLUSIONS[code].label, int(count[0]))
            for code, count in counts.items()
            if code in EXCLUSIONS and int(count[0]) > 0
        ),
        key=lambda item: -item[1],
    )
    return BankSearch(
        candidates=candidates,
        num_mentors=int(round_.mentors.size),
        num_eligible=int(eligible.size),
        ruled_out=ruled_out,
    )


@transaction.atomic
def pair_from_bank(
    *,
    actor: User,
    programme: Programme,
    mentee: Enrolment,
    entry: BankEntry,
    justification: str = "",
) -> Relationship:
    """Pair one mentee with a bank mentor now (the programme's coordinators only): the
    mentor must be approved and available in one of the programme's banks with a place
    left, and meet every requirement; they are enrolled as an approved mentor and the pair
    is formed, with the usual conflict-of-interest checks."""
    require_coordinator(actor, programme)
    if mentee.programme_id != programme.pk or mentee.role != Enrolment.Role.MENTEE:
        message = "Choose an approved mentee of this programme."
        raise ValidationError(message)
    if not unplaced_mentees(programme).filter(pk=mentee.pk).exists():
        message = f"{mentee.user.display_name} already has a mentor in this programme."
        raise ValidationError(message)
    found = available_entries(programme).filter(pk=entry.pk).annotate(load=load_of()).first()
    if found is None:
        message = f"{entry.user.display_name} is not an available mentor in this programme's banks."
        raise ValidationError(message)
    if found.capacity - found.load <= 0:
        message = (
            f"{entry.user.display_name} already supports {found.load} "
            f"mentee{'s' if found.load != 1 else ''}, their capacity across all programmes."
        )
        raise ValidationError(message)
    unmet = unmet_for_users(programme, [entry.user_id])[entry.user_id]
    if unmet:
        raise ValidationError([f"{entry.user.display_name}: {reason}" for reason in unmet])
    enrol_approved_mentors(actor=actor, programme=programme, users=[entry.user])
    return create_relationship(
        actor=actor,
        programme=programme,
        members=[(entry.user, "mentor", False), (mentee.user, "mentee", False)],
        justification=justification,
    )
