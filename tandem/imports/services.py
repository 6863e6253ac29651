"""Import jobs: upload → map columns → preview (dry run) → commit. Large files are checked
and committed by a background worker (tandem.imports.tasks); the page polls the job row.
The checking and committing themselves live in tandem.imports.processing, below the tasks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.imports import tasks
from tandem.imports.columns import COLUMNS, guess_mapping, missing_required
from tandem.imports.models import ImportJob
from tandem.imports.processing import run_commit, run_preview
from tandem.imports.reading import ImportFileError, iter_table
from tandem.organisations.models import Organisation
from tandem.programmes.models import Programme
from tandem.task_status import TaskStatus, give_up_waiting, task_status


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
    try:
        # Counted as they stream past, so a large file is never held in memory.
        headers, rows = iter_table(upload, upload.name or "")
        total_rows = sum(1 for _row in rows)
    except ImportFileError as error:
        raise ValidationError(str(error)) from error
    upload.seek(0)
    job = ImportJob(
        kind=kind,
        organisation=organisation,
        programme=programme,
        created_by=actor,
        file=upload,
        file_name=(upload.name or "import")[:200],
        headers=headers,
        mapping=guess_mapping(COLUMNS[kind], headers),
        total_rows=total_rows,
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


def retry_job(*, actor: User, job: ImportJob) -> ImportJob:
    """Check a failed job's rows again with its column mapping (its owner); a clean check
    can then be imported as usual."""
    if job.is_running:
        return _retry_stuck(actor=actor, job=job)
    if job.status != ImportJob.Status.FAILED:
        message = "Only an import that failed can be tried again."
        raise ValidationError(message)
    # A job failed for want of a worker still has its task queued: not both, later.
    give_up_waiting(job.task_id)
    record_event(actor=actor, action="import.retry", target=job)
    return set_mapping(actor=actor, job=job, mapping=job.mapping)


def _retry_stuck(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue again a check or import no worker ever started (safe: no row was touched);
    one that started is left to the sweep, which fails it when its heartbeat stops."""
    status = task_status(job.task_id)
    if status is None or status.state != "stuck" or not status.was_waiting:
        message = "This import is still running; wait for it to finish or fail."
        raise ValidationError(message)
    give_up_waiting(job.task_id)
    record_event(actor=actor, action="import.retry", target=job)
    _run(job, "preview" if job.status == ImportJob.Status.PREVIEWING else "commit")
    return job


def job_task_status(job: ImportJob) -> TaskStatus | None:
    """The queued check or import's real state, while the job runs (the page shows it)."""
    return task_status(job.task_id) if job.is_running else None


def discard_job(*, actor: User, job: ImportJob) -> None:
    """Delete a job that is not running, and its uploaded file (its owner)."""
    if job.is_running:
        message = "This import is still running; wait for it to finish or fail."
        raise ValidationError(message)
    job.file.delete(save=False)
    job.delete()


def _run(job: ImportJob, step: str) -> None:
    if job.total_rows <= settings.TANDEM_IMPORT_INLINE_ROWS:
        (run_preview if step == "preview" else run_commit)(job.pk)
    else:
        task = tasks.preview_import if step == "preview" else tasks.commit_import

        def enqueue() -> None:
            result = task.enqueue(job.pk)
            # The job's page shows this task's real state (tandem.task_status).
            ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))

        transaction.on_commit(enqueue)
