"""Identifying the case and evidencing it: candidate impacts from Tandem's data, research
outputs, the timeline's events, corroborating sources and attached report snapshots."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.impact import policy, services
from tandem.impact.candidates import candidates_for
from tandem.impact.forms import (
    CandidateForm,
    EventForm,
    OutputForm,
    SnapshotForm,
    SourceForm,
    SourceStatusForm,
)
from tandem.impact.models import CorroboratingSource, ImpactEvent, ResearchOutput


@require_http_methods(["GET", "POST"])
@login_required
def candidate_list(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.RESEARCH)
    candidates = candidates_for(case, request.user)
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = next((c for c in candidates if c.key == form.cleaned_data["key"]), None)
        if chosen is None or chosen.is_withheld:
            messages.error(request, "That candidate is no longer available: pick another.")
        else:
            services.add_candidate(actor=request.user, case=case, candidate=chosen)
            messages.success(request, f"Added to the timeline: {chosen.description}.")
            return redirect(case)
    return render(request, "impact/candidates.html", {"case": case, "candidates": candidates})


@require_http_methods(["GET", "POST"])
@login_required
def output_edit(
    request: AuthenticatedHttpRequest, case_uuid: UUID, output_uuid: UUID | None = None
) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.RESEARCH)
    output = get_object_or_404(ResearchOutput, case=case, uuid=output_uuid) if output_uuid else None
    form = OutputForm(request.POST or None, instance=output or ResearchOutput(case=case))
    if request.method == "POST" and form.is_valid():
        saved = services.save_output(
            actor=request.user, case=case, fields=form.cleaned_data, output=output
        )
        messages.success(request, f"\u201c{saved.title}\u201d saved.")
        return redirect(case)
    return render(
        request, "impact/output_form.html", {"case": case, "form": form, "output": output}
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(
    request: AuthenticatedHttpRequest, case_uuid: UUID, event_uuid: UUID | None = None
) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.WRITE)
    event = get_object_or_404(ImpactEvent, case=case, uuid=event_uuid) if event_uuid else None
    form = EventForm(request.POST or None, instance=event or ImpactEvent(case=case))
    if request.method == "POST" and form.is_valid():
        services.save_event(actor=request.user, case=case, fields=form.cleaned_data, event=event)
        messages.success(request, "Timeline event saved.")
        return redirect(case)
    return render(request, "impact/event_form.html", {"case": case, "form": form, "event": event})


@require_http_methods(["GET", "POST"])
@login_required
def source_edit(
    request: AuthenticatedHttpRequest, case_uuid: UUID, source_uuid: UUID | None = None
) -> HttpResponse:
    case, role = policy.get_case_for_user(request.user, case_uuid, ability=policy.WRITE)
    source = (
        get_object_or_404(
            CorroboratingSource.objects.select_related("verified_by"), case=case, uuid=source_uuid
        )
        if source_uuid
        else None
    )
    form = SourceForm(request.POST or None, instance=source or CorroboratingSource(case=case))
    if request.method == "POST" and form.is_valid():
        saved = services.save_source(
            actor=request.user, case=case, fields=form.cleaned_data, source=source
        )
        messages.success(
            request, f"\u201c{saved.title}\u201d saved ({saved.get_status_display().lower()})."
        )
        return redirect("impact:source-edit", case_uuid=case.uuid, source_uuid=saved.uuid)
    status_form = (
        SourceStatusForm(initial={"status": source.status, "method": source.verification_method})
        if source
        else None
    )
    context = {
        "case": case,
        "form": form,
        "source": source,
        "status_form": status_form,
        "can_verify": policy.RESEARCH in policy.ROLE_ABILITIES[role],
    }
    return render(request, "impact/source_form.html", context)


@require_POST
@login_required
def source_status(
    request: AuthenticatedHttpRequest, case_uuid: UUID, source_uuid: UUID
) -> HttpResponse:
    case, role = policy.get_case_for_user(request.user, case_uuid, ability=policy.WRITE)
    source = get_object_or_404(CorroboratingSource, case=case, uuid=source_uuid)
    status_form = SourceStatusForm(request.POST)
    if status_form.is_valid():
        try:
            services.set_source_status(
                actor=request.user,
                source=source,
                status=status_form.cleaned_data["status"],
                method=status_form.cleaned_data["method"],
            )
        except PermissionError as error:
            raise PermissionDenied from error
        except ValidationError as error:
            add_errors(status_form, error)
        else:
            messages.success(
                request, f"\u201c{source.title}\u201d is {source.get_status_display().lower()}."
            )
            return redirect("impact:source-edit", case_uuid=case.uuid, source_uuid=source.uuid)
    source.refresh_from_db()
    context = {
        "case": case,
        "form": SourceForm(instance=source),
        "source": source,
        "status_form": status_form,
        "can_verify": policy.RESEARCH in policy.ROLE_ABILITIES[role],
    }
    return render(request, "impact/source_form.html", context, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def snapshot_attach(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.RESEARCH)
    form = SnapshotForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        source = services.attach_snapshot(
            actor=request.user, case=case, snapshot=form.cleaned_data["snapshot"]
        )
        messages.success(request, f"\u201c{source.title}\u201d attached as verified evidence.")
        return redirect(case)
    return render(request, "impact/snapshot_form.html", {"case": case, "form": form})
