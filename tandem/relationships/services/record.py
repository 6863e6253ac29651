import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.relationships.crypto import encrypt
from tandem.relationships.models import (
    Action,
    AgendaItem,
    Conversation,
    EvidenceItem,
    Goal,
    GoalUpdate,
    Observation,
    PrivateNote,
    Relationship,
    TimeEntry,
)
from tandem.relationships.roles import allows_shared_goals
from tandem.relationships.services.common import require_member
from tandem.relationships.validators import (
    check_action_due,
    check_due_not_past,
    check_held_not_in_future,
    check_within_programme_to_date,
)
from tandem.services import versioned_update

GOAL_FIELDS = ["title", "why_it_matters", "success_criteria", "target_on", "status"]
CONVERSATION_FIELDS = [
    "status",
    "starts_at",
    "duration_minutes",
    "mode",
    "evidence_discussed",
    "summary",
]


def _member_ids(relationship: Relationship) -> set[int]:
    return set(relationship.members.values_list("user_id", flat=True))


@transaction.atomic
def add_goal(*, actor: User, relationship: Relationship, fields: dict) -> Goal:
    """A learner adds one of their own goals (seed 003: challenging and personal goals)."""
    member = require_member(actor, relationship)
    if not member.is_learning:
        message = "Goals belong to the learner: only they can add one."
        raise PermissionError(message)
    check_due_not_past(on=fields.get("target_on"), field="target_on")
    goal = Goal(relationship=relationship, owner=actor)
    if fields.get("is_shared"):
        if not allows_shared_goals(relationship):
            message = "Only co-coaching, co-mentoring and group relationships share goals."
            raise ValidationError(message)
        goal.is_shared = True
    for name in GOAL_FIELDS:
        if name in fields:
            setattr(goal, name, fields[name])
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def edit_goal(*, actor: User, goal: Goal, version: int, fields: dict) -> Goal:
    """The goal's owner changes it; EditConflictError if it changed since `version`."""
    member = require_member(actor, goal.relationship)
    if goal.owner_id != actor.pk and not (goal.is_shared and member.is_learning):
        message = "Only the goal's owner (or, for a shared goal, its learners) may change it."
        raise PermissionError(message)
    check_due_not_past(on=fields.get("target_on"), field="target_on", previous=goal.target_on)
    return versioned_update(instance=goal, version=version, fields=GOAL_FIELDS, data=fields)


@transaction.atomic
def add_goal_update(
    *, actor: User, goal: Goal, note: str, progress_percent: int | None
) -> GoalUpdate:
    """Any member records progress on a goal."""
    require_member(actor, goal.relationship)
    update = GoalUpdate(goal=goal, author=actor, note=note, progress_percent=progress_percent)
    update.full_clean()
    update.save()
    if goal.status == Goal.Status.NOT_STARTED:
        goal.status = Goal.Status.IN_PROGRESS
        goal.save(update_fields=["status", "updated_at"])
    return update


@transaction.atomic
def log_conversation(
    *,
    actor: User,
    relationship: Relationship,
    fields: dict,
    agenda: list[tuple[str, User]],
    actions: list[tuple[str, User, dt.date | None]],
    private_note: str = "",
) -> Conversation:
    """Plan or record a learning conversation with its agenda (and who raised each item),
    agreed actions and the actor's private note."""
    require_member(actor, relationship)
    members = _member_ids(relationship)
    if any(user.pk not in members for _text, user in agenda) or any(
        owner.pk not in members for _text, owner, _due in actions
    ):
        message = "Agenda items and actions must belong to members of the relationship."
        raise ValidationError(message)
    check_held_not_in_future(status=fields.get("status", ""), starts_at=fields.get("starts_at"))
    for _text, _owner, due in actions:
        check_action_due(on=due, meeting_at=fields.get("starts_at"), field="due_on")
    conversation = Conversation(relationship=relationship, created_by=actor)
    for name in CONVERSATION_FIELDS:
        if name in fields:
            setattr(conversation, name, fields[name])
    conversation.full_clean()
    conversation.save()
    AgendaItem.objects.bulk_create(
        AgendaItem(conversation=conversation, text=text, raised_by=user, position=index)
        for index, (text, user) in enumerate(agenda)
    )
    Action.objects.bulk_create(
        Action(
            relationship=relationship,
            conversation=conversation,
            description=text,
            owner=owner,
            due_on=due,
            created_by=actor,
        )
        for text, owner, due in actions
    )
    if private_note.strip():
        save_private_note(actor=actor, conversation=conversation, body=private_note)
    return conversation


