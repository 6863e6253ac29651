"""Check an import job's rows and store the report, or apply them all: the work of the
background tasks in tandem.imports.tasks, and of tandem.imports.services for small files."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.invitations import send_invitations
from tandem.accounts.models import User
from tandem.heartbeat import heartbeat, stale_before
from tandem.imports.columns import COLUMNS
from tandem.imports.enrolments import commit_enrolments, plan_enrolments
from tandem.imports.models import ImportJob
from tandem.imports.people import (
    CHUNK,
    Progress,
    RowPlan,
    chunked,
    commit_people,
    plan_people,
    report_counts,
)
from tandem.imports.reading import ImportFileError, read_table

logger = logging.getLogger(__name__)


def _headings(job: ImportJob) -> dict[str, str]:
    return {column.key: job.mapping.get(column.key, column.heading) for column in COLUMNS[job.kind]}


def _read(job: ImportJob, handle: Any) -> Any:
    return read_table(handle, job.file_name, heading_row=job.heading_row, encoding=job.encoding)


def _mapped_rows(job: ImportJob) -> Iterator[dict[str, str]]:
    """The file's data rows as field key → text, read from storage one row at a time."""
    with job.file.open("rb") as handle:
        table = _read(job, handle)
        index = {heading: position for position, heading in enumerate(table.headers)}
        columns = [
            (key, index[heading]) for key, heading in job.mapping.items() if heading in index
        ]
        for row in table.rows:
            yield {key: row[position] for key, position in columns}


def _progress(job: ImportJob, start: int = 0, share: float = 1.0) -> Progress:
    """Records rows done on the job (the page shows it), `start + share * done`."""

    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            processed_rows=min(start + int(share * done), job.total_rows),
            heartbeat_at=timezone.now(),
        )

    return report


def _plan(job: ImportJob, progress: Progress | None) -> list[RowPlan]:
    rows, headings = _mapped_rows(job), _headings(job)
    if job.kind == ImportJob.Kind.PEOPLE:
        assert job.organisation is not None  # noqa: S101 - the model's check constraint
        return plan_people(
            actor=job.created_by,
            organisation=job.organisation,
            rows=rows,
            headings=headings,
            progress=progress,
            first_row=job.heading_row + 1,
            surname_first=job.name_order == ImportJob.NameOrder.SURNAME_FIRST,
            role_mapping=job.role_mapping,
        )
    assert job.programme is not None  # noqa: S101 - the model's check constraint
    return plan_enrolments(
        programme=job.programme, rows=rows, headings=headings, first_row=job.heading_row + 1
    )


def _inviter(job: ImportJob) -> Any:
    """Sends the new people of a staff import their invitations (when the importer chose
    to), a chunk of addresses at a time; returns how many were invited."""
    if not job.send_invitations:
        return None
    organisation = job.organisation
    assert organisation is not None  # noqa: S101 - the model's check constraint

    def invite(emails: list[str]) -> int:
        return sum(
            send_invitations(
                actor=job.created_by,
                users=User.objects.filter(email__in=chunk),
                organisation_name=organisation.name,
            )
            for chunk in chunked(emails, CHUNK)
        )

    return invite


def rejected_rows(job: ImportJob) -> tuple[list[str], Iterator[list[str]]]:
    """The rejected rows of a checked file as the file holds them, each with its row number
    and the reasons, so the importer can fix them and import them again."""
    plans = _plan(job, None)
    reasons = {
        plan.row: "; ".join(f"{error['column']}: {error['message']}" for error in plan.errors)
        for plan in plans
        if plan.action == "reject"
    }

    def rows() -> Iterator[list[str]]:
        with job.file.open("rb") as handle:
            table = _read(job, handle)
            for number, row in enumerate(table.rows, start=table.first_row):
                if number in reasons:
                    yield [*row, str(number), reasons[number]]

    with job.file.open("rb") as handle:
        headers = _read(job, handle).headers
    return [*headers, "Row", "Why it was rejected"], rows()


# The report lists at most this many rows: every rejected row first (up to the limit), then
# the others in file order; the page says how many more rows the counts include.
REPORT_LIMIT = 1000


def bounded_report(plans: list[RowPlan], limit: int = REPORT_LIMIT) -> list[dict[str, Any]]:
    """At most `limit` report entries in row order, rejected rows first to fill them."""
    listed = [plan for plan in plans if plan.action == "reject"][:limit]
    if len(listed) < limit:
        room = limit - len(listed)
        listed += [plan for plan in plans if plan.action != "reject"][:room]
    listed.sort(key=lambda plan: plan.row)
    return [plan.as_report() for plan in listed]


