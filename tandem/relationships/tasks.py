"""Background tasks (django-tasks, database backend; run workers with `tandem db_worker`)."""

from django_tasks import task

from tandem.locks import exclusive_or_skip
from tandem.relationships.reminders import send_due_reminders


@task()
def send_reminders() -> int:
    """Email due meeting, agreement and action reminders; safe to run as often as wanted.
    Two runs at once (two schedulers, two workers) would both find the same reminders due,
    so the second skips."""
    with exclusive_or_skip("send_reminders") as is_held:
        return send_due_reminders() if is_held else 0