@transaction.atomic
def edit_conversation(
    *, actor: User, conversation: Conversation, version: int, fields: dict
) -> Conversation:
    """Any member edits the shared record of a conversation; EditConflictError if someone
    else saved it since `version` was read."""
    require_member(actor, conversation.relationship)
    check_held_not_in_future(
        status=fields.get("status", conversation.status),
        starts_at=fields.get("starts_at", conversation.starts_at),
    )
    return versioned_update(
        instance=conversation, version=version, fields=CONVERSATION_FIELDS, data=fields
    )


@transaction.atomic
def save_private_note(*, actor: User, conversation: Conversation, body: str) -> PrivateNote | None:
    """Save (or, if empty, delete) the actor's own encrypted note on a conversation."""
    require_member(actor, conversation.relationship)
    if not body.strip():
        PrivateNote.objects.filter(conversation=conversation, author=actor).delete()
        return None
    note, _created = PrivateNote.objects.get_or_create(
        conversation=conversation, author=actor, defaults={"ciphertext": encrypt(body)}
    )
    note.ciphertext = encrypt(body)
    note.save(update_fields=["ciphertext", "updated_at"])
    return note


@transaction.atomic
def add_action(
    *,
    actor: User,
    relationship: Relationship,
    description: str,
    owner: User,
    due_on: dt.date | None,
) -> Action:
    require_member(actor, relationship)
    if owner.pk not in _member_ids(relationship):
        message = "An action's owner must be a member of the relationship."
        raise ValidationError(message)
    check_due_not_past(on=due_on, field="due_on")
    action = Action(
        relationship=relationship,
        description=description,
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def set_action_done(*, actor: User, action: Action, done: bool) -> Action:
    require_member(actor, action.relationship)
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done_at", "updated_at"])
    return action


@transaction.atomic
def add_observation(*, actor: User, relationship: Relationship, fields: dict) -> Observation:
    """Record an observation of practice and the feedback given (seed 003)."""
    require_member(actor, relationship)
    observation = Observation(relationship=relationship, created_by=actor, **fields)
    if observation.goal and observation.goal.relationship_id != relationship.pk:
        message = "The goal belongs to another relationship."
        raise ValidationError(message)
    check_within_programme_to_date(
        on=observation.observed_on, programme=relationship.programme, field="observed_on"
    )
    observation.full_clean()
    observation.save()
    return observation


@transaction.atomic
def add_evidence(
    *, actor: User, relationship: Relationship, fields: dict, goals: list[Goal]
) -> EvidenceItem:
    """Add an item to the portfolio of evidence (seed 002 §4.3.3)."""
    require_member(actor, relationship)
    if any(goal.relationship_id != relationship.pk for goal in goals):
        message = "Evidence can be linked only to this relationship's goals."
        raise ValidationError(message)
    evidence = EvidenceItem(relationship=relationship, owner=actor, **fields)
    upload = fields.get("file")
    if upload:
        evidence.content_type = getattr(upload, "content_type", "")[:100]
        evidence.size_bytes = upload.size
    evidence.full_clean()
    evidence.save()
    evidence.goals.set(goals)
    return evidence


@transaction.atomic
def add_time(*, actor: User, relationship: Relationship, fields: dict) -> TimeEntry:
    """Record the actor's own non-contact time (seed 002 §4.3.1)."""
    require_member(actor, relationship)
    entry = TimeEntry(relationship=relationship, user=actor, **fields)
    check_within_programme_to_date(
        on=entry.spent_on, programme=relationship.programme, field="spent_on"
    )
    entry.full_clean()
    entry.save()
    return entry
