"""Privacy notices (reading, acknowledging, publishing) and a person's own consents."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.privacy.forms.consent import NoticeForm
from tandem.privacy.middleware import NOTICES_DUE
from tandem.privacy.models import ConsentPurpose, PrivacyNotice
from tandem.privacy.policy import (
    can_edit_notice,
    get_notice_organisation_for_user,
    is_data_protection_lead,
    notice_organisations,
)
from tandem.privacy.selectors.consent import consents_of, current_notices, notices_due
from tandem.privacy.services import consent as services


def _safe_next(request: AuthenticatedHttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return "/"


@require_http_methods(["GET", "POST"])
@login_required
def notices_to_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    due = list(notices_due(request.user))
    if request.method == "POST":
        shown = set(request.POST.getlist("notice"))
        services.acknowledge_notices(
            actor=request.user, notices=[notice for notice in due if str(notice.uuid) in shown]
        )
        if not notices_due(request.user).exists():
            request.session.pop(NOTICES_DUE, None)
            return redirect(_safe_next(request))
        due = list(notices_due(request.user))
    return render(
        request, "privacy/notices_due.html", {"notices": due, "next": _safe_next(request)}
    )


@require_GET
@login_required
def notice_detail(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    organisation = get_notice_organisation_for_user(request.user, organisation_uuid)
    notice = PrivacyNotice.objects.filter(organisation=organisation).order_by("-version").first()
    context = {
        "organisation": organisation,
        "notice": notice,
        "can_edit": can_edit_notice(request.user, organisation),
    }
    return render(request, "privacy/notice_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def notice_edit(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    organisation = get_notice_organisation_for_user(request.user, organisation_uuid, write=True)
    latest = PrivacyNotice.objects.filter(organisation=organisation).order_by("-version").first()
    form = NoticeForm(posted_data(request), initial={"body": latest.body if latest else ""})
    if form.is_valid():
        try:
            notice = services.publish_notice(
                actor=request.user, organisation=organisation, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Version {notice.version} of the notice is published.")
            return redirect("privacy:notice-detail", organisation_uuid=organisation.uuid)
    context = {"organisation": organisation, "form": form, "latest": latest}
    return render(request, "privacy/notice_form.html", context)


@require_GET
@login_required
def my_privacy(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "consents": consents_of(request.user),
        "notices": current_notices(request.user),
        "editable": notice_organisations(request.user).order_by("name"),
        "is_data_protection_lead": is_data_protection_lead(request.user),
    }
    return render(request, "privacy/my_privacy.html", context)


def _purpose(slug: str) -> ConsentPurpose:
    if slug not in ConsentPurpose.values:
        raise Http404
    return ConsentPurpose(slug)


@require_POST
@login_required
def consent_give(request: AuthenticatedHttpRequest, purpose: str) -> HttpResponse:
    try:
        services.give_consent(actor=request.user, purpose=_purpose(purpose))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Thank you: your consent is recorded.")
    return redirect("privacy:my-privacy")


@require_http_methods(["GET", "POST"])
@login_required
def consent_withdraw(request: AuthenticatedHttpRequest, purpose: str) -> HttpResponse:
    chosen = _purpose(purpose)
    if request.method == "POST":
        try:
            services.withdraw_consent(actor=request.user, purpose=chosen)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Consent withdrawn: {chosen.label}.")
        return redirect("privacy:my-privacy")
    return render(request, "privacy/consent_withdraw.html", {"purpose": chosen})
