from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.privacy.services.subject_access import write_pack


class Command(BaseCommand):
    help = (
        "Write a subject-access pack (a ZIP of JSON files, a PDF summary and the person's "
        "uploaded files) for the person with this email address."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--out", required=True, type=Path, help="where to write the ZIP")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None:
            message = f"Nobody in Tandem has the email address {options['email']}."
            raise CommandError(message)
        out: Path = options["out"]
        if out.exists():
            message = f"{out} already exists: choose another file name."
            raise CommandError(message)
        with out.open("xb") as destination:
            num_records, num_files = write_pack(user, destination)
        AuditEvent.objects.create(
            action="subject-access.exported",
            object_type=user._meta.label_lower,
            object_uuid=user.uuid,
            detail="By the server's command line.",
        )
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {num_records} records and {num_files} files to {out}.")
        )
