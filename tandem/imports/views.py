from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.http import AuthenticatedHttpRequest
from tandem.imports import export_files, exports
from tandem.imports.columns import COLUMNS, ignored_headers
from tandem.imports.forms import (
    CommitForm,
    HeadingRowForm,
    MappingForm,
    StaffMappingForm,
    UploadForm,
)
from tandem.imports.models import ExportKind, ImportJob
from tandem.imports.policy import get_export_for_user, get_job_for_user
from tandem.imports.processing import fail_abandoned_jobs, rejected_rows
from tandem.imports.selectors import members_with_sign_in, sign_in_help
from tandem.imports.services import (
    choose_heading_row,
    discard_job,
    invite_members,
    job_task_status,
    retry_job,
    set_mapping,
    start_commit,
    start_import,
)
from tandem.organisations.policy import get_organisation_for_user
from tandem.programmes.policy import get_programme_for_user

FORMATS = {"csv", "xlsx"}


def _upload(request: AuthenticatedHttpRequest, target: object, **job: object) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = start_import(actor=request.user, upload=form.cleaned_data["file"], **job)  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(created)
    context = {"form": form, "target": target, "kind": job["kind"]}
    return render(request, "imports/upload.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def people_import(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_uuid, write=True)
    return _upload(request, organisation, kind=ImportJob.Kind.PEOPLE, organisation=organisation)


@require_http_methods(["GET", "POST"])
@login_required
def enrolment_import(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    return _upload(request, programme, kind=ImportJob.Kind.ENROLMENTS, programme=programme)


@require_http_methods(["GET", "POST"])
@login_required
def job_detail(request: AuthenticatedHttpRequest, job_uuid: UUID) -> HttpResponse:
    job = get_job_for_user(request.user, job_uuid)
    if job.is_running and fail_abandoned_jobs(jobs=ImportJob.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    form = _mapping_form(job, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            set_mapping(
                actor=request.user,
                job=job,
                mapping=form.mapping(),
                name_order=form.cleaned_data.get("name_order", ""),
                role_mapping=form.role_mapping(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(job)
    context = {
        "job": job,
        "form": form,
        "target": job.organisation or job.programme,
        "task_state": job_task_status(job),
        "heading_form": HeadingRowForm(initial={"heading_row": job.heading_row}),
        "commit_form": CommitForm(),
        "sign_in_help": sign_in_help(job.organisation) if job.organisation else None,
        "invitation_days": settings.TANDEM_INVITATION_DAYS,
        "ignored_headers": ignored_headers(job.headers, job.mapping),
    }
    return render(request, "imports/job_detail.html", context)


def _mapping_form(job: ImportJob, data: object) -> MappingForm:
    columns, headers = COLUMNS[job.kind], job.headers
    if job.kind == ImportJob.Kind.PEOPLE:
        return StaffMappingForm(
            data, job=job, initial=job.mapping, columns=columns, headers=headers
        )
    return MappingForm(data, initial=job.mapping, columns=columns, headers=headers)


@require_POST
@login_required
def job_heading_row(request: AuthenticatedHttpRequest, job_uuid: UUID) -> HttpResponse:
    """The importer says which row holds the headings (Tandem looks for it first)."""
    job = get_job_for_user(request.user, job_uuid)
    form = HeadingRowForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the row number of the headings, for example 3.")
        return redirect(job)
    try:
        choose_heading_row(
            actor=request.user, job=job, heading_row=form.cleaned_data["heading_row"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(job)


@require_GET
@login_required
def job_rejected(request: AuthenticatedHttpRequest, job_uuid: UUID) -> HttpResponse:
    """The rejected rows of a checked file, as a CSV with the reason for each."""
    job = get_job_for_user(request.user, job_uuid)
    if job.status not in {ImportJob.Status.PREVIEWED, ImportJob.Status.COMMITTED}:
        raise Http404
    headers, rows = rejected_rows(job)
    stem = job.file_name.rsplit(".", 1)[0][:60]
    return exports.render(headers, rows, file_format="csv", file_stem=f"{stem}-rejected-rows")


@require_POST
@login_required
def job_commit(request: AuthenticatedHttpRequest, job_uuid: UUID) -> HttpResponse:
    job = get_job_for_user(request.user, job_uuid)
    form = CommitForm(request.POST)
    form.is_valid()  # two optional check boxes: always valid
    try:
        job = start_commit(
            actor=request.user,
            job=job,
            skip_rejected=form.cleaned_data.get("valid_only", False),
            send_invitations=form.cleaned_data.get("send_invitations", False),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if job.status == ImportJob.Status.COMMITTED:
            people = "person" if job.num_invited == 1 else "people"
            invited = f" Emailed {job.num_invited} new {people} an invitation." * bool(
                job.num_invited
            )
            messages.success(request, f"Imported.{invited}")
    return redirect(job)


@require_http_methods(["GET", "POST"])
@login_required
def invitations(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    """Leaders see who has accepted their invitation, and send or resend invitations."""
    organisation = get_organisation_for_user(request.user, organisation_uuid, write=True)
    if request.method == "POST":
        chosen = None if "everyone" in request.POST else request.POST.getlist("person")
        sent = invite_members(actor=request.user, organisation=organisation, user_uuids=chosen)
        if sent:
            messages.success(request, f"Sent {sent} invitation{'s' if sent != 1 else ''}.")
        else:
            messages.error(request, "No one to invite: choose people who have not signed in yet.")
        return redirect("imports:invitations", organisation_uuid=organisation.uuid)
    context = {
        "organisation": organisation,
        "members": members_with_sign_in(organisation),
        "sign_in_help": sign_in_help(organisation),
        "invitation_days": settings.TANDEM_INVITATION_DAYS,
    }
    return render(request, "imports/invitations.html", context)


@require_POST
@login_required
def job_retry(request: AuthenticatedHttpRequest, job_uuid: UUID) -> HttpResponse:
    job = get_job_for_user(request.user, job_uuid)
    try:
        retry_job(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(job)


@require_http_methods(["GET", "POST"])
@login_required
def job_discard(request: AuthenticatedHttpRequest, job_uuid: UUID) -> HttpResponse:
    """Asks first: the uploaded file is deleted for good."""
    job = get_job_for_user(request.user, job_uuid)
    target = job.organisation or job.programme
    assert target is not None  # noqa: S101 - the model's check constraint
    if request.method == "POST":
        try:
            discard_job(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(job)
        messages.success(request, f"Discarded the import of {job.file_name}.")
        return redirect(target)
    return render(request, "imports/job_discard.html", {"job": job, "target": target})


@require_GET
@login_required
def template_download(
    request: AuthenticatedHttpRequest, kind: str, file_format: str
) -> HttpResponse:
    if kind not in COLUMNS or file_format not in FORMATS:
        raise Http404
    return exports.render(
        exports.template_headers(kind),
        exports.template_example(kind),
        file_format=file_format,
        file_stem=f"tandem-{kind}-template",
    )


def _check_format(file_format: str) -> None:
    if file_format not in FORMATS:
        raise Http404


@require_GET
@login_required
def people_export(
    request: AuthenticatedHttpRequest, organisation_uuid: UUID, file_format: str
) -> HttpResponse:
    _check_format(file_format)
    organisation = get_organisation_for_user(request.user, organisation_uuid, write=True)
    record_event(actor=request.user, action="export.people", target=organisation)
    return exports.render(
        exports.template_headers("people"),
        exports.people_rows(organisation),
        file_format=file_format,
        file_stem="people",
    )


PROGRAMME_EXPORTS = {
    "enrolments": (exports.ENROLMENT_HEADERS, exports.enrolment_rows),
    "relationships": (exports.RELATIONSHIP_HEADERS, exports.relationship_rows),
}


def _programme_export(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, file_format: str, kind: str
) -> HttpResponse:
    """Coordinators export a programme's enrolments or relationship metadata."""
    _check_format(file_format)
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    record_event(actor=request.user, action=f"export.{kind}", target=programme)
    headers, rows = PROGRAMME_EXPORTS[kind]
    return exports.render(headers, rows(programme), file_format=file_format, file_stem=kind)


@require_GET
@login_required
def enrolment_export(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, file_format: str
) -> HttpResponse:
    return _programme_export(request, programme_uuid, file_format, "enrolments")


@require_GET
@login_required
def relationship_export(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, file_format: str
) -> HttpResponse:
    return _programme_export(request, programme_uuid, file_format, "relationships")


@require_GET
@login_required
def goal_export(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    _check_format(file_format)
    record_event(actor=request.user, action="export.goals", target=request.user)
    return exports.render(
        exports.GOAL_HEADERS,
        exports.goal_rows(request.user),
        file_format=file_format,
        file_stem="my-goals",
    )


# Whole-programme and whole-organisation exports, built in the background (a programme's
# rows take seconds): the button starts one, its page shows progress and then the link.


def _prepare(request: AuthenticatedHttpRequest, file_format: str, **export: object) -> HttpResponse:
    created = export_files.start_export(actor=request.user, file_format=file_format, **export)  # type: ignore[arg-type]
    return redirect(created)


@require_POST
@login_required
def enrolment_export_prepare(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, file_format: str
) -> HttpResponse:
    _check_format(file_format)
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    title = f"Enrolments in {programme.name}"
    return _prepare(
        request, file_format, kind=ExportKind.ENROLMENTS, programme=programme, title=title
    )


@require_POST
@login_required
def relationship_export_prepare(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, file_format: str
) -> HttpResponse:
    _check_format(file_format)
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    title = f"Relationships in {programme.name}"
    return _prepare(
        request, file_format, kind=ExportKind.RELATIONSHIPS, programme=programme, title=title
    )


@require_POST
@login_required
def people_export_prepare(
    request: AuthenticatedHttpRequest, organisation_uuid: UUID, file_format: str
) -> HttpResponse:
    _check_format(file_format)
    organisation = get_organisation_for_user(request.user, organisation_uuid, write=True)
    title = f"People in {organisation.name}"
    return _prepare(
        request, file_format, kind=ExportKind.PEOPLE, organisation=organisation, title=title
    )


@require_GET
@login_required
def export_detail(request: AuthenticatedHttpRequest, export_uuid: UUID) -> HttpResponse:
    """The export's progress, then its download link; htmx polls the status fragment and
    the page reloads when the export is ready or has failed."""
    export = get_export_for_user(request.user, export_uuid)
    status = export_files.export_status(export)
    context = {
        "export": export,
        "export_status": status,
        "is_downloadable": export_files.is_downloadable(export),
    }
    if request.htmx:
        response = render(request, "imports/_export_status.html", context)
        if status is None or status.is_final:
            response["HX-Refresh"] = "true"
        return response
    return render(request, "imports/export_detail.html", context)


@require_GET
@login_required
def export_download(request: AuthenticatedHttpRequest, export_uuid: UUID) -> FileResponse:
    export = get_export_for_user(request.user, export_uuid)
    if not export_files.is_downloadable(export):
        raise Http404
    record_event(
        actor=request.user, action="export.download", target=export.target, detail=export.kind
    )
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file_name)


@require_POST
@login_required
def export_retry(request: AuthenticatedHttpRequest, export_uuid: UUID) -> HttpResponse:
    export = get_export_for_user(request.user, export_uuid)
    try:
        export_files.retry_export(actor=request.user, export=export)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "The export is being prepared again.")
    return redirect(export)
