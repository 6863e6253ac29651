from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.forms import ListFilterForm, add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.paging import page_of
from tandem.programmes.models import Programme
from tandem.programmes.policy import get_programme_for_user
from tandem.relationships import selectors
from tandem.relationships.forms import (
    ChangeRequestForm,
    DeclineChangeForm,
    RelationshipForm,
    ResolveChangeForm,
    StatusForm,
)
from tandem.relationships.models import ChangeRequest, Relationship
from tandem.relationships.models.relationship import RelationshipStatus
from tandem.relationships.policy import (
    get_change_request_for_user,
    get_relationship_for_learner,
    get_relationship_for_user,
    get_relationship_to_manage,
)
from tandem.relationships.services import lifecycle


@require_http_methods(["GET", "POST"])
@login_required
def relationship_create(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    change = _change_to_pair_again(request, programme)
    initial = {"learners": [change.requested_by_id]} if change else None
    form = RelationshipForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            relationship = lifecycle.create_relationship(
                actor=request.user,
                programme=programme,
                members=form.members(),
                justification=form.cleaned_data["justification"],
                replaces=_replaced(change, form.members()),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Relationship created. Its members can now agree and sign.")
            return redirect(relationship)
    context = {"form": form, "programme": programme, "change": change}
    return render(request, "relationships/relationship_form.html", context)


def _change_to_pair_again(
    request: AuthenticatedHttpRequest, programme: Programme
) -> ChangeRequest | None:
    """The change request named by ?change= (from "pair again"), if it is this programme's."""
    try:
        change_uuid = UUID(request.GET.get("change", ""))
    except ValueError:
        return None
    change = get_change_request_for_user(request.user, change_uuid, write=True)
    if change.relationship.programme_id != programme.pk:
        raise Http404
    return change


def _replaced(
    change: ChangeRequest | None, members: list[tuple[User, str, bool]]
) -> Relationship | None:
    """The relationship the learner who asked is moving from, so their goals come with them."""
    if change is None or change.requested_by not in [user for user, _role, _a in members]:
        return None
    previous = change.relationship
    if not previous.is_ended or Relationship.objects.filter(replaces=previous).exists():
        return None
    return previous


@require_GET
@login_required
def relationship_detail(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship, member = get_relationship_for_user(request.user, relationship_uuid)
    if member is None:
        # Coordinators: metadata only, never the record (DESIGN.md confidentiality model).
        (row,) = selectors.programme_overview(relationship.programme, only=relationship)
        context = {"row": row, "relationship": row["relationship"], "status_form": StatusForm()}
        return render(request, "relationships/relationship_metadata.html", context)
    record_event(actor=request.user, action="relationship.read", target=relationship)
    context = {
        "relationship": relationship,
        "member": member,
        "my_change_requests": (
            selectors.change_requests_of(request.user, relationship) if member.is_learning else []
        ),
        **selectors.relationship_record(relationship),
        "referrals": selectors.referrals_seen_by(member),
    }
    return render(request, "relationships/relationship_detail.html", context)


@require_POST
@login_required
def relationship_status(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship = get_relationship_to_manage(request.user, relationship_uuid)
    form = StatusForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["transition"] == "end" and request.POST.get("confirmed") != "yes":
            # Ending cannot be undone: say what happens, then ask again.
            (row,) = selectors.programme_overview(relationship.programme, only=relationship)
            reason = Relationship.EndReason(form.cleaned_data["reason"]).label
            context = {"relationship": relationship, "row": row, "form": form, "reason": reason}
            return render(request, "relationships/end_confirm.html", context)
        try:
            lifecycle.change_relationship_status(
                actor=request.user,
                relationship=relationship,
                transition=form.cleaned_data["transition"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Relationship status changed.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(relationship)


@require_GET
@login_required
def programme_overview(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    show = request.GET.get("show", "")
    show = show if show in selectors.OVERVIEW_FILTERS else ""
    within = selectors.overview_filter(programme, show)
    form = ListFilterForm(request.GET or None, statuses=RelationshipStatus.choices)
    relationships = selectors.programme_relationships(programme, **form.chosen())
    if within is not None:
        relationships = relationships.filter(pk__in=within.values("pk"))
    page = page_of(request, relationships)
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "rows": selectors.overview_rows(programme, list(page.object_list)),
        "change_requests": selectors.open_change_requests(programme),
        "show": show,
        "show_label": selectors.OVERVIEW_FILTERS.get(show, ""),
        "filters": selectors.OVERVIEW_FILTERS,
    }
    return render(request, "relationships/programme_overview.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def change_request_create(
    request: AuthenticatedHttpRequest, relationship_uuid: UUID
) -> HttpResponse:
    relationship = get_relationship_for_learner(request.user, relationship_uuid)
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.request_change_of_mentor(
                actor=request.user, relationship=relationship, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Your request has gone to the coordinators, privately.")
            return redirect(relationship)
    context = {"form": form, "relationship": relationship}
    return render(request, "relationships/change_request_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def change_request_detail(request: AuthenticatedHttpRequest, request_uuid: UUID) -> HttpResponse:
    change = get_change_request_for_user(request.user, request_uuid, write=request.method == "POST")
    if change.requested_by_id != request.user.pk:
        record_event(actor=request.user, action="change-request.read", target=change)
    form = ResolveChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.resolve_change_request(
                actor=request.user,
                change=change,
                end_relationship=form.cleaned_data["end_relationship"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Change request dealt with. Now pair the learner again.")
            url = reverse(
                "relationships:relationship-create", args=[change.relationship.programme.uuid]
            )
            return redirect(f"{url}?change={change.uuid}")
    return _change_page(request, change, form, DeclineChangeForm())


def _change_page(
    request: AuthenticatedHttpRequest,
    change: ChangeRequest,
    form: ResolveChangeForm,
    decline_form: DeclineChangeForm,
) -> HttpResponse:
    context = {
        "change": change,
        "form": form,
        "decline_form": decline_form,
        "is_requester": change.requested_by_id == request.user.pk,
    }
    return render(request, "relationships/change_request_detail.html", context)


@require_POST
@login_required
def change_request_decline(request: AuthenticatedHttpRequest, request_uuid: UUID) -> HttpResponse:
    """The coordinator says no to a change of mentor, with a reason the learner reads."""
    change = get_change_request_for_user(request.user, request_uuid, write=True)
    form = DeclineChangeForm(request.POST)
    if form.is_valid():
        try:
            lifecycle.decline_change_request(
                actor=request.user, change=change, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Request declined. The person who asked has been told why.")
            return redirect("relationships:programme-overview", change.relationship.programme.uuid)
    return _change_page(request, change, ResolveChangeForm(), form)
