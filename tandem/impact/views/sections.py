"""A section: write it (seeing its word count), comment on it, see and restore versions."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.http import AuthenticatedHttpRequest
from tandem.impact import checks, policy, services
from tandem.impact.forms import CommentForm, SectionForm
from tandem.impact.models import CaseSection, ImpactCaseStudy, SectionKind, SectionVersion


def _section(case: ImpactCaseStudy, kind: str) -> CaseSection:
    if kind not in SectionKind.values:
        raise Http404
    return get_object_or_404(CaseSection, case=case, kind=kind)


def _count(case: ImpactCaseStudy, section: CaseSection) -> checks.SectionCount:
    return checks.section_counts(case, [section], case.outputs.count(), case.sources.count())[0]


@require_http_methods(["GET", "POST"])
@login_required
def section_edit(request: AuthenticatedHttpRequest, case_uuid: UUID, kind: str) -> HttpResponse:
    ability = policy.WRITE if request.method == "POST" else policy.READ
    case, role = policy.get_case_for_user(request.user, case_uuid, ability=ability)
    section = _section(case, kind)
    form = SectionForm(
        request.POST or None,
        initial={"text": section.text},
        label=section.get_kind_display(),
        limit=checks.word_limit(case, kind),
    )
    if request.method == "POST" and form.is_valid():
        version = services.save_section(
            actor=request.user, section=section, text=form.cleaned_data["text"]
        )
        section.refresh_from_db()
        count = _count(case, section)
        if count.is_over:
            messages.warning(request, f"Saved as version {version.number}, but {count.message}")
        else:
            messages.success(request, f"Saved as version {version.number}. {count.message}")
        return redirect("impact:section-edit", case_uuid=case.uuid, kind=kind)
    context = {
        "case": case,
        "section": section,
        "form": form,
        "count": _count(case, section),
        "can_write": policy.WRITE in policy.ROLE_ABILITIES[role],
        "comments": section.comments.select_related("author"),
        # Its own ids: the section form on the same page has a "text" field too.
        "comment_form": CommentForm(auto_id="comment_%s"),
    }
    return render(request, "impact/section_form.html", context)


@require_POST
@login_required
def comment_add(request: AuthenticatedHttpRequest, case_uuid: UUID, kind: str) -> HttpResponse:
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.WRITE)
    section = _section(case, kind)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(actor=request.user, section=section, text=form.cleaned_data["text"])
        messages.success(request, "Comment added.")
    else:
        messages.error(request, "Write a comment (up to 4,000 characters) before adding it.")
    return redirect("impact:section-edit", case_uuid=case.uuid, kind=kind)


@require_GET
@login_required
def version_list(request: AuthenticatedHttpRequest, case_uuid: UUID, kind: str) -> HttpResponse:
    case, role = policy.get_case_for_user(request.user, case_uuid)
    section = _section(case, kind)
    context = {
        "case": case,
        "section": section,
        "versions": section.versions.select_related("saved_by"),
        "can_restore": policy.RESEARCH in policy.ROLE_ABILITIES[role],
    }
    return render(request, "impact/version_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def version_restore(
    request: AuthenticatedHttpRequest, case_uuid: UUID, version_uuid: UUID
) -> HttpResponse:
    """Asks first (GET shows the text and a button), then restores (POST)."""
    case, _role = policy.get_case_for_user(request.user, case_uuid, ability=policy.RESEARCH)
    version = get_object_or_404(
        SectionVersion.objects.select_related("section", "saved_by"),
        section__case=case,
        uuid=version_uuid,
    )
    if request.method == "POST":
        try:
            restored = services.restore_version(actor=request.user, version=version)
        except PermissionError as error:
            raise PermissionDenied from error
        messages.success(
            request,
            f"Version {version.number} restored: it is now the current text (version "
            f"{restored.number}). The text it replaced is kept as a version too.",
        )
        return redirect("impact:section-edit", case_uuid=case.uuid, kind=version.section.kind)
    return render(request, "impact/version_restore.html", {"case": case, "version": version})
