from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tandem.locks import exclusive_or_skip
from tandem.operations.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace this installation's database and uploaded files with a backup made by "
        "`tandem backup` (decrypted with TANDEM_BACKUP_KEY), then check every table's row "
        "count. Stop the app servers and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup file.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation (for scripts and restore drills).",
        )

    def handle(self, *args, **options):
        path = Path(options["backup"])
        if not path.is_file():
            message = f"There is no backup at {path}."
            raise CommandError(message)
        database = connection.settings_dict["NAME"]
        if options["interactive"]:
            answer = input(
                f"This replaces everything in the database {database} and the uploaded files "
                "with the backup's. Type 'restore' to go on: "
            )
            if answer.strip() != "restore":
                raise CommandError("Nothing was changed.")
        with exclusive_or_skip("restore") as is_held:
            if not is_held:
                raise CommandError("Another restore is running.")
            try:
                restored = restore_backup(path)
            except BackupError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(restored.counts.values())} rows and {restored.num_files} files "
                f"from {path.name}; every table's row count matches the backup."
            )
        )
