"""Recompute and store a programme's report snapshot: the work of the background task
`tandem.evaluation.tasks.refresh_report` (and of the reports bench). The pages read the
snapshot through `tandem.evaluation.snapshots`, which queues that task."""

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Count, Max, QuerySet, Value
from django.utils import timezone

from tandem.evaluation.models import Answer, Question, ReportSnapshot, Survey, SurveyResponse
from tandem.evaluation.reports import build_report
from tandem.evaluation.tables import table_to_json
from tandem.framework import keys
from tandem.framework.models import FrameworkItem
from tandem.organisations.models import Membership, Organisation
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Programme
from tandem.relationships.models import AgendaItem, Conversation, Relationship, RelationshipMember

# Raised whenever the report's rules change (disclosure control, statistics), so snapshots
# stored under the old rules are recomputed rather than shown.
REPORT_RULES_VERSION = "3"


def report_inputs(programme: Programme) -> dict[str, QuerySet]:
    """Every set of rows the report builders (tandem.evaluation.reports) read, by name.
    A new builder that reads another model must add it here, or its figures go stale."""
    in_programme = {"relationship_members__relationship__programme": programme}
    return {
        # The programme's own dates bound the engagement tables.
        "programme": Programme.objects.filter(pk=programme.pk),
        "relationships": Relationship.objects.filter(programme=programme),
        # Who learns and who supports (engagement by organisation, dose-response).
        "members": RelationshipMember.objects.filter(relationship__programme=programme),
        "conversations": Conversation.objects.filter(relationship__programme=programme),
        # Self-direction: who raised each agenda item.
        "agenda items": AgendaItem.objects.filter(
            conversation__relationship__programme=programme, conversation__deleted_at__isnull=True
        ),
        # Purposes (baseline, end, check-in) and the questions' keys and kinds.
        "surveys": Survey.objects.filter(programme=programme),
        "questions": Question.objects.filter(survey__programme=programme),
        "responses": SurveyResponse.objects.filter(survey__programme=programme),
        "answers": Answer.objects.filter(response__survey__programme=programme),
        # Engagement by organisation: the learners' current organisations and their names.
        "memberships": Membership.objects.filter(
            **{f"user__{key}": value for key, value in in_programme.items()}
        ),
        "organisations": Organisation.objects.filter(
            **{f"memberships__user__{key}": value for key, value in in_programme.items()}
        ),
        # Trained against untrained mentors.
        "training records": MentorTrainingRecord.objects.filter(
            **{f"profile__user__{key}": value for key, value in in_programme.items()}
        ),
        # The impact outcomes' titles label the impact and dose-response rows.
        "impact outcomes": FrameworkItem.objects.filter(kind=keys.Kind.IMPACT),
    }


def data_fingerprint(programme: Programme, today: dt.date | None = None) -> str:
    """Counts and latest changes of every input of the report (one query: a UNION of one
    aggregate per input), the rules' version and today's date (the engagement table runs
    to this month), hashed to fit the snapshot's field."""
    today = today or timezone.localdate()
    aggregates = [
        queryset.order_by()
        .annotate(input=Value(name))
        .values("input")
        .annotate(n=Count("pk", distinct=True), latest=Max("updated_at"))
        .values_list("input", "n", "latest")
        for name, queryset in report_inputs(programme).items()
    ]
    figures = {
        name: f"{n}@{latest.isoformat() if latest else '-'}"
        for name, n, latest in aggregates[0].union(*aggregates[1:], all=True)
    }
    parts = [f"{name}={figures.get(name, '0@-')}" for name in report_inputs(programme)]
    digest = hashlib.sha256(";".join(parts).encode()).hexdigest()
    return f"rules-{REPORT_RULES_VERSION};{today.isoformat()};{digest}"


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
