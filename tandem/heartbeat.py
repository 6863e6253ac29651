"""A running background job says it is alive: a thread touches the job row's `heartbeat_at`
every TANDEM_TASK_HEARTBEAT_SECONDS while the work runs. A worker killed mid-job stops the
beat, so a sweep can tell an abandoned job from a slow one."""

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)


@contextmanager
def heartbeat(rows: QuerySet) -> Iterator[None]:
    """Keep `rows`' heartbeat_at fresh until the block ends (a thread with its own
    database connection, so it beats while the job's own transaction is open)."""
    rows.update(heartbeat_at=timezone.now())
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.TANDEM_TASK_HEARTBEAT_SECONDS):
                try:
                    rows.update(heartbeat_at=timezone.now())
                except DatabaseError:
                    logger.warning("Could not record a heartbeat; trying again shortly.")
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name="tandem-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def stale_before() -> dt.datetime:
    """Jobs last heard from before this moment were abandoned by their worker."""
    return timezone.now() - dt.timedelta(seconds=settings.TANDEM_TASK_STALE_SECONDS)
