"""Pages for a person's rights: their data pack, and the data-protection lead's tools
for subject access, erasure and the retention schedule."""

from uuid import UUID

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.privacy import policy, retention
from tandem.privacy.forms.rights import ErasureDecisionForm, ErasureRequestForm, PeopleSearchForm
from tandem.privacy.models import DisposalLog, ErasureRequest, SubjectAccessPack
from tandem.privacy.services.requests import decide_erasure, request_erasure, request_pack


@require_http_methods(["GET", "POST"])
@login_required
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        request_pack(actor=request.user, subject=request.user)
        messages.success(request, "Your data is being gathered. Come back to this page soon.")
        return redirect("privacy:my-data")
    packs = SubjectAccessPack.objects.filter(subject=request.user)[:10]
    is_lead = policy.is_data_protection_lead(request.user)
    return render(request, "privacy/my_data.html", {"packs": packs, "is_lead": is_lead})


@require_GET
@login_required
def pack_download(request: AuthenticatedHttpRequest, pack_uuid: UUID) -> HttpResponse:
    pack = policy.get_pack_for_user(request.user, pack_uuid)
    if pack.status != SubjectAccessPack.Status.READY or not pack.file:
        raise Http404
    return _send_pack(request, pack)


# The pack holds the person's own private notes in plain text: whoever may download it is
# asked for their password (or second factor) again unless they re-authenticated in the
# last few minutes. The policy runs first, so everyone else still gets 404.
@reauthentication_required
def _send_pack(request: AuthenticatedHttpRequest, pack: SubjectAccessPack) -> FileResponse:
    record_event(actor=request.user, action="subject-access.downloaded", target=pack)
    filename = f"tandem-data-{pack.completed_at:%Y-%m-%d}.zip" if pack.completed_at else "data.zip"
    return FileResponse(pack.file.open("rb"), as_attachment=True, filename=filename)


def _require_lead(request: AuthenticatedHttpRequest) -> None:
    if not policy.is_data_protection_lead(request.user):
        raise Http404


@require_GET
@login_required
def lead_people(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_lead(request)
    search = PeopleSearchForm(request.GET)
    people = policy.people_of_lead(request.user).order_by("full_name", "pk")
    if search.is_valid() and search.cleaned_data["q"]:
        query = search.cleaned_data["q"]
        people = people.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    page = Paginator(people.only("uuid", "full_name", "email", "is_active"), 50).get_page(
        request.GET.get("page")
    )
    packs = SubjectAccessPack.objects.filter(requested_by=request.user).select_related("subject")
    context = {"page": page, "search": search, "packs": packs[:20]}
    return render(request, "privacy/lead_people.html", context)


@require_POST
@login_required
def person_pack(request: AuthenticatedHttpRequest, person_uuid: UUID) -> HttpResponse:
    person, _organisation = policy.get_person_for_lead(request.user, person_uuid)
    request_pack(actor=request.user, subject=person)
    messages.success(request, f"{person.full_name}'s data is being gathered.")
    return redirect("privacy:lead-people")


@require_http_methods(["GET", "POST"])
@login_required
def erasure_request(request: AuthenticatedHttpRequest, person_uuid: UUID) -> HttpResponse:
    person, organisation = policy.get_person_for_lead(request.user, person_uuid)
    form = ErasureRequestForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            erasure = request_erasure(
                actor=request.user,
                subject=person,
                organisation=organisation,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Asked for erasure: another data-protection lead must approve."
            )
            return redirect("privacy:erasure-detail", erasure.uuid)
    context = {"form": form, "person": person, "organisation": organisation}
    return render(request, "privacy/erasure_request.html", context)


@require_GET
@login_required
def erasure_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_lead(request)
    erasures = ErasureRequest.objects.filter(
        organisation__in=policy.protected_organisations(request.user)
    ).select_related("subject", "requested_by", "decided_by", "organisation")
    return render(request, "privacy/erasure_list.html", {"erasures": erasures[:100]})


@require_http_methods(["GET", "POST"])
@login_required
def erasure_detail(request: AuthenticatedHttpRequest, erasure_uuid: UUID) -> HttpResponse:
    write = request.method == "POST"
    erasure = policy.get_erasure_for_user(request.user, erasure_uuid, write=write)
    form = ErasureDecisionForm(posted_data(request))
    if write and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decide_erasure(actor=request.user, erasure=erasure, approve=approve)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Erased." if approve else "Cancelled the request.")
            return redirect("privacy:erasure-list")
    can_approve = erasure.requested_by_id != request.user.pk
    context = {"erasure": erasure, "form": form, "can_approve": can_approve}
    return render(request, "privacy/erasure_detail.html", context)


@require_GET
@login_required
def retention_schedule(request: AuthenticatedHttpRequest) -> HttpResponse:
    periods = retention.configured_periods()
    rows = [
        {
            "model": label,
            "rule": rule,
            "period": retention.describe(periods[rule.period]),
            "anchor": retention.PERIODS[rule.period][1],
        }
        for label, rule in retention.RULES.items()
        if isinstance(rule, retention.Period)
    ]
    others = [
        (label, rule)
        for label, rule in retention.RULES.items()
        if isinstance(rule, retention.WithAccount | retention.Kept)
    ]
    is_lead = policy.is_data_protection_lead(request.user)
    log = DisposalLog.objects.all()[:50] if is_lead else []
    context = {"rows": rows, "others": others, "is_lead": is_lead, "log": log}
    return render(request, "privacy/retention_schedule.html", context)
