"""Correcting the record: the person who wrote a time entry, an observation or an action
(and an action's owner) edits it, a goal's owner and a conversation's author too (their edit
pages live in views.goals and views.record). Each of them
deletes it (softly: the row is kept, hidden from every list and report) and can undo the
deletion for a while. Every deletion and restoration writes an audit row."""

import datetime as dt
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.relationships.models import Action, Conversation, Goal, Observation, TimeEntry
from tandem.relationships.services.common import require_member
from tandem.relationships.validators import check_due_not_past, check_within_programme_to_date

# How long "Undo" is offered after a deletion; long enough to notice a slip, short enough
# that reports settle.
UNDO_WINDOW = dt.timedelta(minutes=30)

TIME_FIELDS = ["kind", "minutes", "spent_on", "note"]
OBSERVATION_FIELDS = ["goal", "observed_on", "focus", "notes", "feedback", "follow_up"]
ACTION_FIELDS = ["description", "owner", "due_on"]

Correctable = TimeEntry | Observation | Action | Goal | Conversation
ItemT = TypeVar("ItemT", TimeEntry, Observation, Action)


def may_correct(user_id: int | None, item: Correctable) -> bool:
    """Who may edit or delete an item: whoever recorded it, and an action's owner too."""
    if isinstance(item, TimeEntry):
        return item.user_id == user_id
    if isinstance(item, Action):
        return user_id in {item.created_by_id, item.owner_id}
    if isinstance(item, Goal):
        return item.owner_id == user_id
    return item.created_by_id == user_id


def _require_author(actor: User, item: Correctable) -> None:
    require_member(actor, item.relationship)
    if not may_correct(actor.pk, item):
        message = "Only the person who recorded this may change or delete it."
        raise PermissionError(message)


def _event(item: Correctable, verb: str) -> str:
    return f"{item._meta.model_name}.{verb}"


@transaction.atomic
def edit_time(*, actor: User, entry: TimeEntry, fields: dict) -> TimeEntry:
    """The person who logged the time corrects it; the date rules apply to a changed date."""
    _require_author(actor, entry)
    if fields.get("spent_on", entry.spent_on) != entry.spent_on:
        check_within_programme_to_date(
            on=fields["spent_on"], programme=entry.relationship.programme, field="spent_on"
        )
    return _save(actor, entry, fields, TIME_FIELDS)


@transaction.atomic
def edit_observation(*, actor: User, observation: Observation, fields: dict) -> Observation:
    """The observer corrects their observation; the date rules apply to a changed date."""
    _require_author(actor, observation)
    goal = fields.get("goal")
    if isinstance(goal, Goal) and goal.relationship_id != observation.relationship_id:
        message = "The goal belongs to another relationship."
        raise ValidationError(message)
    if fields.get("observed_on", observation.observed_on) != observation.observed_on:
        check_within_programme_to_date(
            on=fields["observed_on"],
            programme=observation.relationship.programme,
            field="observed_on",
        )
    return _save(actor, observation, fields, OBSERVATION_FIELDS)


@transaction.atomic
def edit_action(*, actor: User, action: Action, fields: dict) -> Action:
    """Whoever agreed or owns an action corrects it; an overdue one keeps its date unless
    it is moved, and then not into the past."""
    _require_author(actor, action)
    owner = fields.get("owner", action.owner)
    if not action.relationship.members.filter(user=owner).exists():
        message = "An action's owner must be a member of the relationship."
        raise ValidationError(message)
    check_due_not_past(on=fields.get("due_on"), field="due_on", previous=action.due_on)
    return _save(actor, action, fields, ACTION_FIELDS)


def _save(actor: User, item: ItemT, fields: dict, names: list[str]) -> ItemT:
    changed: list[str] = [name for name in names if name in fields]
    for name in changed:
        setattr(item, name, fields[name])
    item.full_clean()
    item.save(update_fields=[*changed, "updated_at"])
    record_event(actor=actor, action=_event(item, "edit"), target=item)
    return item


@transaction.atomic
def delete_record(*, actor: User, item: Correctable) -> Correctable:
    """The author deletes a time entry, observation, action, goal or conversation: hidden
    at once from lists and reports, kept (and restorable for UNDO_WINDOW) until the
    relationship's record goes."""
    _require_author(actor, item)
    if item.deleted_at is None:
        item.deleted_at, item.deleted_by = timezone.now(), actor
        item.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        record_event(actor=actor, action=_event(item, "delete"), target=item)
    return item


def can_undo(item: Correctable) -> bool:
    return item.deleted_at is not None and timezone.now() - item.deleted_at <= UNDO_WINDOW


@transaction.atomic
def restore_record(*, actor: User, item: Correctable) -> Correctable:
    """Undo a deletion, by the author, within UNDO_WINDOW of it."""
    _require_author(actor, item)
    if item.deleted_at is None:
        return item
    if not can_undo(item):
        minutes = int(UNDO_WINDOW.total_seconds() // 60)
        message = (
            f"This was deleted more than {minutes} minutes ago, so it can no longer be undone."
        )
        raise ValidationError(message)
    item.deleted_at, item.deleted_by = None, None
    item.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    record_event(actor=actor, action=_event(item, "restore"), target=item)
    return item
