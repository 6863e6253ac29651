"""Background checks and commits for large imports (run workers with `tandem db_worker`)."""

from django_tasks import task

from tandem.imports import processing


@task()
def preview_import(job_id: int) -> None:
    processing.run_preview(job_id)


@task()
def commit_import(job_id: int) -> None:
    processing.run_commit(job_id)
