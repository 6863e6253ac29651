"""Case studies: the list, starting one, its front page, settings, team and exports."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.impact import checks, exports, policy, services
from tandem.impact.forms import CaseForm, MemberForm
from tandem.impact.models import CaseMember, ImpactCaseStudy, SectionKind


@require_GET
@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    cases = policy.cases_for_user(request.user).select_related("lead_organisation")
    context = {"cases": cases, "can_create": policy.can_create_case(request.user)}
    return render(request, "impact/case_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def case_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_create_case(request.user):
        raise PermissionDenied
    form = CaseForm(request.POST or None, user=request.user, instance=ImpactCaseStudy())
    if request.method == "POST" and form.is_valid():
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name != "partner_organisations"
        }
        case = services.create_case(
            actor=request.user,
            fields=fields,
            partner_organisations=form.cleaned_data["partner_organisations"],
        )
        messages.success(request, f"\u201c{case.title}\u201d is started. You lead its team.")
        return redirect(case)
    return render(request, "impact/case_form.html", {"form": form, "case": None})


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.MANAGE)
    form = CaseForm(request.POST or None, user=request.user, instance=case)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name != "partner_organisations"
        }
        services.update_case(
            actor=request.user,
            case=case,
            fields=fields,
            partner_organisations=form.cleaned_data["partner_organisations"],
        )
        messages.success(request, "Settings saved.")
        return redirect(case)
    return render(request, "impact/case_form.html", {"form": form, "case": case})


@require_GET
@login_required
def case_detail(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    case, role = policy.get_case_for_user(request.user, case_uuid)
    sections = sorted(case.sections.all(), key=lambda s: SectionKind.values.index(s.kind))
    outputs = list(case.outputs.all())
    sources = list(case.sources.select_related("verified_by"))
    events = list(case.events.all())
    timeline = sorted(
        [(output.published_on, "Research output", output.title, "") for output in outputs]
        + [
            (event.happened_on, event.get_kind_display(), event.description, event.figures)
            for event in events
        ],
        key=lambda row: row[0],
    )
    context = {
        "case": case,
        "role": role,
        "can_write": policy.WRITE in policy.ROLE_ABILITIES[role],
        "can_research": policy.RESEARCH in policy.ROLE_ABILITIES[role],
        "can_manage": policy.MANAGE in policy.ROLE_ABILITIES[role],
        "team": case.team.select_related("user"),
        "partners": case.partner_organisations.all(),
        "counts": checks.section_counts(case, sections, len(outputs), len(sources)),
        "outputs": outputs,
        "sources": sources,
        "events": events,
        "timeline": timeline,
        "problems": checks.window_problems(case, outputs, events),
    }
    return render(request, "impact/case_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.MANAGE)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_member(
                actor=request.user,
                case=case,
                user=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{member.user.full_name} is on the team.")
            return redirect("impact:member-add", case_uuid=case.uuid)
    team = case.team.select_related("user")
    return render(request, "impact/team.html", {"case": case, "form": form, "team": team})


@require_POST
@login_required
def member_remove(
    request: AuthenticatedHttpRequest, case_uuid: UUID, member_uuid: UUID
) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.MANAGE)
    member = get_object_or_404(
        CaseMember.objects.select_related("user"), case=case, uuid=member_uuid
    )
    try:
        services.remove_member(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{member.user.full_name} is no longer on the team.")
    return redirect("impact:member-add", case_uuid=case.uuid)


@require_GET
@login_required
def case_export(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    """The export page: the PDF's length against the page limit, and the downloads."""
    case, _role = policy.get_case_for_user(request.user, case_uuid)
    _pdf, pages = exports.build_pdf(exports.gather(case))
    context = {"case": case, "pages": pages, "is_over": pages > case.page_limit}
    return render(request, "impact/case_export.html", context)


def _download(
    case: ImpactCaseStudy, content: bytes, content_type: str, suffix: str
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"impact-case-study-{timezone.localdate():%Y-%m-%d}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@login_required
def case_docx(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid)
    content = exports.build_docx(exports.gather(case))
    record_event(actor=request.user, action="impact.exported", target=case, detail="DOCX")
    return _download(case, content, exports.DOCX_TYPE, "docx")


@require_GET
@login_required
def case_pdf(request: AuthenticatedHttpRequest, case_uuid: UUID) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid)
    content, _pages = exports.build_pdf(exports.gather(case))
    record_event(actor=request.user, action="impact.exported", target=case, detail="PDF")
    return _download(case, content, "application/pdf", "pdf")
