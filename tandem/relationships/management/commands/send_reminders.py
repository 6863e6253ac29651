from django.core.management.base import BaseCommand

from tandem.relationships.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder emails (upcoming meetings, unsigned agreements, overdue actions). "
        "Run it from a scheduler, for example hourly; `tandem db_worker` sends them."
    )

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(self.style.SUCCESS(f"Queued reminders as task {result.id}."))
