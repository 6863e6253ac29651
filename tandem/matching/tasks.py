"""Background matching runs (django-tasks; run workers with `tandem db_worker`)."""

from django_tasks import task

from tandem.matching import services


@task()
def compute_run(run_id: int) -> None:
    """Score, solve and explain a large run; the run page shows its progress meanwhile."""
    services.execute_run(run_id)