def _store_report(job: ImportJob, plans: list[RowPlan], status: str, error: str = "") -> None:
    counts = report_counts(plans)
    job.report = bounded_report(plans)
    job.num_create = counts["create"]
    job.num_update = counts["update"]
    job.num_unchanged = counts["unchanged"]
    job.num_rejected = counts["reject"]
    job.processed_rows = len(plans)
    job.total_rows = len(plans)
    job.status = status
    job.error = error
    job.save()


STEP_NAMES = {"preview": "checking", "commit": "importing"}
UNEXPECTED = (
    "Something went wrong while {step} the file ({error}), so nothing was imported. "
    "Try again; if it happens again, tell your administrator."
)
ABANDONED = (
    "The worker {step} this file stopped (last heard from on {when}), so nothing was "
    "imported. Try again, or discard the import."
)


@contextmanager
def _failing_visibly(job: ImportJob, step: str) -> Iterator[None]:
    """Any error the checks did not expect fails the job with a message its owner sees (and
    the task, for the administrator's logs), rather than leaving it 'checking rows'."""
    try:
        with heartbeat(ImportJob.objects.filter(pk=job.pk)):
            yield
    except Exception as error:
        logger.exception("Import job %s failed while %s", job.pk, STEP_NAMES[step])
        message = UNEXPECTED.format(step=STEP_NAMES[step], error=type(error).__name__)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, error=message[:500], updated_at=timezone.now()
        )
        raise


def run_preview(job_id: int) -> None:
    """Check every row and store the report; changes nothing else."""
    job = ImportJob.objects.select_related("organisation", "programme", "created_by").get(pk=job_id)
    with _failing_visibly(job, "preview"):
        try:
            plans = _plan(job, _progress(job))
        except ImportFileError as error:
            job.status, job.error = ImportJob.Status.FAILED, str(error)
            job.save(update_fields=["status", "error", "updated_at"])
            return
        _store_report(job, plans, ImportJob.Status.PREVIEWED)


def run_commit(job_id: int) -> None:
    """Check the rows again (the database may have changed) and apply them all, or none."""
    job = ImportJob.objects.select_related("organisation", "programme", "created_by").get(pk=job_id)
    with _failing_visibly(job, "commit"):
        # Checking again is the first half of the progress bar, saving the second.
        plans = _plan(job, _progress(job, share=0.5))
        try:
            if job.kind == ImportJob.Kind.PEOPLE:
                assert job.organisation is not None  # noqa: S101 - the model's check constraint
                counts = commit_people(
                    actor=job.created_by,
                    organisation=job.organisation,
                    plans=plans,
                    progress=_progress(job, start=job.total_rows // 2, share=0.5),
                    skip_rejected=job.skip_rejected,
                    invite=_inviter(job),
                )
                job.num_invited = counts["invited"]
            else:
                assert job.programme is not None  # noqa: S101 - the model's check constraint
                accepted = [plan for plan in plans if plan.action != "reject"]
                commit_enrolments(
                    actor=job.created_by,
                    programme=job.programme,
                    plans=accepted if job.skip_rejected else plans,
                )
        except ValidationError as error:
            _store_report(job, plans, ImportJob.Status.FAILED, " ".join(error.messages)[:500])
            return
        _store_report(job, plans, ImportJob.Status.COMMITTED)
        job.committed_at = timezone.now()
        job.save(update_fields=["committed_at", "num_invited", "updated_at"])


def fail_abandoned_jobs(*, jobs: QuerySet[ImportJob] | None = None) -> int:
    """Fail jobs still checking or importing whose worker stopped beating (the import is
    all or nothing, so nothing was saved); returns how many. Called by `tandem
    sweep_tasks` and on the job's page."""
    stalled = (jobs if jobs is not None else ImportJob.objects.all()).filter(
        Q(heartbeat_at__lt=stale_before())
        | Q(heartbeat_at__isnull=True, updated_at__lt=stale_before()),
        status__in=[ImportJob.Status.PREVIEWING, ImportJob.Status.COMMITTING],
    )
    failed = 0
    for job in stalled.only("pk", "status", "heartbeat_at", "updated_at"):
        last_heard = timezone.localtime(job.heartbeat_at or job.updated_at)
        step = STEP_NAMES["preview" if job.status == ImportJob.Status.PREVIEWING else "commit"]
        failed += ImportJob.objects.filter(
            pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at
        ).update(
            status=ImportJob.Status.FAILED,
            error=ABANDONED.format(step=step, when=last_heard.strftime("%-d %B %Y at %H:%M")),
            updated_at=timezone.now(),
        )
    return failed
