from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tandem.forms import ListFilterForm, add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.organisations import selectors
from tandem.organisations.forms import InviteMemberForm, MembershipForm, OrganisationForm
from tandem.organisations.models import Membership
from tandem.organisations.policy import (
    can_create_organisation,
    can_edit_organisation,
    get_membership_for_user,
    get_organisation_for_user,
    get_partnership_for_user,
)
from tandem.organisations.services import (
    MEMBERSHIP_FIELDS,
    create_organisation,
    invite_member,
    update_membership,
    update_organisation,
)
from tandem.paging import page_of


@require_GET
@login_required
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for_user(request.user)
    context = {
        "organisations": organisations,
        "can_create": can_create_organisation(request.user),
    }
    return render(request, "organisations/organisation_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "phases"}
        try:
            organisation = create_organisation(
                actor=request.user, fields=fields, phases=list(form.cleaned_data["phases"])
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{organisation.name} added.")
            return redirect(organisation)
    return render(request, "organisations/organisation_form.html", {"form": form})


@require_GET
@login_required
def organisation_detail(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_uuid)
    form = ListFilterForm(
        request.GET or None, statuses=Membership.Access.choices, attention_label=None
    )
    members = selectors.filter_members(selectors.current_members(organisation), **form.chosen())
    context = {
        "organisation": selectors.with_page_relations(organisation),
        "form": form,
        "page": page_of(request, members),
        "can_edit": can_edit_organisation(request.user, organisation),
    }
    return render(request, "organisations/organisation_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def organisation_edit(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_uuid, write=True)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "phases"}
        update_organisation(
            actor=request.user,
            organisation=organisation,
            fields=fields,
            phases=list(form.cleaned_data["phases"]),
        )
        messages.success(request, "Organisation details saved.")
        return redirect(organisation)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@require_GET
@login_required
def partnership_detail(request: AuthenticatedHttpRequest, partnership_uuid: UUID) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, partnership_uuid)
    members = partnership.members.select_related("organisation").order_by(
        "-is_lead", "organisation__name"
    )
    return render(
        request,
        "organisations/partnership_detail.html",
        {"partnership": partnership, "members": members},
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_uuid, write=True)
    form = InviteMemberForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = invite_member(
                actor=request.user,
                organisation=organisation,
                base_url=request.build_absolute_uri("/").rstrip("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Added {membership.user.full_name} and emailed them an invitation."
            )
            return redirect(organisation)
    return render(
        request, "organisations/member_form.html", {"form": form, "organisation": organisation}
    )


@require_http_methods(["GET", "POST"])
@login_required
def membership_edit(request: AuthenticatedHttpRequest, membership_uuid: UUID) -> HttpResponse:
    membership = get_membership_for_user(request.user, membership_uuid)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in MEMBERSHIP_FIELDS}
        try:
            update_membership(actor=request.user, membership=form.instance, fields=fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved {membership.user.full_name}'s membership.")
            return redirect(membership.organisation)
    return render(
        request, "organisations/membership_form.html", {"form": form, "membership": membership}
    )
