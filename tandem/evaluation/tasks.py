"""Background tasks (django-tasks, database backend; run workers with `tandem db_worker`)."""

from django_tasks import task

from tandem.evaluation.refresh import refresh_report_snapshot
from tandem.programmes.models import Programme


@task()
def refresh_report(programme_id: int) -> None:
    """Recompute a programme's stored report; queued by the report page when stale."""
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is not None:
        refresh_report_snapshot(programme=programme)
