"""Run the database task worker once inside a test, as `tandem worker` would.

The worker calls `close_old_connections()` as it wakes and between tasks. Inside a test
wrapped in a transaction that closes the connection the test is still using (PostgreSQL
notices; SQLite's in-memory database does not), so the helper keeps the connection open
for the test's duration. Everything else the worker does is unchanged.
"""

from unittest import mock

from django.core.management import call_command


def run_worker() -> None:
    """Run every queued task, then stop."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
