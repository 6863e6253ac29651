"""Import jobs: upload → map columns → preview (dry run) → commit. Large files are checked
and committed by a background worker (tandem.imports.tasks); the page polls the job row."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.imports.columns import COLUMNS, guess_mapping, missing_required
from tandem.imports.enrolments import commit_enrolments, plan_enrolments
from tandem.imports.models import ImportJob
from tandem.imports.people import RowPlan, commit_people, plan_people, report_counts
from tandem.imports.reading import ImportFileError, read_table
from tandem.organisations.models import Organisation
from tandem.programmes.models import Programme


def start_import(
    *,
    actor: User,
    kind: str,
    upload: UploadedFile,
    organisation: Organisation | None = None,
    programme: Programme | None = None,
) -> ImportJob:
    """Store the file and guess its column mapping; the view has checked the actor may
    import into the organisation (leaders, staff) or programme (coordinators)."""
    content = upload.read()
    upload.seek(0)
    try:
        headers, rows = read_table(content, upload.name or "")
    except ImportFileError as error:
        raise ValidationError(str(error)) from error
    job = ImportJob(
        kind=kind,
        organisation=organisation,
        programme=programme,
        created_by=actor,
        file=upload,
        file_name=(upload.name or "import")[:200],
        headers=headers,
        mapping=guess_mapping(COLUMNS[kind], headers),
        total_rows=len(rows),
    )
    job.full_clean()
    job.save()
    return job


def set_mapping(*, actor: User, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    """Save the column mapping and check every row (in the background if the file is large)."""
    mapping = {key: heading for key, heading in mapping.items() if heading in job.headers}
    missing = missing_required(COLUMNS[job.kind], mapping)
    if missing:
        raise ValidationError(f"Choose the column that holds: {', '.join(missing)}.")
    job.mapping = mapping
    job.status = ImportJob.Status.PREVIEWING
    job.processed_rows = 0
    job.error = ""
    job.save(update_fields=["mapping", "status", "processed_rows", "error", "updated_at"])
    _run(job, "preview")
    job.refresh_from_db()
    return job


def start_commit(*, actor: User, job: ImportJob) -> ImportJob:
    """Import a previewed file with no rejected rows (in the background if it is large)."""
    if job.status != ImportJob.Status.PREVIEWED or job.num_rejected:
        message = "Only a checked file with no errors can be imported."
        raise ValidationError(message)
    job.status = ImportJob.Status.COMMITTING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows", "updated_at"])
    _run(job, "commit")
    job.refresh_from_db()
    return job


def _run(job: ImportJob, step: str) -> None:
    from tandem.imports import tasks  # noqa: PLC0415 - tasks import this module

    if job.total_rows <= settings.TANDEM_IMPORT_INLINE_ROWS:
        (run_preview if step == "preview" else run_commit)(job.pk)
    else:
        task = tasks.preview_import if step == "preview" else tasks.commit_import
        transaction.on_commit(lambda: task.enqueue(job.pk))


def _mapped_rows(job: ImportJob) -> tuple[list[dict[str, str]], dict[str, str]]:
    with job.file.open("rb") as handle:
        headers, rows = read_table(handle.read(), job.file_name)
    index = {heading: position for position, heading in enumerate(headers)}
    mapped = [
        {key: row[index[heading]] for key, heading in job.mapping.items() if heading in index}
        for row in rows
    ]
    headings = {
        column.key: job.mapping.get(column.key, column.heading) for column in COLUMNS[job.kind]
    }
    return mapped, headings


def _plan(job: ImportJob, *, progress: bool) -> list[RowPlan]:
    rows, headings = _mapped_rows(job)

    def report_progress(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    if job.kind == ImportJob.Kind.PEOPLE:
        assert job.organisation is not None  # noqa: S101 - the model's check constraint
        return plan_people(
            actor=job.created_by,
            organisation=job.organisation,
            rows=rows,
            headings=headings,
            progress=report_progress if progress else None,
        )
    assert job.programme is not None  # noqa: S101 - the model's check constraint
    return plan_enrolments(programme=job.programme, rows=rows, headings=headings)


def _store_report(job: ImportJob, plans: list[RowPlan], status: str, error: str = "") -> None:
    counts = report_counts(plans)
    job.report = [plan.as_report() for plan in plans]
    job.num_create = counts["create"]
    job.num_update = counts["update"]
    job.num_unchanged = counts["unchanged"]
    job.num_rejected = counts["reject"]
    job.processed_rows = len(plans)
    job.total_rows = len(plans)
    job.status = status
    job.error = error
    job.save()


def run_preview(job_id: int) -> None:
    """Check every row and store the report; changes nothing else."""
    job = ImportJob.objects.select_related("organisation", "programme", "created_by").get(pk=job_id)
    try:
        plans = _plan(job, progress=True)
    except ImportFileError as error:
        job.status, job.error = ImportJob.Status.FAILED, str(error)
        job.save(update_fields=["status", "error", "updated_at"])
        return
    _store_report(job, plans, ImportJob.Status.PREVIEWED)


def run_commit(job_id: int) -> None:
    """Check the rows again (the database may have changed) and apply them all, or none."""
    job = ImportJob.objects.select_related("organisation", "programme", "created_by").get(pk=job_id)
    plans = _plan(job, progress=False)
    try:
        if job.kind == ImportJob.Kind.PEOPLE:
            assert job.organisation is not None  # noqa: S101 - the model's check constraint
            commit_people(actor=job.created_by, organisation=job.organisation, plans=plans)
        else:
            assert job.programme is not None  # noqa: S101 - the model's check constraint
            commit_enrolments(actor=job.created_by, programme=job.programme, plans=plans)
    except ValidationError as error:
        _store_report(job, plans, ImportJob.Status.FAILED, " ".join(error.messages)[:500])
        return
    _store_report(job, plans, ImportJob.Status.COMMITTED)
    job.committed_at = timezone.now()
    job.save(update_fields=["committed_at", "updated_at"])
