"""The stored programme report: computed in the background, read by the pages.

`build_report` scans every conversation, agenda item and answer in a programme, which
takes seconds for thousands of relationships; the report page must not (DESIGN.md: long
work does not block a request). The page reads the last snapshot, compares its
fingerprint with the programme's records and, when they have changed, shows the old
figures with their date while a refresh runs (django-tasks; tests run it immediately).
"""

import datetime as dt
from dataclasses import fields

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from tandem.evaluation.models import ReportSnapshot, SurveyResponse
from tandem.evaluation.reports import Report, build_report
from tandem.evaluation.tables import table_from_json, table_to_json
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, Relationship

# A refresh asked for this recently is still queued or running: do not ask again.
REFRESH_PENDING_FOR = dt.timedelta(minutes=10)


def data_fingerprint(programme: Programme, today: dt.date | None = None) -> str:
    """Counts and latest changes of what the report reads (three aggregate queries), and
    today's date (the engagement table runs to this month)."""
    today = today or timezone.localdate()
    parts = [today.isoformat()]
    for queryset in (
        Relationship.objects.filter(programme=programme),
        Conversation.objects.filter(relationship__programme=programme),
        SurveyResponse.objects.filter(survey__programme=programme),
    ):
        figures = queryset.aggregate(n=Count("pk"), latest=Max("updated_at"))
        latest = figures["latest"].isoformat() if figures["latest"] else "-"
        parts.append(f"{figures['n']}@{latest}")
    return ";".join(parts)


def refresh_report_snapshot(*, programme: Programme) -> ReportSnapshot:
    """Compute the report and store it; the background task (and the bench) call this."""
    fingerprint = data_fingerprint(programme)  # taken first: later changes make it stale
    report = build_report(programme)
    with transaction.atomic():
        snapshot, _created = ReportSnapshot.objects.select_for_update().get_or_create(
            programme=programme
        )
        snapshot.tables = [table_to_json(table) for table in report.tables]
        snapshot.fingerprint = fingerprint
        snapshot.computed_at = timezone.now()
        snapshot.refresh_requested_at = None
        snapshot.save(
            update_fields=[
                "tables",
                "fingerprint",
                "computed_at",
                "refresh_requested_at",
                "updated_at",
            ]
        )
    return snapshot


def request_refresh(*, programme: Programme, force: bool = False) -> None:
    """Queue a recomputation unless one was queued in the last few minutes; coordinators'
    and leaders' report pages call this."""
    from tandem.evaluation.tasks import refresh_report  # noqa: PLC0415 - tasks import us

    now = timezone.now()
    snapshot, _created = ReportSnapshot.objects.get_or_create(programme=programme)
    pending = snapshot.refresh_requested_at
    if pending and now - pending < REFRESH_PENDING_FOR and not force:
        return
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(refresh_requested_at=now)
    # Not on_commit: the immediate backend (tests) then fills the snapshot before the page
    # reads it; the database backend stores the task in this same transaction.
    refresh_report.enqueue(programme.pk)


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
