from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.accounts.models import User
from tandem.privacy.services.erasure import erase_person, is_erased


class Command(BaseCommand):
    help = (
        "Erase a person: replace their name with a pseudonym, close their account, delete "
        "their files and private notes and the free text of their records, keeping "
        "anonymised figures. Cannot be undone: asks first unless --yes is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        email = options["email"].strip()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            message = f"Nobody in Tandem has the email address {email}."
            raise CommandError(message)
        if is_erased(user):
            message = f"{email} has already been erased."
            raise CommandError(message)
        if not options["yes"]:
            answer = input(
                f"Erase {user.full_name} <{user.email}>? This cannot be undone. "
                "Type the email address to confirm: "
            )
            if answer.strip().lower() != user.email.lower():
                message = "Not erased: the address typed did not match."
                raise CommandError(message)
        pseudonym = erase_person(actor=None, subject=user)
        self.stdout.write(self.style.SUCCESS(f"Erased. The person now appears as {pseudonym}."))
