"""The audit log as a data-protection lead may read it: events concerning their people.

An event concerns an organisation's people when one of them acted, or when its object is
one of them, their organisation, or a record of a programme or relationship they belong
to. Everything is one query with subqueries, whatever the size of the log.
"""

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.evaluation.models import Survey
from tandem.framework.models import Review
from tandem.matching.models import MatchRun
from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Programme
from tandem.relationships.models import (
    Action,
    ChangeRequest,
    Conversation,
    EvidenceItem,
    Goal,
    Observation,
    Relationship,
)


def people_of(organisations: QuerySet[Organisation]) -> QuerySet[User]:
    """The current members of the organisations."""
    return User.objects.filter(
        memberships__in=Membership.objects.current().filter(organisation__in=organisations)
    )


def _objects_concerning(organisations: QuerySet[Organisation]) -> dict[str, QuerySet]:
    """For each kind of audited object, the uuids of those that concern the people."""
    people = people_of(organisations)
    programmes = Programme.objects.filter(organisations__in=organisations)
    relationships = Relationship.objects.filter(members__user__in=people)
    in_relationships = {"relationship__in": relationships}
    return {
        "accounts.user": people.values("uuid"),
        "organisations.organisation": organisations.values("uuid"),
        "organisations.membership": Membership.objects.filter(
            organisation__in=organisations
        ).values("uuid"),
        "programmes.programme": programmes.values("uuid"),
        "evaluation.survey": Survey.objects.filter(programme__in=programmes).values("uuid"),
        "matching.matchrun": MatchRun.objects.filter(programme__in=programmes).values("uuid"),
        "framework.review": Review.objects.filter(organisation__in=organisations).values("uuid"),
        "relationships.relationship": relationships.values("uuid"),
        "relationships.goal": Goal.all_objects.filter(**in_relationships).values("uuid"),
        "relationships.conversation": Conversation.all_objects.filter(**in_relationships).values(
            "uuid"
        ),
        "relationships.observation": Observation.all_objects.filter(**in_relationships).values(
            "uuid"
        ),
        "relationships.evidenceitem": EvidenceItem.objects.filter(**in_relationships).values(
            "uuid"
        ),
        # all_objects: what happened to a since-deleted action, observation, goal or
        # conversation stays findable.
        "relationships.action": Action.all_objects.filter(**in_relationships).values("uuid"),
        "relationships.changerequest": ChangeRequest.objects.filter(**in_relationships).values(
            "uuid"
        ),
    }


def events_concerning(organisations: QuerySet[Organisation]) -> QuerySet[AuditEvent]:
    """Audit events concerning the organisations' people, newest first."""
    by_object = [
        Q(object_type=object_type, object_uuid__in=uuids)
        for object_type, uuids in _objects_concerning(organisations).items()
    ]
    condition = reduce(or_, by_object, Q(actor__in=people_of(organisations)))
    return AuditEvent.objects.filter(condition).order_by("-at", "-pk")


@dataclass(frozen=True)
class AuditFilter:
    person: str = ""  # part of the actor's name or email address
    object_uuid: UUID | None = None
    action: str = ""  # an action, or its family ("conversation" for "conversation.read")
    from_date: dt.date | None = None
    to_date: dt.date | None = None


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_events(events: QuerySet[AuditEvent], chosen: AuditFilter) -> QuerySet[AuditEvent]:
    if chosen.person:
        events = events.filter(
            Q(actor__email__icontains=chosen.person) | Q(actor__full_name__icontains=chosen.person)
        )
    if chosen.object_uuid is not None:
        events = events.filter(object_uuid=chosen.object_uuid)
    if chosen.action:
        events = events.filter(Q(action=chosen.action) | Q(action__startswith=f"{chosen.action}."))
    # Dates are the lead's local days (Europe/London), so the bounds are local midnights.
    if chosen.from_date is not None:
        events = events.filter(at__gte=_start_of(chosen.from_date))
    if chosen.to_date is not None:
        events = events.filter(at__lt=_start_of(chosen.to_date + dt.timedelta(days=1)))
    return events


def actions_in(events: QuerySet[AuditEvent]) -> list[str]:
    """The distinct actions recorded, for the filter's choices."""
    return sorted(set(events.order_by().values_list("action", flat=True).distinct()))


# How many of the newest events each step of newest_page examines.
WALK_BATCH = 5000


def newest_page(
    events: QuerySet[AuditEvent], number: int, per_page: int
) -> tuple[list[AuditEvent], bool]:
    """Page `number` of `events`, newest first, and whether another page follows.

    The lead's events are an OR of a dozen subqueries, which neither engine can read in
    time order from an index: sorting every match took seconds on a long log. Instead
    the whole log is walked newest first, by key (events are only ever appended, so key
    order is time order), a batch at a time, keeping the events that match, until the
    page is full. The total is never counted.
    """
    wanted = number * per_page + 1
    found: list[int] = []
    below: int | None = None
    while len(found) < wanted:
        newest = AuditEvent.objects.order_by("-pk")
        if below is not None:
            newest = newest.filter(pk__lt=below)
        keys = list(newest.values_list("pk", flat=True)[:WALK_BATCH])
        if not keys:
            break
        below = keys[-1] if len(keys) == WALK_BATCH else None
        found += (
            events.filter(pk__range=(keys[-1], keys[0]))
            .order_by("-pk")
            .values_list("pk", flat=True)
        )
        if below is None:  # that was the oldest batch
            break
    shown = found[(number - 1) * per_page : number * per_page]
    # Known to match: read by key, without the lead's condition again.
    rows = AuditEvent.objects.filter(pk__in=shown).select_related("actor").order_by("-at", "-pk")
    return list(rows), len(found) > number * per_page
