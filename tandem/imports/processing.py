"""Check an import job's rows and store the report, or apply them all: the work of the
background tasks in tandem.imports.tasks, and of tandem.imports.services for small files."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.imports.columns import COLUMNS
from tandem.imports.enrolments import commit_enrolments, plan_enrolments
from tandem.imports.models import ImportJob
from tandem.imports.people import RowPlan, commit_people, plan_people, report_counts
from tandem.imports.reading import ImportFileError, read_table


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
