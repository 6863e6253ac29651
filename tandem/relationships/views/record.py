from collections.abc import Callable
from typing import Protocol
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, htmx_fragment, posted_data
from tandem.relationships.forms import (
    ActionForm,
    AgendaItemForm,
    ConversationForm,
    EvidenceForm,
    ObservationForm,
    PrivateNoteForm,
    TimeEntryForm,
)
from tandem.relationships.models import Conversation, EvidenceItem, PrivateNote, Relationship
from tandem.relationships.policy import (
    get_action_for_user,
    get_conversation_for_user,
    get_evidence_for_user,
    get_relationship_content_for_user,
)
from tandem.relationships.services import record as record_services
from tandem.relationships.views.common import versioned_save

AgendaFormSet = formset_factory(AgendaItemForm, extra=4, max_num=20)
ActionFormSet = formset_factory(ActionForm, extra=3, max_num=20)


def _members(relationship: Relationship) -> list[User]:
    return [member.user for member in relationship.members.select_related("user")]


def _formsets(
    request: HttpRequest, members: list[User]
) -> tuple[BaseFormSet[AgendaItemForm], BaseFormSet[ActionForm]]:
    data = posted_data(request)
    agenda = AgendaFormSet(data, prefix="agenda")
    actions = ActionFormSet(data, prefix="actions")
    for formset in (agenda, actions):
        for form in formset.forms:
            form.set_members(members)
    return agenda, actions


