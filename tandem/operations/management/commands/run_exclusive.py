from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from tandem.locks import exclusive_or_skip


class Command(BaseCommand):
    help = (
        "Run another tandem command unless one of the same name is already running anywhere "
        "(a database lock), e.g. `tandem run_exclusive dispose` from every scheduler machine."
    )

    def add_arguments(self, parser):
        parser.add_argument("command_name", help="The tandem command to run.")
        parser.add_argument("arguments", nargs="*", help="Its arguments.")

    def handle(self, *args, **options):
        name = options["command_name"]
        if name not in get_commands():
            message = f"There is no tandem command called {name!r}."
            raise CommandError(message)
        with exclusive_or_skip(f"command-{name}") as is_held:
            if not is_held:
                self.stdout.write(f"{name} is already running elsewhere; skipped.")
                return
            call_command(name, *options["arguments"], stdout=self.stdout, stderr=self.stderr)
