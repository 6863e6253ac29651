from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from tandem.demo.dataset import DEMO_PASSWORD, demo_is_loaded, demo_sign_ins, load_demo


class Command(BaseCommand):
    help = "Migrate, load the demo dataset and serve it on http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="Do everything except start the server."
        )
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            message = (
                "The demo runs the development server: set TANDEM_DEBUG=1 (make demo does). "
                "Never load demo data into a production database."
            )
            raise CommandError(message)
        call_command("migrate", interactive=False, verbosity=0)
        if demo_is_loaded():
            self.stdout.write("Demo data is already loaded.")
        else:
            # The demo's history would otherwise print dozens of notification emails.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                load_demo()
            self.stdout.write(self.style.SUCCESS("Loaded the demo dataset."))
        port = options["port"]
        self.stdout.write(f"\nSign in at http://127.0.0.1:{port}/ with password {DEMO_PASSWORD}")
        for sign_in in demo_sign_ins():
            self.stdout.write(f"  {sign_in.role:<14} {sign_in.email:<34} {sign_in.name}")
        self.stdout.write(
            "  Coordinators, leaders and the administrator set up an authenticator app or a "
            "passkey when they first sign in."
        )
        if not options["no_serve"]:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
