"""Listing, correcting and deleting time entries, observations, actions, goals and
conversations, with an undo (goals and conversations keep their own edit pages).

Members see the lists; only the person who recorded an item (and an action's owner) edits
or deletes it
(relationships.policy). Deleting asks first, and the list then offers "Undo" for
services.corrections.UNDO_WINDOW."""

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.models import User
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.relationships.forms import ActionEditForm, ObservationForm, TimeEntryForm
from tandem.relationships.models import (
    Action,
    Conversation,
    Goal,
    Observation,
    Relationship,
    TimeEntry,
)
from tandem.relationships.policy import (
    get_action_to_correct,
    get_conversation_to_correct,
    get_goal_to_correct,
    get_observation_for_user,
    get_relationship_content_for_user,
    get_time_entry_for_user,
)
from tandem.relationships.protected_time import protected_time
from tandem.relationships.services import corrections
from tandem.relationships.services.corrections import Correctable


@dataclass(frozen=True)
class Kind:
    """What differs between the time and observation pages."""

    model: type[TimeEntry] | type[Observation] | type[Action] | type[Goal] | type[Conversation]
    noun: str  # "time entry"
    plural: str  # "Non-contact time"
    url_prefix: str  # "time" → relationships:time-list, time-edit, ...
    fetch: Callable[..., Correctable]
    related: tuple[str, ...]
    # None: the item keeps its own edit page (goals, conversations), not record_edit.html.
    form_class: Callable[..., forms.ModelForm] | None = None
    edit_service: Callable[..., object] | None = None


def _edit_time(*, actor: User, item: TimeEntry, fields: dict) -> object:
    return corrections.edit_time(actor=actor, entry=item, fields=fields)


def _edit_observation(*, actor: User, item: Observation, fields: dict) -> object:
    return corrections.edit_observation(actor=actor, observation=item, fields=fields)


TIME = Kind(
    model=TimeEntry,
    noun="time entry",
    plural="Non-contact time",
    url_prefix="time",
    form_class=TimeEntryForm,
    fetch=get_time_entry_for_user,
    related=("user",),
    edit_service=_edit_time,
)
OBSERVATIONS = Kind(
    model=Observation,
    noun="observation",
    plural="Observations",
    url_prefix="observation",
    form_class=ObservationForm,
    fetch=get_observation_for_user,
    related=("created_by", "goal"),
    edit_service=_edit_observation,
)


def _edit_action(*, actor: User, item: Action, fields: dict) -> object:
    return corrections.edit_action(actor=actor, action=item, fields=fields)


ACTIONS = Kind(
    model=Action,
    noun="action",
    plural="Actions",
    url_prefix="action",
    form_class=ActionEditForm,
    fetch=get_action_to_correct,
    related=("owner", "created_by"),
    edit_service=_edit_action,
)
GOALS = Kind(
    model=Goal,
    noun="goal",
    plural="Goals",
    url_prefix="goal",
    fetch=get_goal_to_correct,
    related=("owner",),
)
CONVERSATIONS = Kind(
    model=Conversation,
    noun="conversation",
    plural="Learning conversations",
    url_prefix="conversation",
    fetch=get_conversation_to_correct,
    related=("created_by",),
)


def _list_url(kind: Kind, relationship: Relationship) -> str:
    return reverse(f"relationships:{kind.url_prefix}-list", args=[relationship.uuid])


def _rows(kind: Kind, relationship: Relationship) -> QuerySet[Correctable]:
    return kind.model.objects.filter(relationship=relationship).select_related(*kind.related)


def _recently_deleted(kind: Kind, relationship: Relationship, user: User) -> QuerySet[Correctable]:
    """What this person deleted and may still undo."""
    since = timezone.now() - corrections.UNDO_WINDOW
    return kind.model.all_objects.filter(
        relationship=relationship, deleted_by=user, deleted_at__gte=since
    ).select_related(*kind.related)


