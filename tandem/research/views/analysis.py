"""Analysis pages: constant comparison, similarities and differences, themes, agreement
between coders, biographical case summaries and the findings report.

Readers see findings (themes and their anonymised quotes, suppressed frequencies, the
agreement summary, the report); the team (leads and coders) also sees what reads from
transcripts (similar passages, merge evidence, disagreements, case summaries) and exact
counts. Every page gets its study from tandem.research.policy.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.http import PDF, AuthenticatedHttpRequest, download, htmx_fragment, posted_data
from tandem.research import comparison, policy, reliability, reports
from tandem.research.forms.analysis import CaseSummaryForm, QuotesForm, ThemeForm
from tandem.research.models import Code, CodingPass, Study, Theme
from tandem.research.selectors import analysable_segments, consenting_participants
from tandem.research.services import analysis

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_PASSAGE = 5000


def _team_sees_data(request: AuthenticatedHttpRequest, study: Study) -> bool:
    return policy.can(request.user, study, policy.READ_DATA)


@require_GET
@login_required
def analysis_home(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    context = {"study": study, "sees_data": _team_sees_data(request, study)}
    return render(request, "research/rsanalysis/home.html", context)


# ---- Constant comparison ----


@require_GET
@login_required
def similar_segments(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    """Passages like a piece of text (?text=) or a coded segment (?segment=<uuid>); htmx
    gets the results panel only (research/rsanalysis/_similar_results.html)."""
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.READ_DATA)
    text = request.GET.get("text", "")[:MAX_PASSAGE].strip()
    segment = None
    # Others' coding stays out of sight while the person codes blind (agreement depends on it).
    in_blind_pass = CodingPass.objects.filter(
        study=study, coder=request.user, is_blind=True, finished_at__isnull=True
    ).exists()
    if in_blind_pass:
        found = None
    elif segment_uuid := request.GET.get("segment"):
        try:
            segment = analysable_segments(study).get(uuid=UUID(segment_uuid))
        except (ValueError, analysable_segments(study).model.DoesNotExist) as error:
            raise Http404 from error
        found = comparison.similar_to_segment(study, segment)
        text = segment.quote
    elif text:
        found = comparison.similar_to_text(study, text)
    else:
        found = None
    context = {
        "study": study,
        "text": text,
        "segment": segment,
        "found": found,
        "in_blind_pass": in_blind_pass,
    }
    if request.htmx:
        return htmx_fragment(request, "research/rsanalysis/_similar_results.html", context)
    return render(request, "research/rsanalysis/similar.html", context)


@require_GET
@login_required
def merge_suggestions(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.READ_DATA)
    context = {"study": study, "suggestions": comparison.merge_suggestions(study)}
    return render(request, "research/rsanalysis/merge_suggestions.html", context)


# ---- Similarities and differences ----


@require_GET
@login_required
def frequencies(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    exact = _team_sees_data(request, study)
    dimension = request.GET.get("by", analysis.STRAND)
    mode = request.GET.get("together", analysis.OVERLAP)
    if dimension not in analysis.DIMENSIONS or mode not in analysis.CO_OCCURRENCE_MODES:
        dimension, mode = analysis.STRAND, analysis.OVERLAP
    context = {
        "study": study,
        "exact": exact,
        "dimension": dimension,
        "dimensions": analysis.DIMENSIONS,
        "mode": mode,
        "modes": analysis.CO_OCCURRENCE_MODES,
        "table": analysis.code_frequencies(study, dimension, exact=exact),
        "together": analysis.code_co_occurrence(study, mode=mode, exact=exact),
    }
    return render(request, "research/rsanalysis/frequencies.html", context)


# ---- Themes ----


def _theme(study: Study, theme_uuid: UUID) -> Theme:
    return get_object_or_404(Theme, study=study, uuid=theme_uuid)


@require_GET
@login_required
def theme_list(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    context = {
        "study": study,
        "themes": analysis.themes_with_quotes(study),
        "can_edit": policy.can(request.user, study, policy.CODE),
    }
    return render(request, "research/rsanalysis/theme_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def theme_edit(
    request: AuthenticatedHttpRequest, study_uuid: UUID, theme_uuid: UUID | None = None
) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    theme = _theme(study, theme_uuid) if theme_uuid else None
    codes = Code.objects.filter(study=study).order_by("name")
    form = ThemeForm(posted_data(request), instance=theme, codes=codes)
    if form.is_valid():
        try:
            saved = analysis.save_theme(
                actor=request.user,
                study=study,
                theme=theme,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                codes=form.cleaned_data["codes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Theme “{saved.name}” saved. Now choose its quotes.")
            return redirect("research:analysis-theme-quotes", study.uuid, saved.uuid)
    context = {"study": study, "theme": theme, "form": form}
    return render(request, "research/rsanalysis/theme_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def theme_quotes(
    request: AuthenticatedHttpRequest, study_uuid: UUID, theme_uuid: UUID
) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    theme = _theme(study, theme_uuid)
    segments = analysis.quote_candidates(study, theme.codes.all()).select_related("code")
    initial = {"quotes": list(analysis.quotes_of(study, theme))}
    form = QuotesForm(posted_data(request), initial=initial, segments=segments)
    if form.is_valid():
        analysis.set_theme_quotes(
            actor=request.user, theme=theme, quotes=form.cleaned_data["quotes"]
        )
        messages.success(request, f"Quotes for “{theme.name}” saved.")
        return redirect("research:analysis-theme-list", study.uuid)
    context = {"study": study, "theme": theme, "form": form}
    return render(request, "research/rsanalysis/theme_quotes.html", context)


@require_POST
@login_required
def theme_move(
    request: AuthenticatedHttpRequest, study_uuid: UUID, theme_uuid: UUID
) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    theme = _theme(study, theme_uuid)
    analysis.move_theme(actor=request.user, theme=theme, up=request.POST.get("to") == "up")
    return redirect("research:analysis-theme-list", study.uuid)


@require_http_methods(["GET", "POST"])
@login_required
def theme_delete(
    request: AuthenticatedHttpRequest, study_uuid: UUID, theme_uuid: UUID
) -> HttpResponse:
    """Asks first: the theme's account and quote choices go; codes and segments stay."""
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    theme = _theme(study, theme_uuid)
    if request.method == "POST":
        analysis.delete_theme(actor=request.user, theme=theme)
        messages.success(request, f"Theme “{theme.name}” deleted.")
        return redirect("research:analysis-theme-list", study.uuid)
    return render(
        request, "research/rsanalysis/theme_delete.html", {"study": study, "theme": theme}
    )


