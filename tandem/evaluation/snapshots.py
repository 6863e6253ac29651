"""The stored programme report: computed in the background, read by the pages.

`build_report` scans every conversation, agenda item and answer in a programme, which
takes seconds for thousands of relationships; the report page must not (DESIGN.md: long
work does not block a request). The page reads the last snapshot, compares its
fingerprint with the programme's records and, when they have changed, shows the old
figures with their date while a refresh runs (django-tasks; tests run it immediately).
The refresh itself lives in `tandem.evaluation.refresh`, below the task that runs it.
"""

import datetime as dt
from dataclasses import fields

from django.utils import timezone

from tandem.evaluation import tasks
from tandem.evaluation.models import ReportSnapshot
from tandem.evaluation.refresh import data_fingerprint
from tandem.evaluation.reports import Report
from tandem.evaluation.tables import table_from_json
from tandem.programmes.models import Programme
from tandem.task_status import TaskStatus, give_up_waiting, task_status

# A refresh asked for this recently is still queued or running: do not ask again.
REFRESH_PENDING_FOR = dt.timedelta(minutes=10)


def request_refresh(*, programme: Programme, force: bool = False) -> None:
    """Queue a recomputation unless one was queued in the last few minutes; coordinators'
    and leaders' report pages call this."""
    now = timezone.now()
    snapshot, _created = ReportSnapshot.objects.get_or_create(programme=programme)
    pending = snapshot.refresh_requested_at
    is_recent = pending is not None and now - pending < REFRESH_PENDING_FOR
    # A refresh still in the queue (even a stuck one: only Retry replaces it) is not doubled.
    live = task_status(snapshot.refresh_task_id)
    if not force and (is_recent or (live is not None and not live.is_final)):
        return
    # A retry takes the old task off the queue first, so a late worker does not run both.
    give_up_waiting(snapshot.refresh_task_id)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(refresh_requested_at=now)
    # Not on_commit: the immediate backend (tests) then fills the snapshot before the page
    # reads it; the database backend stores the task in this same transaction.
    result = tasks.refresh_report.enqueue(programme.pk)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(refresh_task_id=str(result.id))


def refresh_status(snapshot: ReportSnapshot) -> TaskStatus | None:
    """The last refresh's real state (its queue row), or done when the snapshot was computed
    and the row is gone; None before anything was queued."""
    return task_status(snapshot.refresh_task_id, finished_at=snapshot.computed_at)


def stored_report(programme: Programme) -> tuple[Report | None, ReportSnapshot]:
    """The latest stored report (None while the first is computed) and its snapshot,
    asking for a refresh when the programme's records have changed since."""
    snapshot = ReportSnapshot.objects.filter(programme=programme).first()
    if (
        snapshot is None
        or snapshot.fingerprint != data_fingerprint(programme)
        # A snapshot stored before the report gained a table is out of date too.
        or (snapshot.tables is not None and len(snapshot.tables) != len(fields(Report)) - 1)
    ):
        request_refresh(programme=programme)
        snapshot = ReportSnapshot.objects.get(programme=programme)
    if snapshot.tables is None or len(snapshot.tables) != len(fields(Report)) - 1:
        return None, snapshot
    return Report(programme, *(table_from_json(data) for data in snapshot.tables)), snapshot


def is_stale(snapshot: ReportSnapshot) -> bool:
    return snapshot.refresh_requested_at is not None