def _list(request: AuthenticatedHttpRequest, relationship_uuid: UUID, kind: Kind) -> HttpResponse:
    relationship, _member = get_relationship_content_for_user(request.user, relationship_uuid)
    items = list(_rows(kind, relationship))
    context = {
        "kind": kind,
        "relationship": relationship,
        "items": items,
        "editable_ids": {
            item.pk for item in items if corrections.may_correct(request.user.pk, item)
        },
        "deleted": list(_recently_deleted(kind, relationship, request.user)),
        "undo_minutes": int(corrections.UNDO_WINDOW.total_seconds() // 60),
        "can_write": not relationship.is_ended,
    }
    if kind is TIME:
        # Time logged against the programme's protected time (seed 002 §4.3.1).
        context["protected"] = protected_time(
            relationship.programme, timezone.localdate(), relationship
        )
    return render(request, "relationships/record_list.html", context)


def _edit(request: AuthenticatedHttpRequest, item_uuid: UUID, kind: Kind) -> HttpResponse:
    if kind.form_class is None or kind.edit_service is None:
        raise ValueError(kind.noun)
    item = kind.fetch(request.user, item_uuid, write=True)
    relationship = item.relationship
    form = kind.form_class(request.POST or None, instance=item, relationship=relationship)
    if request.method == "POST" and form.is_valid():
        try:
            kind.edit_service(actor=request.user, item=item, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The {kind.noun} is saved.")
            return redirect(_list_url(kind, relationship))
    context = {"form": form, "relationship": relationship, "kind": kind, "item": item}
    return render(request, "relationships/record_edit.html", context)


def _delete(request: AuthenticatedHttpRequest, item_uuid: UUID, kind: Kind) -> HttpResponse:
    """GET asks for confirmation; POST deletes (softly) and offers an undo on the list."""
    item = kind.fetch(request.user, item_uuid, write=True)
    if request.method == "POST":
        corrections.delete_record(actor=request.user, item=item)
        minutes = int(corrections.UNDO_WINDOW.total_seconds() // 60)
        messages.success(
            request,
            f"The {kind.noun} is deleted. You can undo this below for {minutes} minutes.",
        )
        return redirect(_list_url(kind, item.relationship))
    context = {
        "relationship": item.relationship,
        "kind": kind,
        "item": item,
        "undo_minutes": int(corrections.UNDO_WINDOW.total_seconds() // 60),
    }
    return render(request, "relationships/record_delete.html", context)


def _restore(request: AuthenticatedHttpRequest, item_uuid: UUID, kind: Kind) -> HttpResponse:
    item = kind.fetch(request.user, item_uuid, write=True, deleted=True)
    try:
        corrections.restore_record(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The {kind.noun} is back.")
    return redirect(_list_url(kind, item.relationship))


@require_GET
@login_required
def time_list(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _list(request, relationship_uuid, TIME)


@require_http_methods(["GET", "POST"])
@login_required
def time_edit(request: AuthenticatedHttpRequest, entry_uuid: UUID) -> HttpResponse:
    return _edit(request, entry_uuid, TIME)


@require_http_methods(["GET", "POST"])
@login_required
def time_delete(request: AuthenticatedHttpRequest, entry_uuid: UUID) -> HttpResponse:
    return _delete(request, entry_uuid, TIME)


@require_POST
@login_required
def time_restore(request: AuthenticatedHttpRequest, entry_uuid: UUID) -> HttpResponse:
    return _restore(request, entry_uuid, TIME)


@require_GET
@login_required
def observation_list(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _list(request, relationship_uuid, OBSERVATIONS)


@require_http_methods(["GET", "POST"])
@login_required
def observation_edit(request: AuthenticatedHttpRequest, observation_uuid: UUID) -> HttpResponse:
    return _edit(request, observation_uuid, OBSERVATIONS)


@require_http_methods(["GET", "POST"])
@login_required
def observation_delete(request: AuthenticatedHttpRequest, observation_uuid: UUID) -> HttpResponse:
    return _delete(request, observation_uuid, OBSERVATIONS)


@require_POST
@login_required
def observation_restore(request: AuthenticatedHttpRequest, observation_uuid: UUID) -> HttpResponse:
    return _restore(request, observation_uuid, OBSERVATIONS)


@require_GET
@login_required
def action_list(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _list(request, relationship_uuid, ACTIONS)


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: AuthenticatedHttpRequest, action_uuid: UUID) -> HttpResponse:
    return _edit(request, action_uuid, ACTIONS)


@require_http_methods(["GET", "POST"])
@login_required
def action_delete(request: AuthenticatedHttpRequest, action_uuid: UUID) -> HttpResponse:
    return _delete(request, action_uuid, ACTIONS)


@require_POST
@login_required
def action_restore(request: AuthenticatedHttpRequest, action_uuid: UUID) -> HttpResponse:
    return _restore(request, action_uuid, ACTIONS)


@require_GET
@login_required
def goal_list(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _list(request, relationship_uuid, GOALS)


@require_http_methods(["GET", "POST"])
@login_required
def goal_delete(request: AuthenticatedHttpRequest, goal_uuid: UUID) -> HttpResponse:
    return _delete(request, goal_uuid, GOALS)


@require_POST
@login_required
def goal_restore(request: AuthenticatedHttpRequest, goal_uuid: UUID) -> HttpResponse:
    return _restore(request, goal_uuid, GOALS)


@require_GET
@login_required
def conversation_list(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _list(request, relationship_uuid, CONVERSATIONS)


@require_http_methods(["GET", "POST"])
@login_required
def conversation_delete(request: AuthenticatedHttpRequest, conversation_uuid: UUID) -> HttpResponse:
    return _delete(request, conversation_uuid, CONVERSATIONS)


@require_POST
@login_required
def conversation_restore(
    request: AuthenticatedHttpRequest, conversation_uuid: UUID
) -> HttpResponse:
    return _restore(request, conversation_uuid, CONVERSATIONS)
