"""Import jobs: upload → map columns → preview (dry run) → commit. Large files are checked
and committed by a background worker (tandem.imports.tasks); the page polls the job row.
The checking and committing themselves live in tandem.imports.processing, below the tasks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tandem.accounts.invitations import send_invitations
from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.imports import tasks
from tandem.imports.columns import COLUMNS, guess_mapping, missing_required
from tandem.imports.models import ImportJob
from tandem.imports.processing import run_commit, run_preview
from tandem.imports.reading import ImportFileError, profile_columns, read_table
from tandem.organisations.models import Membership, Organisation
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
    job = ImportJob(
        kind=kind,
        organisation=organisation,
        programme=programme,
        created_by=actor,
        file=upload,
        file_name=(upload.name or "import")[:200],
    )
    _read_headings(job, upload, heading_row=None)
    job.full_clean()
    job.save()
    return job


def _read_headings(job: ImportJob, handle: object, *, heading_row: int | None) -> None:
    """Find the headings, how the file is written, and profile its columns (rows are
    counted as they stream past, so a large file is never held in memory)."""
    try:
        table = read_table(handle, job.file_name, heading_row=heading_row)  # type: ignore[arg-type]
        profile = profile_columns(table.headers, table.rows)
    except ImportFileError as error:
        raise ValidationError(str(error)) from error
    finally:
        handle.seek(0)  # type: ignore[attr-defined]
    job.headers = table.headers
    job.mapping = guess_mapping(COLUMNS[job.kind], table.headers)
    job.encoding, job.delimiter = table.encoding, table.delimiter
    job.heading_row = table.heading_row
    job.skipped_rows = [text[:200] for text in table.skipped]
    job.column_profile = {"columns": profile["columns"]}
    job.total_rows = profile["total"]


def choose_heading_row(*, actor: User, job: ImportJob, heading_row: int) -> ImportJob:
    """Read the headings from the row the importer chose (its owner), and guess the column
    mapping again; the rows are checked once the mapping is confirmed."""
    if job.is_running or job.status == ImportJob.Status.COMMITTED:
        message = "This import can no longer be changed."
        raise ValidationError(message)
    with job.file.open("rb") as handle:
        _read_headings(job, handle, heading_row=heading_row)
    job.status = ImportJob.Status.MAPPING
    job.report, job.error, job.processed_rows = [], "", 0
    job.name_order, job.role_mapping = "", {}
    job.save()
    return job


def set_mapping(
    *,
    actor: User,
    job: ImportJob,
    mapping: dict[str, str],
    name_order: str | None = None,
    role_mapping: dict[str, str] | None = None,
) -> ImportJob:
    """Save the column mapping (and, for staff, the order of names written with a comma
    and the file's role values matched to Tandem's roles) and check every row, in the
    background if the file is large. None keeps the job's current choice."""
    mapping = {key: heading for key, heading in mapping.items() if heading in job.headers}
    missing = missing_required(COLUMNS[job.kind], mapping)
    if missing:
        raise ValidationError(f"Choose the column that holds: {', '.join(missing)}.")
    name_order = job.name_order if name_order is None else name_order
    name_heading = mapping.get("full_name", "")
    if name_heading in job.comma_name_headers and not name_order:
        message = (
            f"Most names in “{name_heading}” are written with a comma, like “Khan, Aisha”. "
            "Say which order they are in, so no one's name is turned round by mistake."
        )
        raise ValidationError(message)
    job.mapping = mapping
    job.name_order = name_order
    if role_mapping is not None:
        job.role_mapping = {
            value: role
            for value, role in role_mapping.items()
            if role in Membership.RoleCategory.values
        }
    job.status = ImportJob.Status.PREVIEWING
    job.processed_rows = 0
    job.error = ""
    job.full_clean(exclude=["file"])
    job.save(
        update_fields=[
            "mapping",
            "name_order",
            "role_mapping",
            "status",
            "processed_rows",
            "error",
            "updated_at",
        ]
    )
    _run(job, "preview")
    job.refresh_from_db()
    return job


def start_commit(
    *,
    actor: User,
    job: ImportJob,
    skip_rejected: bool = False,
    send_invitations: bool = True,
) -> ImportJob:
    """Import a previewed file (in the background if it is large): all or nothing unless
    the importer chose to import the valid rows and leave out the rejected ones. New
    people get an invitation email unless the importer said not to."""
    if job.status != ImportJob.Status.PREVIEWED or (job.num_rejected and not skip_rejected):
        message = "Only a checked file with no errors can be imported."
        raise ValidationError(message)
    if skip_rejected and not job.num_valid:
        message = "Every row of the file is rejected: there is nothing to import."
        raise ValidationError(message)
    job.status = ImportJob.Status.COMMITTING
    job.processed_rows = 0
    job.skip_rejected = skip_rejected
    job.send_invitations = send_invitations
    job.save(
        update_fields=[
            "status",
            "processed_rows",
            "skip_rejected",
            "send_invitations",
            "updated_at",
        ]
    )
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
    storage, name = job.file.storage, job.file.name or ""
    job.delete()
    if name:
        # Only once the row is gone for good: a rolled-back discard keeps its file.
        transaction.on_commit(lambda: storage.delete(name))


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


def invite_members(
    *, actor: User, organisation: Organisation, user_uuids: list[str] | None = None
) -> int:
    """Send (or send again) invitations to the organisation's current members who have not
    yet signed in: those chosen, or all of them; for its leaders. Returns how many."""
    members = User.objects.filter(
        memberships__organisation=organisation, memberships__ended_on__isnull=True
    ).distinct()
    if user_uuids is not None:
        members = members.filter(uuid__in=user_uuids)
    return send_invitations(actor=actor, users=members, organisation_name=organisation.name)
