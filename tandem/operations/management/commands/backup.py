from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tandem.locks import exclusive_or_skip
from tandem.operations.backups import BackupError, backup_name, make_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the database and every uploaded file (key: "
        "TANDEM_BACKUP_KEY) to TANDEM_BACKUP_DIR, keeping the newest TANDEM_BACKUP_KEEP."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Write to this file instead (nothing is pruned).")

    def handle(self, *args, **options):
        with exclusive_or_skip("backup") as is_held:
            if not is_held:  # another scheduler's timer fired too: its backup will do
                self.stdout.write("Another backup is running; this one is skipped.")
                return
            folder = Path(settings.TANDEM_BACKUP_DIR)
            output = Path(options["output"]) if options["output"] else folder / backup_name()
            try:
                manifest = make_backup(output)
            except BackupError as error:
                raise CommandError(str(error)) from error
            rows = sum(manifest["counts"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up {rows} rows and {len(manifest['files'])} files to {output}."
                )
            )
            if not options["output"]:
                for path in prune_backups(folder, settings.TANDEM_BACKUP_KEEP):
                    self.stdout.write(f"Deleted the old backup {path.name}.")
