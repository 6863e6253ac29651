"""Who may see or change what in a relationship: the confidentiality model (DESIGN.md).

- The shared record (agreement, goals, conversations, actions, observations, portfolio,
  time) is visible to the relationship's members only: current and former, so an ended
  relationship's record stays with the people who made it.
- Private notes are visible to their author only.
- The programme's coordinators see the relationship's metadata (who, status, dates,
  counts) and manage its lifecycle, never its content: content URLs give them 404.
- A change-of-mentor request is visible to the person who made it and the coordinators,
  never to the mentor.
- Line managers, organisation leaders, other participants and everyone else get 404:
  line management or seniority gives no view of mentoring (seed 002 §4.2.3).
- An ended relationship is read-only (403 to write).
- A supporter's own learning goals and log are visible to their owner alone.
- A specialist referral is visible to the learner, the specialist, the supporting members
  and the coordinators; the specialist sees the referral only, never the record.
"""

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.accounts.models import User
from tandem.programmes.policy import get_programme_for_user, is_coordinator
from tandem.relationships.models import (
    Action,
    ChangeRequest,
    Conversation,
    EvidenceItem,
    Goal,
    LearningLogEntry,
    Observation,
    OwnLearningGoal,
    PupilOutcomeMeasure,
    Relationship,
    RelationshipMember,
    SpecialistReferral,
    TimeEntry,
)
from tandem.relationships.services.twoway import may_see_referral

# The kinds of shared-record item a URL can name directly.
ItemT = TypeVar("ItemT", Goal, Conversation, Action, EvidenceItem, TimeEntry, Observation)


def member_of(user: User | AnonymousUser, relationship: Relationship) -> RelationshipMember | None:
    if not user.is_authenticated:
        return None
    return RelationshipMember.objects.filter(relationship=relationship, user=user).first()


def _relationship(relationship_uuid: UUID) -> Relationship:
    return get_object_or_404(
        Relationship.objects.select_related("programme"), uuid=relationship_uuid
    )


def _require_open(relationship: Relationship) -> None:
    if relationship.is_ended:
        raise PermissionDenied


def get_relationship_for_user(
    user: User | AnonymousUser, relationship_uuid: UUID
) -> tuple[Relationship, RelationshipMember | None]:
    """Members and coordinators may open a relationship (coordinators: metadata only)."""
    relationship = _relationship(relationship_uuid)
    member = member_of(user, relationship)
    if member is None and not is_coordinator(user, relationship.programme):
        raise Http404
    return relationship, member


def get_relationship_content_for_user(
    user: User | AnonymousUser, relationship_uuid: UUID, *, write: bool = False
) -> tuple[Relationship, RelationshipMember]:
    """The shared record: members only (404 for everyone else, coordinators included)."""
    relationship = _relationship(relationship_uuid)
    member = member_of(user, relationship)
    if member is None:
        raise Http404
    if write:
        _require_open(relationship)
    return relationship, member


def get_relationship_for_learner(
    user: User | AnonymousUser, relationship_uuid: UUID
) -> Relationship:
    """What only the learner may do in an open relationship (add a goal, ask for another
    mentor): 404 for everyone but members, 403 for the supporting members."""
    relationship, member = get_relationship_content_for_user(user, relationship_uuid, write=True)
    if not member.is_learning:
        raise PermissionDenied
    return relationship


def get_relationship_to_manage(user: User | AnonymousUser, relationship_uuid: UUID) -> Relationship:
    """Lifecycle changes: coordinators only; members may see it, so they get 403."""
    relationship, _member = get_relationship_for_user(user, relationship_uuid)
    if not is_coordinator(user, relationship.programme):
        raise PermissionDenied
    return relationship


def _shared_item(
    user: User | AnonymousUser, items: QuerySet[ItemT], item_uuid: UUID, *, write: bool
) -> tuple[ItemT, RelationshipMember]:
    """An item of the shared record with the user's membership: 404 unless the user is a
    member of its relationship, 403 to change it once the relationship has ended."""
    item = items.filter(uuid=item_uuid).first()
    if item is None:
        raise Http404
    member = member_of(user, item.relationship)
    if member is None:
        raise Http404
    if write:
        _require_open(item.relationship)
    return item, member


