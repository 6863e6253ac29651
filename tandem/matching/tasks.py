"""Background matching runs (django-tasks; run workers with `tandem db_worker`)."""

from django_tasks import task

from tandem.matching.services.computation import execute_run


@task()
def compute_run(run_id: int) -> None:
    """Score, solve and explain a large run; the run page shows its progress meanwhile."""
    execute_run(run_id)
