from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.evaluation import at_risk, exports, selectors, snapshots
from tandem.evaluation.chart import bar_chart
from tandem.evaluation.evidence_table import ITEMS_BY_KEY, SELF_ASSESSED
from tandem.evaluation.forms import (
    AtRiskFilterForm,
    ResponseForm,
    ScheduleSurveyForm,
    SelfAssessmentForm,
)
from tandem.evaluation.instruments import TEMPLATES
from tandem.evaluation.models import SelfAssessment
from tandem.evaluation.policy import (
    get_programme_to_evaluate,
    get_survey_for_user,
    get_survey_to_answer,
)
from tandem.evaluation.reports import Report, build_report
from tandem.evaluation.reports.pupil_outcomes import (
    pupil_outcome_tables,
    supporters_own_learning_table,
)
from tandem.evaluation.services import record_self_assessment, schedule_survey, submit_response
from tandem.http import CSV, PDF, AuthenticatedHttpRequest, download
from tandem.imports.export_files import start_export
from tandem.imports.models import ExportFormat, ExportKind
from tandem.programmes.models import Programme
from tandem.programmes.policy import is_coordinator
from tandem.spreadsheets import XLSX

AT_RISK_PAGE_SIZE = 25


@require_GET
@login_required
def survey_list(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    context = {
        "programme": programme,
        "surveys": selectors.survey_summary(programme.pk),
        "is_coordinator": is_coordinator(request.user, programme),
    }
    return render(request, "evaluation/survey_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def survey_create(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_to_evaluate(request.user, programme_uuid)
    form = ScheduleSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = schedule_survey(
            actor=request.user,
            programme=programme,
            template_key=data["template_key"],
            stage=data["stage"],
            every_weeks=data["every_weeks"],
            audience=data["audience"],
        )
        messages.success(
            request, f"“{survey.title}” is scheduled from {survey.opens_on:%-d %B %Y}."
        )
        return redirect("evaluation:survey-list", programme_uuid=programme.uuid)
    context = {"programme": programme, "form": form, "templates": TEMPLATES.values()}
    return render(request, "evaluation/survey_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def survey_respond(request: AuthenticatedHttpRequest, survey_uuid: UUID) -> HttpResponse:
    survey, role = get_survey_to_answer(request.user, survey_uuid)
    questions = list(survey.questions.all())
    form = ResponseForm(request.POST or None, questions=questions)
    is_owed = selectors.survey_owed_to(request.user, survey)
    if request.method == "POST" and is_owed and form.is_valid():
        try:
            submit_response(actor=request.user, survey=survey, role=role, answers=form.answers())
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Thank you: your answers are saved.")
            return redirect("home")
    context = {"survey": survey, "form": form, "is_owed": is_owed}
    return render(request, "evaluation/survey_respond.html", context)


@require_GET
@login_required
def survey_results(request: AuthenticatedHttpRequest, survey_uuid: UUID) -> HttpResponse:
    survey = get_survey_for_user(request.user, survey_uuid)
    context = {
        "survey": survey,
        "programme": survey.programme,
        "is_coordinator": is_coordinator(request.user, survey.programme),
        "tables": selectors.survey_results(survey),
        **selectors.survey_counts(survey),
    }
    return render(request, "evaluation/survey_results.html", context)


@require_GET
@login_required
def survey_results_xlsx(request: AuthenticatedHttpRequest, survey_uuid: UUID) -> HttpResponse:
    """Every question's table, one sheet each: a CSV file can hold only one table."""
    survey = get_survey_for_user(request.user, survey_uuid)
    tables = selectors.survey_results(survey)
    record_event(actor=request.user, action="survey.export-xlsx", target=survey)
    return download(
        exports.tables_xlsx(tables), filename="tandem-survey-results.xlsx", content_type=XLSX
    )


@require_GET
@login_required
def health(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """Coordinators and the programme's leaders: scores and at-risk counts of people."""
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    summary = at_risk.stored_summary(programme)
    context = {
        "programme": programme,
        "features": summary.features,
        "computed_at": summary.computed_at,
        "reason_counts": summary.reason_counts,
        "total_people": summary.total_people,
        "num_relationships": summary.num_relationships,
        "is_coordinator": is_coordinator(request.user, programme),
    }
    return render(request, "evaluation/health.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def self_assessment(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, item_key: str
) -> HttpResponse:
    """Coordinators only: answer or correct one self-assessed item of the health check."""
    programme = get_programme_to_evaluate(request.user, programme_uuid)
    item = ITEMS_BY_KEY.get(item_key)
    if item is None or item.key not in SELF_ASSESSED:
        raise Http404
    current = SelfAssessment.objects.filter(programme=programme, item_key=item.key).first()
    initial = {"answer": current.answer, "evidence": current.evidence} if current else None
    form = SelfAssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        record_self_assessment(
            actor=request.user,
            programme=programme,
            item_key=item.key,
            answer=form.cleaned_data["answer"],
            evidence=form.cleaned_data["evidence"],
        )
        at_risk.forget_fingerprint(programme)
        messages.success(request, f"Your answer for “{item.title}” is saved.")
        return redirect(reverse("evaluation:health", args=[programme.uuid]) + f"#{item.key}")
    context = {"programme": programme, "item": item, "form": form, "current": current}
    return render(request, "evaluation/self_assessment_form.html", context)


@require_GET
@login_required
def at_risk_list(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """Coordinators only: the relationships that may need attention, filtered and paged."""
    programme = get_programme_to_evaluate(request.user, programme_uuid)
    form = AtRiskFilterForm(request.GET or None)
    chosen = form.chosen()
    flags = at_risk.stored_flags(programme)
    page = Paginator(
        at_risk.filter_flags(
            flags,
            reason=chosen.get("reason", ""),
            status=chosen.get("status", ""),
            relationship_ids=at_risk.relationships_named(programme, chosen["q"])
            if "q" in chosen
            else None,
        ),
        AT_RISK_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "rows": at_risk.rows_for(list(page.object_list)),
        "num_flagged": len(flags),
        "is_coordinator": True,
    }
    return render(request, "evaluation/at_risk_list.html", context)


@require_GET
@login_required
def report(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    built, snapshot = snapshots.stored_report(programme)
    context: dict[str, object] = {
        "programme": programme,
        "report": built,
        "snapshot": snapshot,
        "is_stale": snapshots.is_stale(snapshot),
        "refresh_status": snapshots.refresh_status(snapshot),
        "is_coordinator": is_coordinator(request.user, programme),
    }
    if built is not None:
        context["engagement_chart"] = bar_chart(built.engagement, [1, 2])
        context["self_direction_chart"] = bar_chart(built.self_direction, [1, 2])
    return render(request, "evaluation/report.html", context)


@require_POST
@login_required
def report_refresh(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    snapshots.request_refresh(programme=programme, force=True)
    record_event(actor=request.user, action="report.refresh", target=programme)
    messages.success(request, "The report is being brought up to date.")
    return redirect("evaluation:report", programme_uuid=programme.uuid)


@require_GET
@login_required
def report_status(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """The report's refresh status (the fragment the page polls); once the refresh is
    finished the page reloads itself to show the new figures."""
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    snapshot = snapshots.ReportSnapshot.objects.filter(programme=programme).first()
    status = snapshots.refresh_status(snapshot) if snapshot else None
    response = render(
        request,
        "evaluation/_report_status.html",
        {"programme": programme, "refresh_status": status},
    )
    if request.htmx and (status is None or status.is_final):
        response["HX-Refresh"] = "true"
    return response


def _report_to_download(programme: Programme) -> Report:
    """The stored report the page shows, or (before the first is stored) a fresh one."""
    built, _snapshot = snapshots.stored_report(programme)
    return built or build_report(programme)


@require_GET
@login_required
def report_csv(request: AuthenticatedHttpRequest, programme_uuid: UUID, table: str) -> HttpResponse:
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    found = _report_to_download(programme).table(table)
    if found is None:
        raise Http404
    record_event(actor=request.user, action="report.export-csv", target=programme, detail=table)
    return download(exports.table_csv(found), filename=f"tandem-{table}.csv", content_type=CSV)


@require_GET
@login_required
def report_pdf(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    features = at_risk.stored_summary(programme).features
    record_event(actor=request.user, action="report.export-pdf", target=programme)
    return download(
        exports.report_pdf(_report_to_download(programme), features),
        filename="tandem-programme-report.pdf",
        content_type=PDF,
    )


@require_POST
@login_required
def report_pdf_prepare(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """Build the report PDF in the background; its page shows progress, then the link."""
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    export = start_export(
        actor=request.user,
        kind=ExportKind.REPORT,
        file_format=ExportFormat.PDF,
        programme=programme,
        title=f"Programme report for {programme.name}",
    )
    return redirect(export)


@require_POST
@login_required
def survey_results_prepare(request: AuthenticatedHttpRequest, survey_uuid: UUID) -> HttpResponse:
    survey = get_survey_for_user(request.user, survey_uuid)
    export = start_export(
        actor=request.user,
        kind=ExportKind.SURVEY_RESULTS,
        file_format=ExportFormat.XLSX,
        programme=survey.programme,
        subject_uuid=survey.uuid,
        title=f"Results: {survey.title}",
    )
    return redirect(export)


@require_GET
@login_required
def pupil_outcomes_report(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """Impact for mentors and pupils: how many supporters keep their own learning (counted,
    never read), and class-level pupil outcomes before and after, aggregated across
    learners (seed 002 §3.5). Suppressed below 5; coordinators and leaders see aggregates."""
    programme = get_programme_to_evaluate(request.user, programme_uuid, aggregates_only=True)
    context = {
        "programme": programme,
        "measures": pupil_outcome_tables(programme),
        "own_learning": supporters_own_learning_table(programme),
    }
    return render(request, "evaluation/pupil_outcomes.html", context)