def get_goal_for_user(
    user: User | AnonymousUser, goal_uuid: UUID, *, write: bool = False
) -> tuple[Goal, RelationshipMember]:
    """Members read a goal; only its owner (the learner) changes it, or, for a jointly
    owned goal of a co-coaching pair or group, any of its learners."""
    goals = Goal.objects.select_related("relationship__programme", "owner")
    goal, member = _shared_item(user, goals, goal_uuid, write=write)
    if write and goal.owner_id != user.pk and not (goal.is_shared and member.is_learning):
        raise PermissionDenied
    return goal, member


def get_conversation_for_user(
    user: User | AnonymousUser, conversation_uuid: UUID, *, write: bool = False
) -> tuple[Conversation, RelationshipMember]:
    conversations = Conversation.objects.select_related("relationship__programme", "created_by")
    return _shared_item(user, conversations, conversation_uuid, write=write)


def get_action_for_user(user: User | AnonymousUser, action_uuid: UUID) -> Action:
    """Any member of an open relationship may tick an action done or not done."""
    actions = Action.objects.select_related("relationship")
    return _shared_item(user, actions, action_uuid, write=True)[0]


def get_evidence_for_user(user: User | AnonymousUser, evidence_uuid: UUID) -> EvidenceItem:
    evidence = EvidenceItem.objects.select_related("relationship")
    return _shared_item(user, evidence, evidence_uuid, write=False)[0]


def _correctable(
    user: User | AnonymousUser,
    items: QuerySet[ItemT],
    item_uuid: UUID,
    *,
    authors: Callable[[ItemT], set[int | None]],
    write: bool,
) -> ItemT:
    """A time entry, observation or action: members read it; only its author (and an
    action's owner), in an open relationship, edits, deletes or restores it, so the other
    members get 403."""
    item, _member = _shared_item(user, items, item_uuid, write=write)
    if write and user.pk not in authors(item):
        raise PermissionDenied
    return item


def get_time_entry_for_user(
    user: User | AnonymousUser, entry_uuid: UUID, *, write: bool = False, deleted: bool = False
) -> TimeEntry:
    """`deleted`: a soft-deleted entry, for its author to restore."""
    rows = TimeEntry.all_objects.filter(deleted_at__isnull=not deleted)
    entries = rows.select_related("relationship__programme", "user")
    return _correctable(user, entries, entry_uuid, authors=lambda row: {row.user_id}, write=write)


def get_observation_for_user(
    user: User | AnonymousUser,
    observation_uuid: UUID,
    *,
    write: bool = False,
    deleted: bool = False,
) -> Observation:
    """`deleted`: a soft-deleted observation, for its author to restore."""
    rows = Observation.all_objects.filter(deleted_at__isnull=not deleted)
    observations = rows.select_related("relationship__programme", "created_by", "goal")
    return _correctable(
        user, observations, observation_uuid, authors=lambda row: {row.created_by_id}, write=write
    )


def get_action_to_correct(
    user: User | AnonymousUser, action_uuid: UUID, *, write: bool = False, deleted: bool = False
) -> Action:
    """An action to edit, delete or restore: whoever agreed it and its owner."""
    rows = Action.all_objects.filter(deleted_at__isnull=not deleted)
    actions = rows.select_related("relationship__programme", "owner", "created_by")
    return _correctable(
        user,
        actions,
        action_uuid,
        authors=lambda row: {row.created_by_id, row.owner_id},
        write=write,
    )


def get_change_request_for_user(
    user: User | AnonymousUser, request_uuid: UUID, *, write: bool = False
) -> ChangeRequest:
    """The learner who asked and the coordinators see it; only coordinators act on it."""
    change = (
        ChangeRequest.objects.select_related("relationship__programme", "requested_by")
        .filter(uuid=request_uuid)
        .first()
    )
    if change is None or not user.is_authenticated:
        raise Http404
    coordinator = is_coordinator(user, change.relationship.programme)
    if not coordinator and change.requested_by_id != user.pk:
        raise Http404
    if write and not coordinator:
        raise PermissionDenied
    return change


def get_goal_to_correct(
    user: User | AnonymousUser, goal_uuid: UUID, *, write: bool = False, deleted: bool = False
) -> Goal:
    """A goal to delete or restore: only its owner (the learner).
    `deleted`: a soft-deleted goal, for its owner to restore."""
    rows = Goal.all_objects.filter(deleted_at__isnull=not deleted)
    goals = rows.select_related("relationship__programme", "owner")
    return _correctable(user, goals, goal_uuid, authors=lambda row: {row.owner_id}, write=write)


