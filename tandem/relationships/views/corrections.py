"""Listing, correcting and deleting time entries and observations, with an undo.

Members see the lists; only the person who recorded an item edits or deletes it
(relationships.policy). Deleting asks first, and the list then offers "Undo" for
services.corrections.UNDO_WINDOW."""

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.models import User
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.relationships.forms import ObservationForm, TimeEntryForm
from tandem.relationships.models import Observation, Relationship, TimeEntry
from tandem.relationships.policy import (
    get_observation_for_user,
    get_relationship_content_for_user,
    get_time_entry_for_user,
)
from tandem.relationships.services import corrections


@dataclass(frozen=True)
class Kind:
    """What differs between the time and observation pages."""

    model: type[TimeEntry] | type[Observation]
    noun: str  # "time entry"
    plural: str  # "Non-contact time"
    url_prefix: str  # "time" → relationships:time-list, time-edit, ...
    form_class: Callable[..., forms.ModelForm]
    fetch: Callable[..., TimeEntry | Observation]
    author_field: str
    related: tuple[str, ...]
    edit_service: Callable[..., object]


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
    author_field="user",
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
    author_field="created_by",
    related=("created_by", "goal"),
    edit_service=_edit_observation,
)


def _list_url(kind: Kind, relationship: Relationship) -> str:
    return reverse(f"relationships:{kind.url_prefix}-list", args=[relationship.uuid])


def _rows(kind: Kind, relationship: Relationship) -> QuerySet[Model]:
    return kind.model.objects.filter(relationship=relationship).select_related(*kind.related)


def _recently_deleted(kind: Kind, relationship: Relationship, user: User) -> QuerySet[Model]:
    """What this person deleted and may still undo."""
    since = timezone.now() - corrections.UNDO_WINDOW
    return kind.model.all_objects.filter(
        relationship=relationship, deleted_by=user, deleted_at__gte=since
    ).select_related(*kind.related)


def _list(request: AuthenticatedHttpRequest, relationship_uuid: UUID, kind: Kind) -> HttpResponse:
    relationship, _member = get_relationship_content_for_user(request.user, relationship_uuid)
    context = {
        "kind": kind,
        "relationship": relationship,
        "items": list(_rows(kind, relationship)),
        "deleted": list(_recently_deleted(kind, relationship, request.user)),
        "undo_minutes": int(corrections.UNDO_WINDOW.total_seconds() // 60),
        "can_write": not relationship.is_ended,
    }
    return render(request, "relationships/record_list.html", context)


def _edit(request: AuthenticatedHttpRequest, item_uuid: UUID, kind: Kind) -> HttpResponse:
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
