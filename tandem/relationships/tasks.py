"""Background tasks (django-tasks, database backend; run workers with `tandem db_worker`)."""

from django_tasks import task

from tandem.relationships.reminders import send_due_reminders


@task()
def send_reminders() -> int:
    """Email due meeting, agreement and action reminders; safe to run as often as wanted."""
    return send_due_reminders()