def get_conversation_to_correct(
    user: User | AnonymousUser,
    conversation_uuid: UUID,
    *,
    write: bool = False,
    deleted: bool = False,
) -> Conversation:
    """A conversation to delete or restore: only the person who recorded it.
    `deleted`: a soft-deleted conversation, for its author to restore."""
    rows = Conversation.all_objects.filter(deleted_at__isnull=not deleted)
    conversations = rows.select_related("relationship__programme", "created_by")
    return _correctable(
        user,
        conversations,
        conversation_uuid,
        authors=lambda row: {row.created_by_id},
        write=write,
    )


# Two-way learning, pupil outcomes and specialist referrals (issue 18, part 4) ------------


def get_relationship_for_supporter(
    user: User | AnonymousUser, relationship_uuid: UUID, *, write: bool = False
) -> Relationship:
    """A supporter's own learning (goals and log) in a relationship: members only (404 for
    everyone else, coordinators included), and only a supporting member keeps one (403)."""
    relationship, member = get_relationship_content_for_user(user, relationship_uuid, write=write)
    if not member.is_supporting:
        raise PermissionDenied
    return relationship


def get_own_learning_for_user(
    user: User | AnonymousUser,
    model: type[OwnLearningGoal] | type[LearningLogEntry],
    item_uuid: UUID,
    *,
    write: bool = False,
    deleted: bool = False,
) -> OwnLearningGoal | LearningLogEntry:
    """A supporter's own learning goal or log entry: its owner alone, even among the
    relationship's members (404 for everyone else); 403 to change it once the relationship
    has ended. `deleted`: a soft-deleted row, for its owner to restore."""
    if not user.is_authenticated:
        raise Http404
    rows = model.all_objects.filter(deleted_at__isnull=not deleted, owner=user)
    item = rows.select_related("relationship__programme").filter(uuid=item_uuid).first()
    if item is None or member_of(user, item.relationship) is None:
        raise Http404
    if write:
        _require_open(item.relationship)
    return item


def get_relationship_to_refer(user: User | AnonymousUser, relationship_uuid: UUID) -> Relationship:
    """Referring a learner to a specialist: the programme's coordinators and the
    relationship's supporting members; the learners may see the relationship, so 403."""
    relationship, member = get_relationship_for_user(user, relationship_uuid)
    _require_open(relationship)
    coordinator = is_coordinator(user, relationship.programme)
    if not coordinator and (member is None or not member.is_supporting):
        raise PermissionDenied
    return relationship


def get_referral_for_user(
    user: User | AnonymousUser, referral_uuid: UUID, *, as_specialist: bool = False
) -> SpecialistReferral:
    """A referral is visible to the learner, the specialist, the relationship's supporting
    members and the coordinators (404 for anyone else). `as_specialist`: what only the
    specialist does (accept it), so the others get 403."""
    referral = (
        SpecialistReferral.objects.select_related(
            "relationship__programme", "learner", "specialist", "referred_by"
        )
        .filter(uuid=referral_uuid)
        .first()
    )
    if referral is None or not user.is_authenticated or not may_see_referral(user, referral):
        raise Http404
    if as_specialist and referral.specialist_id != user.pk:
        raise PermissionDenied
    return referral


def get_pupil_outcome_measure_for_learner(
    user: User | AnonymousUser, relationship_uuid: UUID, measure_uuid: UUID
) -> tuple[Relationship, PupilOutcomeMeasure]:
    """Recording class-level pupil figures: the learner only (403 for supporting members)."""
    relationship = get_relationship_for_learner(user, relationship_uuid)
    measure = PupilOutcomeMeasure.objects.filter(
        uuid=measure_uuid, programme=relationship.programme
    ).first()
    if measure is None:
        raise Http404
    return relationship, measure


def get_pupil_outcome_measure_to_manage(
    user: User | AnonymousUser, measure_uuid: UUID
) -> PupilOutcomeMeasure:
    """Correcting a measure: the programme's coordinators; others who may see the programme
    get 403, everyone else 404 (as programmes.policy decides for the programme)."""
    measure = PupilOutcomeMeasure.objects.select_related("programme").filter(uuid=measure_uuid)
    found = measure.first()
    if found is None:
        raise Http404
    get_programme_for_user(user, found.programme.uuid, write=True)
    return found
