"""Reads of a mentor bank: entries with their live load and credentials, in bounded queries."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.bank.models import WAITING_STATUSES, BankEntry, MentorBank
from tandem.organisations.models import Phase
from tandem.people.models import MentorTrainingRecord, Profile, Subject
from tandem.relationships.models import Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES, SUPPORTING_ROLES

LIVE_RELATIONSHIP_STATUSES = (
    Relationship.Status.PROPOSED,
    Relationship.Status.ACTIVE,
    Relationship.Status.PAUSED,
)


def load_of(user_ref: str = "user_id") -> Coalesce:
    """How many people the outer row's user supports now, across every programme: learners
    in their live (proposed, active or paused) relationships, a group counting each member.
    A correlated subquery, so a whole list costs no extra query."""
    learners = (
        RelationshipMember.objects.filter(
            role__in=LEARNING_ROLES,
            relationship__status__in=LIVE_RELATIONSHIP_STATUSES,
            relationship__members__user_id=OuterRef(user_ref),
            relationship__members__role__in=SUPPORTING_ROLES,
        )
        .exclude(user_id=OuterRef(user_ref))
        .order_by()
        .annotate(num=Func(F("pk"), function="COUNT"))
        .values("num")
    )
    return Coalesce(Subquery(learners, output_field=IntegerField()), Value(0))


def accredited_in_date(today: dt.date, user_ref: str = "user_id") -> Exists:
    """Whether the outer row's user holds an accredited training record not yet expired."""
    return Exists(
        MentorTrainingRecord.objects.filter(
            profile__user_id=OuterRef(user_ref), is_accredited=True
        ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    )


@dataclass(frozen=True)
class EntryFilters:
    phase: Phase | None = None
    subject: Subject | None = None
    is_accredited: bool = False
    is_available: bool = False
    status: str = BankEntry.Status.APPROVED


def bank_entries(bank: MentorBank, filters: EntryFilters | None = None) -> "QuerySet[BankEntry]":
    """A bank's entries with `load` (mentees now), `spare` (capacity left) and
    `is_accredited` (in date) on each row. Three queries when evaluated: the entries with
    their person and profile, then the profiles' phases and subjects."""
    filters = filters or EntryFilters()
    today = timezone.localdate()
    entries = (
        BankEntry.objects.filter(bank=bank)
        .select_related("user", "user__profile")
        .prefetch_related(
            Prefetch("user__profile__phases", queryset=Phase.objects.order_by("position")),
            Prefetch("user__profile__subjects", queryset=Subject.objects.order_by("name")),
        )
        .annotate(load=load_of(), is_accredited=accredited_in_date(today))
        .annotate(spare=F("capacity") - F("load"))
        .order_by("user__full_name", "pk")
    )
    if filters.status:
        entries = entries.filter(status=filters.status)
    if filters.phase is not None:
        entries = entries.filter(
            Exists(
                Profile.phases.through.objects.filter(
                    profile__user_id=OuterRef("user_id"), phase=filters.phase
                )
            )
        )
    if filters.subject is not None:
        entries = entries.filter(
            Exists(
                Profile.subjects.through.objects.filter(
                    profile__user_id=OuterRef("user_id"), subject=filters.subject
                )
            )
        )
    if filters.is_accredited:
        entries = entries.filter(is_accredited=True)
    if filters.is_available:
        entries = entries.filter(is_available=True, spare__gt=0)
    return entries


def status_counts(bank: MentorBank) -> dict[str, int]:
    """How many entries the bank has in each status (one query)."""
    counts = dict.fromkeys(BankEntry.Status.values, 0)
    rows = BankEntry.objects.filter(bank=bank).order_by().values("status").annotate(num=Count("pk"))
    for row in rows:
        counts[row["status"]] = row["num"]
    return counts


def entry_training(entry: BankEntry) -> "QuerySet[MentorTrainingRecord]":
    return MentorTrainingRecord.objects.filter(profile__user_id=entry.user_id).order_by(
        "-completed_on"
    )


def entry_load(entry: BankEntry) -> int:
    """The entry's mentor's current load (one query)."""
    row = BankEntry.objects.filter(pk=entry.pk).annotate(load=load_of()).values("load").first()
    return int(row["load"]) if row else 0


def waiting_entries(bank: MentorBank) -> "QuerySet[BankEntry]":
    """Applications and nominations waiting for a decision, with accreditation (one query)."""
    return (
        BankEntry.objects.filter(bank=bank, status__in=WAITING_STATUSES)
        .select_related("user")
        .annotate(is_accredited=accredited_in_date(timezone.localdate()))
        .order_by("created_at", "pk")
    )
