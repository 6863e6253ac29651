"""Funding plans: a participant's plan page, removing a line, the coordinator's overview and
the finance export."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tandem.audit.services import record_event
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.programmes import funding
from tandem.programmes.forms import PlannedActivityForm, SpendingForm
from tandem.programmes.policy import (
    get_funding_enrolment_for_user,
    get_funding_line_for_user,
    get_programme_for_user,
    is_coordinator,
)
from tandem.spreadsheets import XLSX, csv_bytes, xlsx_bytes


@require_http_methods(["GET", "POST"])
@login_required
def funding_plan(request: AuthenticatedHttpRequest, enrolment_uuid: UUID) -> HttpResponse:
    enrolment = get_funding_enrolment_for_user(request.user, enrolment_uuid)
    which = request.POST.get("form") if request.method == "POST" else None
    terms = funding.programme_terms(enrolment.programme)
    activity_form = PlannedActivityForm(request.POST if which == "activity" else None, terms=terms)
    spending_form = SpendingForm(request.POST if which == "spending" else None, enrolment=enrolment)
    form = {"activity": activity_form, "spending": spending_form}.get(which or "")
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "activity":
                funding.plan_activity(actor=request.user, enrolment=enrolment, **data)
            else:
                funding.record_spending(actor=request.user, enrolment=enrolment, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Plan saved.")
            return redirect("programmes:funding-plan", enrolment_uuid=enrolment.uuid)
    context = {
        "enrolment": enrolment,
        "plan": funding.plan_of(enrolment),
        "activity_form": activity_form,
        "spending_form": spending_form,
        "is_coordinator": is_coordinator(request.user, enrolment.programme),
    }
    return render(request, "programmes/funding_plan.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def funding_line_remove(
    request: AuthenticatedHttpRequest, kind: str, line_uuid: UUID
) -> HttpResponse:
    """Ask first, then take a planned activity or a spending line out of the plan."""
    line = get_funding_line_for_user(request.user, kind, line_uuid)
    if request.method == "POST":
        funding.remove_funding_line(actor=request.user, line=line)
        messages.success(request, f"Removed: {line}.")
        return redirect("programmes:funding-plan", enrolment_uuid=line.enrolment.uuid)
    return render(request, "programmes/funding_line_remove.html", {"line": line, "kind": kind})


@require_GET
@login_required
def funding_overview(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    if programme.allowance_per_term is None:
        raise Http404
    context = {"programme": programme, "plans": funding.programme_balances(programme)}
    return render(request, "programmes/funding_overview.html", context)


@require_GET
@login_required
def funding_export(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, file_format: str
) -> HttpResponse:
    """The finance export, coordinators only; every download is audited."""
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    if programme.allowance_per_term is None or file_format not in {"csv", "xlsx"}:
        raise Http404
    sheets = funding.finance_sheets(programme)
    record_event(actor=request.user, action=f"funding.export-{file_format}", target=programme)
    stamp = timezone.localdate().isoformat()
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX)
    else:
        response = HttpResponse(csv_bytes(sheets[0][1]), content_type="text/csv; charset=utf-8")
    filename = f"funding-{programme.uuid}-{stamp}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
