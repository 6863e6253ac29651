"""Background checks and commits for large imports (run workers with `tandem db_worker`)."""

from django_tasks import task

from tandem.imports import export_building, processing


@task()
def preview_import(job_id: int) -> None:
    processing.run_preview(job_id)


@task()
def commit_import(job_id: int) -> None:
    processing.run_commit(job_id)


@task()
def build_export(export_id: int) -> None:
    """Build a prepared export's file; its page shows this task's state meanwhile."""
    export_building.build_and_store(export_id)
