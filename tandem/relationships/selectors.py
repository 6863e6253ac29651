"""Reads for role pages and the coordinator overview, each in a fixed number of queries."""

import datetime as dt
from collections.abc import Collection

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.accounts.models import User
from tandem.programmes.models import Programme
from tandem.relationships.models import (
    Action,
    AgendaItem,
    AgreementSignature,
    ChangeRequest,
    Conversation,
    Goal,
    LearningAgreement,
    Observation,
    Relationship,
    RelationshipMember,
    SpecialistReferral,
)
from tandem.relationships.models.relationship import LEARNING_ROLES, SUPPORTING_ROLES


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT subquery (avoids the row explosion of several joined Counts)."""
    counted = queryset.order_by().values("relationship").annotate(num=Count("pk")).values("num")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _with_record_metadata(relationships: QuerySet[Relationship]) -> QuerySet[Relationship]:
    held = Conversation.objects.filter(relationship=OuterRef("pk"), status="held")
    return relationships.annotate(
        num_held=_count(held),
        last_contact_at=Subquery(held.order_by("-starts_at").values("starts_at")[:1]),
        num_goals=_count(Goal.objects.filter(relationship=OuterRef("pk"))),
    ).prefetch_related(
        Prefetch(
            "members",
            queryset=RelationshipMember.objects.select_related("user").order_by("role"),
        ),
        Prefetch(
            "agreements",
            queryset=LearningAgreement.objects.order_by("-number")
            .only("pk", "number", "relationship_id", "created_at")
            .prefetch_related("signatures"),
        ),
    )


def agreement_state(relationship: Relationship) -> tuple[LearningAgreement | None, set[int]]:
    """The current agreement (from the prefetch) and the ids of those who signed it."""
    agreements = list(relationship.agreements.all())
    if not agreements:
        return None, set()
    current = agreements[0]
    return current, {signature.user_id for signature in current.signatures.all()}


def meetings_planned_to_date(relationship: Relationship, programme: Programme) -> int:
    if relationship.started_on is None:
        return 0
    until = relationship.ended_on or timezone.localdate()
    days = (min(until, programme.ends_on) - relationship.started_on).days
    return max(0, days // programme.meeting_every_days + 1)


def programme_overview(
    programme: Programme,
    *,
    only: Relationship | None = None,
    within: QuerySet[Relationship] | None = None,
) -> list[dict]:
    """Metadata only, never content: who, status, agreement signed, meetings held against
    planned, last contact, number of goals, open change requests. Queries: relationships
    with counts; members; agreements; signatures."""
    relationships: QuerySet[Relationship] = Relationship.objects.filter(programme=programme)
    if only is not None:
        relationships = relationships.filter(pk=only.pk)
    if within is not None:
        relationships = relationships.filter(pk__in=within.values("pk"))
    relationships = _with_record_metadata(relationships.order_by("status", "created_at")).annotate(
        num_open_changes=_count(
            ChangeRequest.objects.filter(relationship=OuterRef("pk"), status="open")
        )
    )
    rows = []
    for relationship in relationships:
        agreement, signed_by = agreement_state(relationship)
        members = list(relationship.members.all())
        rows.append(
            {
                "relationship": relationship,
                "members": members,
                "agreement": agreement,
                "is_signed": agreement is not None
                and {member.user_id for member in members} <= signed_by,
                "num_planned": meetings_planned_to_date(relationship, programme),
            }
        )
    return rows


MEETING_GRACE_DAYS = 7  # as the health check: a week past the planned gap needs attention


def programme_relationships(
    programme: Programme,
    *,
    q: str = "",
    status: str = "",
    needs_attention: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Relationship]:
    """The programme's relationships for the overview's filters, in its order: a member's
    name containing `q`; a status; needing attention (an open change request, or active
    with no meeting held for longer than planned plus a week)."""
    relationships = Relationship.objects.filter(programme=programme)
    if q:
        relationships = relationships.filter(
            pk__in=RelationshipMember.objects.filter(
                relationship__programme=programme, user__full_name__icontains=q
            ).values("relationship")
        )
    if status:
        relationships = relationships.filter(status=status)
    if needs_attention:
        today = today or timezone.localdate()
        cutoff = today - dt.timedelta(days=programme.meeting_every_days + MEETING_GRACE_DAYS)
        recent = Conversation.objects.filter(
            relationship=OuterRef("pk"), status="held", starts_at__date__gte=cutoff
        )
        relationships = relationships.filter(
            Exists(ChangeRequest.objects.filter(relationship=OuterRef("pk"), status="open"))
            | (Q(status="active", started_on__lt=cutoff) & ~Exists(recent))
        )
    return relationships.order_by("status", "created_at")


def overview_rows(programme: Programme, relationships: Collection[Relationship]) -> list[dict]:
    """The overview's rows for one page of relationships, in the page's order, in a fixed
    number of queries (relationships with counts; members; agreements; signatures)."""
    order = {relationship.pk: index for index, relationship in enumerate(relationships)}
    annotated = _with_record_metadata(Relationship.objects.filter(pk__in=order))
    rows = []
    for relationship in sorted(annotated, key=lambda item: order[item.pk]):
        agreement, signed_by = agreement_state(relationship)
        members = list(relationship.members.all())
        rows.append(
            {
                "relationship": relationship,
                "members": members,
                "agreement": agreement,
                "is_signed": agreement is not None
                and {member.user_id for member in members} <= signed_by,
                "num_planned": meetings_planned_to_date(relationship, programme),
            }
        )
    return rows


def open_change_requests(programme: Programme) -> QuerySet[ChangeRequest]:
    return ChangeRequest.objects.filter(
        relationship__programme=programme, status=ChangeRequest.Status.OPEN
    ).select_related("requested_by", "relationship")


def _relationships_for(user: User, roles: Collection[str]) -> QuerySet[Relationship]:
    now = timezone.now()
    return _with_record_metadata(
        Relationship.objects.filter(members__user=user, members__role__in=roles)
        .select_related("programme")
        .distinct()
        .order_by("status", "-created_at")
    ).prefetch_related(
        Prefetch(
            "conversations",
            queryset=Conversation.objects.filter(status="planned", starts_at__gte=now).order_by(
                "starts_at"
            ),
            to_attr="upcoming",
        ),
    )


def my_mentoring(user: User) -> dict:
    """The learner's page: relationships, next meeting, agreement status, goals, actions due.
    Queries: relationships; members; agreements; signatures; upcoming; goals; actions."""
    relationships = list(
        _relationships_for(user, LEARNING_ROLES).prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("target_on"))
        )
    )
    return {
        "rows": [_row(relationship, user) for relationship in relationships],
        "actions_due": _actions_due(user),
    }


def my_mentees(user: User) -> dict:
    """The mentor's page: each relationship's state, what is due and framework prompts.
    Queries: relationships (with counts); members; agreements; signatures; upcoming."""
    # conversation__deleted_at: a join bypasses Conversation's manager, so say it here.
    learner_items = AgendaItem.objects.filter(
        conversation__relationship=OuterRef("pk"),
        conversation__deleted_at__isnull=True,
        raised_by__relationship_members__relationship=OuterRef("pk"),
        raised_by__relationship_members__role__in=LEARNING_ROLES,
    )
    relationships = _relationships_for(user, SUPPORTING_ROLES).annotate(
        num_agenda_items=_count_agenda(
            AgendaItem.objects.filter(
                conversation__relationship=OuterRef("pk"), conversation__deleted_at__isnull=True
            )
        ),
        num_learner_items=_count_agenda(learner_items),
        num_observations=_count(Observation.objects.filter(relationship=OuterRef("pk"))),
        num_open_actions=_count(
            Action.objects.filter(relationship=OuterRef("pk"), done_at__isnull=True)
        ),
    )
    return {"rows": [_row(relationship, user) for relationship in relationships]}


def _count_agenda(queryset: QuerySet) -> Coalesce:
    counted = (
        queryset.order_by()
        .values("conversation__relationship")
        .annotate(num=Count("pk", distinct=True))
        .values("num")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _row(relationship: Relationship, user: User) -> dict:
    agreement, signed_by = agreement_state(relationship)
    members = list(relationship.members.all())
    others = [member for member in members if member.user_id != user.pk]
    is_signed = agreement is not None and {member.user_id for member in members} <= signed_by
    return {
        "relationship": relationship,
        "others": others,
        "agreement": agreement,
        "is_signed": is_signed,
        "i_signed": user.pk in signed_by,
        # An ended relationship asks nobody to sign (its agreement is kept as it was).
        "needs_my_signature": agreement is not None
        and user.pk not in signed_by
        and not relationship.is_ended,
        # `upcoming` is the Prefetch(to_attr=) list of _relationships_for; mypy cannot see it.
        "next_meeting": relationship.upcoming[0] if relationship.upcoming else None,  # type: ignore[attr-defined]
    }


def _actions_due(user: User) -> list[Action]:
    soon = timezone.localdate() + dt.timedelta(days=14)
    return list(
        Action.objects.filter(owner=user, done_at__isnull=True)
        .filter(Q(due_on__lte=soon) | Q(due_on__isnull=True))
        .exclude(relationship__status=Relationship.Status.ENDED)
        .select_related("relationship__programme")
        .order_by("due_on")[:50]
    )


def relationship_record(relationship: Relationship) -> dict:
    """Everything members see on the relationship page, in a fixed number of queries."""
    return {
        "members": list(relationship.members.select_related("user")),
        "goals": list(
            relationship.goals.select_related("owner").annotate(
                num_updates=Count("updates"),
                # Carried into the learner's next relationship after a change of mentor.
                is_carried_on=Exists(Goal.objects.filter(carried_from=OuterRef("pk"))),
            )
        ),
        "conversations": list(relationship.conversations.select_related("created_by")),
        "actions": list(relationship.actions.select_related("owner")),
        "observations": list(relationship.observations.select_related("goal", "created_by")),
        "evidence": list(relationship.evidence.select_related("owner").prefetch_related("goals")),
        "time_entries": list(relationship.time_entries.select_related("user")[:20]),
        "contact_minutes": relationship.conversations.filter(status="held").aggregate(
            total=Coalesce(Sum("duration_minutes"), 0)
        )["total"],
        "non_contact_minutes": relationship.time_entries.aggregate(
            total=Coalesce(Sum("minutes"), 0)
        )["total"],
    }


# ---- What needs the coordinator's attention, as SQL predicates the home page counts and the
# overview filters by, so a count and the list it links to always agree.

# A pair is overdue a check-in once it has gone longer than the programme's rhythm plus this
# many days without a held meeting (the health check's grace, evaluation.health).
CHECK_IN_GRACE_DAYS = 7
# Relationships that still ask for signatures and meetings: ended ones stop asking.
LIVE_STATUSES = (
    Relationship.Status.PROPOSED,
    Relationship.Status.ACTIVE,
    Relationship.Status.PAUSED,
)


def unsigned_relationships(programme_ids: Collection[int]) -> QuerySet[Relationship]:
    """Live relationships whose current agreement some member has not signed (one query
    with subqueries)."""
    latest = LearningAgreement.objects.filter(relationship=OuterRef("relationship")).order_by(
        "-number"
    )
    unsigned_members = (
        RelationshipMember.objects.filter(relationship=OuterRef("pk"))
        .annotate(current_agreement=Subquery(latest.values("pk")[:1]))
        .exclude(
            Exists(
                AgreementSignature.objects.filter(
                    agreement=OuterRef("current_agreement"), user=OuterRef("user")
                )
            )
        )
    )
    return Relationship.objects.filter(
        programme__in=programme_ids, status__in=LIVE_STATUSES
    ).filter(
        Exists(LearningAgreement.objects.filter(relationship=OuterRef("pk"))),
        Exists(unsigned_members),
    )


def overdue_check_ins(programmes: Collection[Programme]) -> QuerySet[Relationship]:
    """Active relationships with no held meeting (or, before the first, no start) for longer
    than their programme's rhythm plus the grace days. One query: each programme's own
    threshold is one branch of the filter."""
    now = timezone.now()
    held = Conversation.objects.filter(
        relationship=OuterRef("pk"), status=Conversation.Status.HELD
    ).order_by("-starts_at")
    late = Q(pk__in=[])
    for programme in programmes:
        allowed = dt.timedelta(days=programme.meeting_every_days + CHECK_IN_GRACE_DAYS)
        late |= Q(programme=programme.pk) & (
            Q(last_held_at__lt=now - allowed)
            | Q(last_held_at__isnull=True, started_on__lt=timezone.localdate() - allowed)
        )
    return (
        Relationship.objects.filter(status=Relationship.Status.ACTIVE)
        .annotate(last_held_at=Subquery(held.values("starts_at")[:1]))
        .filter(late)
    )


def open_change_requests_in(programme_ids: Collection[int]) -> QuerySet[ChangeRequest]:
    return ChangeRequest.objects.filter(
        relationship__programme__in=programme_ids, status=ChangeRequest.Status.OPEN
    )


def relationships_with_open_change_requests(
    programme_ids: Collection[int],
) -> QuerySet[Relationship]:
    return Relationship.objects.filter(
        pk__in=open_change_requests_in(programme_ids).values("relationship")
    )


# The overview's filters (?show=…), each the list a "Needs your attention" count links to.
OVERVIEW_FILTERS = {
    "change-requests": "With a request for a change of mentor",
    "unsigned": "Agreement not yet signed by everyone",
    "overdue": "Overdue a check-in",
}


def overview_filter(programme: Programme, show: str) -> QuerySet[Relationship] | None:
    """The relationships an overview filter keeps, or None to show them all."""
    if show == "change-requests":
        return relationships_with_open_change_requests([programme.pk])
    if show == "unsigned":
        return unsigned_relationships([programme.pk])
    if show == "overdue":
        return overdue_check_ins([programme])
    return None


def change_requests_of(user: User, relationship: Relationship) -> list[ChangeRequest]:
    """The requests for a change of mentor this person made in this relationship, newest
    first: shown to them alone (never to the mentor)."""
    return list(
        ChangeRequest.objects.filter(relationship=relationship, requested_by=user).order_by(
            "-created_at"
        )
    )


def referrals_seen_by(member: RelationshipMember) -> list[SpecialistReferral]:
    """A relationship's specialist referrals as one member sees them: the supporting members
    all of them, a learner their own (in a group, not the other learners')."""
    referrals = SpecialistReferral.objects.filter(relationship_id=member.relationship_id)
    if not member.is_supporting:
        referrals = referrals.filter(learner_id=member.user_id)
    return list(referrals.select_related("learner", "specialist"))
