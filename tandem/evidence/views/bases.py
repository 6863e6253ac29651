"""Evidence bases: the list, setting one up, its dashboard and its review team."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.evidence import policy, selectors, services
from tandem.evidence.forms import BaseForm, TeamMemberForm
from tandem.evidence.models import Source, SourceStatus, TeamMember
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.paging import page_of


@require_GET
@login_required
def base_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    bases = policy.bases_for_user(request.user).select_related("organisation")
    context = {"bases": bases, "can_create": policy.can_create_base(request.user)}
    return render(request, "evidence/base_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def base_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = policy.organisations_for_new_base(request.user)
    if not organisations.exists():
        return render(request, "403.html", status=403)
    form = BaseForm(posted_data(request), organisations=organisations)
    if form.is_valid():
        base = services.create_base(actor=request.user, **form.cleaned_data)
        messages.success(request, "The evidence base is set up. Add reviewers, then sources.")
        return redirect(base)
    return render(request, "evidence/base_form.html", {"form": form})


@require_GET
@login_required
def base_detail(request: AuthenticatedHttpRequest, base_uuid: UUID) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid)
    status = request.GET.get("status", "")
    sources = Source.objects.filter(base=base).select_related("base")
    if status in SourceStatus.values:
        sources = sources.filter(status=status)
    context = {
        "base": base,
        "role": policy.role_in(request.user, base),
        "progress": selectors.progress(base),
        "status": status,
        "statuses": SourceStatus.choices,
        "page": page_of(request, sources),
    }
    return render(request, "evidence/base_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def team(request: AuthenticatedHttpRequest, base_uuid: UUID) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid, ability=policy.MODERATE)
    form = TeamMemberForm(posted_data(request), organisation=base.organisation)
    if form.is_valid():
        member = services.add_team_member(actor=request.user, base=base, **form.cleaned_data)
        messages.success(request, f"{member.user.full_name} is on the team.")
        return redirect("evidence:team", base_uuid=base.uuid)
    members = base.team.select_related("user")
    return render(request, "evidence/team.html", {"base": base, "form": form, "members": members})


@require_POST
@login_required
def team_remove(
    request: AuthenticatedHttpRequest, base_uuid: UUID, member_uuid: UUID
) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid, ability=policy.MODERATE)
    member = get_object_or_404(
        TeamMember.objects.select_related("user"), base=base, uuid=member_uuid
    )
    member.base = base
    try:
        services.remove_team_member(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{member.user.full_name} is no longer on the team.")
    return redirect("evidence:team", base_uuid=base.uuid)
