from django.core.management.base import BaseCommand

from tandem.locks import exclusive_or_skip
from tandem.operations.sweep import sweep


class Command(BaseCommand):
    help = (
        "Fail imports, matching runs and queued tasks whose worker stopped (their owners can "
        "then try again or discard them). Run it every few minutes from the scheduler."
    )

    def handle(self, *args, **options):
        with exclusive_or_skip("sweep_tasks") as is_held:
            if not is_held:
                self.stdout.write("Another sweep is running; nothing done.")
                return
            counts = sweep()
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Failed abandoned work: {summary}."))