# ---- Agreement between coders ----


@require_GET
@login_required
def agreement(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    context = {
        "study": study,
        "report": reliability.study_reliability(study),
        "sees_data": _team_sees_data(request, study),
    }
    return render(request, "research/rsanalysis/agreement.html", context)


@require_GET
@login_required
def disagreements(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    """The units coders disagreed on, with their text, for discussion (the team only)."""
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.READ_DATA)
    context = {"study": study, "report": reliability.study_reliability(study)}
    return render(request, "research/rsanalysis/disagreements.html", context)


# ---- Biographical case summaries ----


@require_GET
@login_required
def case_list(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.READ_DATA)
    context = {
        "study": study,
        "summaries": analysis.case_summaries(study),
        "can_edit": policy.can(request.user, study, policy.CODE),
    }
    return render(request, "research/rsanalysis/case_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(
    request: AuthenticatedHttpRequest, study_uuid: UUID, participant_uuid: UUID
) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    # A withdrawn participant's summary disappears: 404, like everything else of theirs.
    participant = get_object_or_404(
        consenting_participants(study).select_related("strand"), uuid=participant_uuid
    )
    summary = getattr(participant, "case_summary", None)
    segments = analysis.own_segments(study, participant).select_related(
        "code", "document__participant__strand"
    )
    form = CaseSummaryForm(posted_data(request), instance=summary, segments=segments)
    if form.is_valid():
        analysis.save_case_summary(
            actor=request.user,
            participant=participant,
            path_into_scheme=form.cleaned_data["path_into_scheme"],
            practice_change=form.cleaned_data["practice_change"],
            quotes=form.cleaned_data["quotes"],
        )
        messages.success(request, f"Case summary of {participant.pseudonym} saved.")
        return redirect("research:analysis-case-list", study.uuid)
    context = {"study": study, "participant": participant, "form": form}
    return render(request, "research/rsanalysis/case_form.html", context)


# ---- Findings report ----


@require_GET
@login_required
def report(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    context = {
        "study": study,
        "report": reports.build_report(study),
        "sees_data": _team_sees_data(request, study),
    }
    return render(request, "research/rsanalysis/report.html", context)


@require_GET
@login_required
def report_download(
    request: AuthenticatedHttpRequest, study_uuid: UUID, file_format: str
) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    findings = reports.build_report(study)
    record_event(actor=request.user, action=f"research.findings.{file_format}", target=study)
    if file_format == "pdf":
        content, content_type = reports.report_pdf(findings), PDF
    else:
        content, content_type = reports.report_docx(findings), DOCX
    return download(content, filename=f"findings.{file_format}", content_type=content_type)
