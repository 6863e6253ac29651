"""`tandem worker`: django-tasks-db's worker, kept alive through database restarts."""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

logger = logging.getLogger("tandem.operations.worker")

# Seconds to wait before reconnecting: doubling from the first to the last.
FIRST_WAIT, LONGEST_WAIT = 1.0, 30.0


class Command(DatabaseWorkerCommand):
    help = (
        "Run background tasks, as `db_worker` does, but wait and reconnect when the database "
        "goes away (a PostgreSQL restart or failover) instead of exiting. Takes db_worker's "
        "options."
    )

    def handle(self, *args, **options):
        wait = FIRST_WAIT
        while True:
            started = time.monotonic()
            try:
                super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                # The worker's task (if any) is failed by the sweep when its heartbeat stops.
                logger.warning(
                    "Lost the database (%s); reconnecting in %.0f s.", type(error).__name__, wait
                )
                for connection in connections.all(initialized_only=True):
                    connection.close_if_unusable_or_obsolete()
                    connection.close()
                time.sleep(wait)
                close_old_connections()
                # A worker that ran a while before losing the database starts afresh.
                ran_for = time.monotonic() - started
                wait = FIRST_WAIT if ran_for > LONGEST_WAIT else min(wait * 2, LONGEST_WAIT)
                continue
            return