@require_http_methods(["GET", "POST"])
@login_required
def conversation_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship, _member = get_relationship_content_for_user(
        request.user, relationship_uuid, write=True
    )
    members = _members(relationship)
    # Nothing that would record a meeting is pre-filled (status, length, date): an
    # untouched form must not add a "held" conversation to the health check.
    form = ConversationForm(
        request.POST or None,
        initial={"mode": "in-person"},
        usual_minutes=relationship.programme.meeting_minutes,
    )
    note_form = PrivateNoteForm(request.POST or None)
    agenda, actions = _formsets(request, members)
    valid = all([form.is_valid(), note_form.is_valid(), agenda.is_valid(), actions.is_valid()])
    if request.method == "POST" and valid:
        try:
            conversation = _log(
                request,
                relationship=relationship,
                form=form,
                note_form=note_form,
                agenda=agenda,
                actions=actions,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Conversation saved.")
            return redirect(conversation)
    context = {
        "form": form,
        "note_form": note_form,
        "agenda": agenda,
        "actions": actions,
        "relationship": relationship,
    }
    return render(request, "relationships/conversation_form.html", context)


def _log(
    request: AuthenticatedHttpRequest,
    *,
    relationship: Relationship,
    form: ConversationForm,
    note_form: PrivateNoteForm,
    agenda: BaseFormSet[AgendaItemForm],
    actions: BaseFormSet[ActionForm],
) -> Conversation:
    return record_services.log_conversation(
        actor=request.user,
        relationship=relationship,
        fields=form.cleaned_data,
        agenda=[
            (item["text"], agenda.forms[0].members_by_id[item["raised_by"]])
            for item in agenda.cleaned_data
            if item.get("text")
        ],
        actions=[
            (item["description"], actions.forms[0].members_by_id[item["owner"]], item["due_on"])
            for item in actions.cleaned_data
            if item.get("description")
        ],
        private_note=note_form.cleaned_data["body"],
    )


@require_GET
@login_required
def conversation_detail(request: AuthenticatedHttpRequest, conversation_uuid: UUID) -> HttpResponse:
    conversation, _member = get_conversation_for_user(request.user, conversation_uuid)
    if conversation.created_by_id != request.user.pk:
        record_event(actor=request.user, action="conversation.read", target=conversation)
    note = PrivateNote.objects.filter(conversation=conversation, author=request.user).first()
    context = {
        "conversation": conversation,
        "relationship": conversation.relationship,
        "agenda": conversation.agenda_items.select_related("raised_by"),
        "actions": conversation.actions.select_related("owner"),
        "private_note": note,
    }
    return render(request, "relationships/conversation_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def conversation_edit(request: AuthenticatedHttpRequest, conversation_uuid: UUID) -> HttpResponse:
    conversation, _member = get_conversation_for_user(request.user, conversation_uuid, write=True)
    form = ConversationForm(
        request.POST or None, instance=conversation, initial={"version": conversation.version}
    )
    if request.method == "GET" and conversation.created_by_id != request.user.pk:
        record_event(actor=request.user, action="conversation.read", target=conversation)
    latest = None
    if request.method == "POST" and form.is_valid():
        latest = versioned_save(
            form,
            lambda version: record_services.edit_conversation(
                actor=request.user,
                conversation=conversation,
                version=version,
                fields=form.cleaned_data,
            ),
        )
        if latest is None:
            messages.success(request, "Conversation saved.")
            return redirect(conversation)
    context = {
        "form": form,
        "conversation": conversation,
        "latest": latest,
        "relationship": conversation.relationship,
    }
    return render(request, "relationships/conversation_edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def private_note_edit(request: AuthenticatedHttpRequest, conversation_uuid: UUID) -> HttpResponse:
    conversation, _member = get_conversation_for_user(request.user, conversation_uuid, write=True)
    note = PrivateNote.objects.filter(conversation=conversation, author=request.user).first()
    form = PrivateNoteForm(request.POST or None, initial={"body": note.body if note else ""})
    if request.method == "POST" and form.is_valid():
        record_services.save_private_note(
            actor=request.user, conversation=conversation, body=form.cleaned_data["body"]
        )
        messages.success(request, "Private note saved.")
        return redirect(conversation)
    context = {
        "form": form,
        "conversation": conversation,
        "relationship": conversation.relationship,
    }
    return render(request, "relationships/private_note_form.html", context)


@require_POST
@login_required
def action_toggle(request: AuthenticatedHttpRequest, action_uuid: UUID) -> HttpResponse:
    action = get_action_for_user(request.user, action_uuid)
    record_services.set_action_done(actor=request.user, action=action, done=not action.is_done)
    messages.success(
        request, f"“{action.description}” marked {'done' if action.is_done else 'not done'}."
    )
    if request.htmx:  # the relationship page swaps in this action's item alone
        context = {"action": action, "relationship": action.relationship}
        return htmx_fragment(request, "relationships/_action.html", context)
    next_page = request.POST.get("next", "")
    return redirect(next_page if next_page.startswith("/") else action.relationship)


class _AddService(Protocol):
    """A record service that adds one item to a relationship from a form's cleaned data."""

    def __call__(self, *, actor: User, relationship: Relationship, fields: dict) -> object: ...


def _simple_add(
    request: AuthenticatedHttpRequest,
    relationship_uuid: UUID,
    *,
    form_class: Callable[..., forms.BaseForm],
    service: _AddService,
    template: str,
    message: str,
    files: bool = False,
) -> HttpResponse:
    relationship, _member = get_relationship_content_for_user(
        request.user, relationship_uuid, write=True
    )
    form = form_class(
        request.POST or None, request.FILES or None if files else None, relationship=relationship
    )
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, relationship=relationship, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(relationship)
    return render(request, template, {"form": form, "relationship": relationship})


@require_http_methods(["GET", "POST"])
@login_required
def observation_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _simple_add(
        request,
        relationship_uuid,
        form_class=ObservationForm,
        service=record_services.add_observation,
        template="relationships/observation_form.html",
        message="Observation recorded.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def evidence_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    def add(*, actor: User, relationship: Relationship, fields: dict) -> EvidenceItem:
        item = {name: fields[name] for name in ("title", "description", "file", "link")}
        item["file"] = item["file"] or ""
        return record_services.add_evidence(
            actor=actor, relationship=relationship, fields=item, goals=list(fields["goals"])
        )

    return _simple_add(
        request,
        relationship_uuid,
        form_class=EvidenceForm,
        service=add,
        template="relationships/evidence_form.html",
        message="Evidence added to the portfolio.",
        files=True,
    )


@require_GET
@login_required
def evidence_download(request: AuthenticatedHttpRequest, evidence_uuid: UUID) -> HttpResponseBase:
    """Serve a portfolio file through the policy: uploads are never in the web root."""
    evidence = get_evidence_for_user(request.user, evidence_uuid)
    if not evidence.file:
        raise Http404
    if evidence.owner_id != request.user.pk:
        record_event(actor=request.user, action="evidence.download", target=evidence)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=(evidence.file.name or "").rsplit("/", 1)[-1],
    )


@require_http_methods(["GET", "POST"])
@login_required
def time_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _simple_add(
        request,
        relationship_uuid,
        form_class=TimeEntryForm,
        service=record_services.add_time,
        template="relationships/time_form.html",
        message="Time recorded.",
    )
