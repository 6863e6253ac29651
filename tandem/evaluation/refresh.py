"""Recompute and store a programme's report snapshot: the work of the background task
`tandem.evaluation.tasks.refresh_report` (and of the reports bench). The pages read the
snapshot through `tandem.evaluation.snapshots`, which queues that task."""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from tandem.evaluation.models import ReportSnapshot, SurveyResponse
from tandem.evaluation.reports import build_report
from tandem.evaluation.tables import table_to_json
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, Relationship

# Raised whenever the report's rules change (disclosure control, statistics), so snapshots
# stored under the old rules are recomputed rather than shown.
REPORT_RULES_VERSION = "2"


def data_fingerprint(programme: Programme, today: dt.date | None = None) -> str:
    """Counts and latest changes of what the report reads (three aggregate queries), and
    today's date (the engagement table runs to this month)."""
    today = today or timezone.localdate()
    parts = [f"rules-{REPORT_RULES_VERSION}", today.isoformat()]
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
