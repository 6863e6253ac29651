import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.tasks import dispose


class Command(BaseCommand):
    help = (
        "Delete or anonymise what the retention schedule says has expired, and log it. "
        "Run nightly from a scheduler; --queue hands it to a background worker instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")
        parser.add_argument("--queue", action="store_true", help="run in a background task")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="as if on this date")

    def handle(self, *args, **options):
        today = options["today"]
        if options["queue"]:
            result = dispose.enqueue(today.isoformat() if today else None)
            self.stdout.write(self.style.SUCCESS(f"Queued disposal as task {result.id}."))
            return
        disposals = dispose_expired(today=today, dry_run=options["dry_run"])
        verb = "Would dispose of" if options["dry_run"] else "Disposed of"
        for disposal in disposals:
            self.stdout.write(
                f"{verb} {disposal.num_records} {disposal.model} "
                f"({disposal.rule.outcome}; {disposal.rule.period} before {disposal.cutoff_on})."
            )
        if not disposals:
            self.stdout.write("Nothing has expired.")
