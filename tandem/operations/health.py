"""What `/health/ready` checks: each check is quick, names what is wrong in a few words and
never shows a secret or a stack trace (the endpoint is public, for load balancers)."""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone


@dataclass(frozen=True)
class Outcome:
    ok: bool
    detail: str
    milliseconds: float


def check_database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


@cache
def _expected_migrations() -> frozenset[tuple[str, str]]:
    """Every migration on disk; read once per process (the files do not change under it)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


def check_migrations() -> str | None:
    applied = set(MigrationRecorder(connection).applied_migrations())
    missing = len(_expected_migrations() - applied)
    return f"{missing} migrations not applied" if missing else None


def check_task_backlog() -> str | None:
    """The oldest task waiting to run: a dead or missing worker shows up here first."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - only with this backend

    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    if oldest is None:
        return None
    age = timezone.now() - oldest
    limit = timedelta(seconds=settings.TANDEM_HEALTH_MAX_BACKLOG_SECONDS)
    if age > limit:
        return f"oldest waiting task queued {int(age.total_seconds())} s ago"
    return None


def check_storage() -> str | None:
    """Write and delete a small file where uploads go."""
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    return None


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": check_database,
    "migrations": check_migrations,
    "task_backlog": check_task_backlog,
    "storage": check_storage,
}
# Checks that read the database are pointless once the database itself is unreachable.
NEEDS_DATABASE = {"migrations", "task_backlog"}


def run_checks() -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        if name in NEEDS_DATABASE and not outcomes["database"].ok:
            problem: str | None = "skipped: the database is unreachable"
        else:
            try:
                problem = check()
            except DatabaseError as error:
                problem = f"database error ({type(error).__name__})"
            except OSError as error:
                problem = f"cannot write ({type(error).__name__})"
            except Exception as error:  # noqa: BLE001 - any failure means "not ready", named
                problem = f"failed ({type(error).__name__})"
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        outcomes[name] = Outcome(ok=problem is None, detail=problem or "ok", milliseconds=elapsed)
    return outcomes
