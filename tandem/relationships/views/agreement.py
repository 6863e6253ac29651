from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.relationships.forms import (
    AgreementForm,
)
from tandem.relationships.models import LearningAgreement
from tandem.relationships.policy import (
    get_relationship_content_for_user,
)
from tandem.relationships.services import EditConflictError
from tandem.relationships.services import agreement as agreement_services
from tandem.relationships.views.common import show_conflict


@require_GET
@login_required
def agreement_detail(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship, member = get_relationship_content_for_user(request.user, relationship_uuid)
    versions = list(
        relationship.agreements.select_related("created_by").prefetch_related("signatures__user")
    )
    record_event(actor=request.user, action="agreement.read", target=relationship)
    current = versions[0] if versions else None
    signed_ids = {signature.user_id for signature in current.signatures.all()} if current else set()
    context = {
        "relationship": relationship,
        "member": member,
        "current": current,
        "history": versions[1:],
        "members": relationship.members.select_related("user"),
        "signed_ids": signed_ids,
        "i_signed": request.user.pk in signed_ids,
    }
    return render(request, "relationships/agreement_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def agreement_edit(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship, _member = get_relationship_content_for_user(
        request.user, relationship_uuid, write=True
    )
    current = agreement_services.current_agreement(relationship)
    initial = {"based_on": current.number if current else 0, "change_note": ""}
    form = AgreementForm(request.POST or None, instance=None, initial=initial)
    if request.method == "GET" and current:
        form = AgreementForm(instance=current, initial=initial)
        record_event(actor=request.user, action="agreement.read", target=relationship)
    latest = None
    if request.method == "POST" and form.is_valid():
        try:
            agreement_services.amend_agreement(
                actor=request.user,
                relationship=relationship,
                based_on=form.cleaned_data["based_on"],
                fields=form.cleaned_data,
            )
        except EditConflictError as conflict:
            latest = conflict.latest
            if not isinstance(latest, LearningAgreement):
                raise
            show_conflict(form, "based_on", latest.number)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "New version saved. Everyone needs to sign it again.")
            return redirect("relationships:agreement-detail", relationship.uuid)
    context = {"form": form, "relationship": relationship, "latest": latest}
    return render(request, "relationships/agreement_form.html", context)


@require_POST
@login_required
def agreement_sign(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship, _member = get_relationship_content_for_user(
        request.user, relationship_uuid, write=True
    )
    agreement = relationship.agreements.filter(number=request.POST.get("number") or 0).first()
    if agreement is None:
        raise Http404
    try:
        agreement_services.sign_agreement(actor=request.user, agreement=agreement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"You signed version {agreement.number} of the agreement.")
    return redirect("relationships:agreement-detail", relationship.uuid)
