import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from tandem.demo.dataset import DEMO_PASSWORD, demo_is_loaded, demo_sign_ins, load_demo

# The worker the deployment runs (deploy/systemd/tandem-worker.service), as a child process:
# without it report refreshes, large imports, matching runs and exports wait for ever.
WORKER_ARGUMENTS = ["worker", "--no-reload", "--no-startup-delay"]
# Seconds the worker may take to finish its current task after being asked to stop.
WORKER_STOP_SECONDS = 10


def launch_worker() -> subprocess.Popen[bytes]:
    """Start `tandem worker` with this process's settings (the process boundary tests fake)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    # Our own interpreter and fixed arguments: nothing comes from input.
    return subprocess.Popen([sys.executable, "-m", "tandem", *WORKER_ARGUMENTS], env=environment)  # noqa: S603


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """Ask the worker to stop (SIGTERM lets its task finish), and kill it if it will not."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


class Command(BaseCommand):
    help = (
        "Migrate, load the demo dataset and serve it on http://127.0.0.1:8000, with a "
        "background worker beside the server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="Do everything except start the server."
        )
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Serve without the background worker (run `tandem worker` yourself).",
        )

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
        if options["no_serve"]:
            return
        if options["no_worker"]:
            self.stdout.write("No background worker: reports and exports wait for `tandem worker`.")
            self.serve(port)
            return
        worker = launch_worker()
        self.stdout.write(f"Started the background worker (process {worker.pid}).")
        try:
            self.serve(port)
        finally:
            stop_worker(worker)
            self.stdout.write("Stopped the background worker.")

    def serve(self, port: int) -> None:
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
