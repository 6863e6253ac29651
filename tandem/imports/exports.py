"""CSV and XLSX exports (and the import templates), written by tandem.spreadsheets, so a
name cannot smuggle a formula into a spreadsheet and dates and numbers keep their types."""

from collections.abc import Iterable, Sequence

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.http import CSV, download
from tandem.imports.columns import COLUMNS
from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import Goal, Relationship, RelationshipMember
from tandem.spreadsheets import XLSX, csv_bytes, xlsx_bytes

Row = Sequence[object]
CONTENT_TYPES = {
    "csv": CSV,
    "xlsx": XLSX,
}


def export_content(headers: Row, rows: Iterable[Row], *, file_format: str, title: str) -> bytes:
    """The rows as CSV (UTF-8 with BOM, for Excel) or XLSX (one sheet named `title`)."""
    all_rows = [headers, *rows]
    return xlsx_bytes([(title, all_rows)]) if file_format == "xlsx" else csv_bytes(all_rows)


def render(headers: Row, rows: Iterable[Row], *, file_format: str, file_stem: str) -> HttpResponse:
    """A download of the rows as CSV (UTF-8 with BOM, for Excel) or XLSX."""
    content = export_content(headers, rows, file_format=file_format, title=file_stem)
    return download(
        content, filename=f"{file_stem}.{file_format}", content_type=CONTENT_TYPES[file_format]
    )


def template_headers(kind: str) -> list[str]:
    return [column.heading for column in COLUMNS[kind] if column.in_template]


def template_example(kind: str) -> list[list[str]]:
    if kind == "people":
        return [
            [
                "a.khan@example.org",
                "Aisha Khan",
                "",
                "Head of science",
                "Middle leader",
                "Member",
                "",
                "2019-09-01",
            ],
            [
                "t.jones@example.org",
                "Tom Jones",
                "",
                "Teacher of science",
                "Teacher",
                "Member",
                "a.khan@example.org",
                "01/09/2024",
            ],
        ]
    return [["t.jones@example.org", "Mentee"], ["a.khan@example.org", "Mentor"]]


def people_rows(organisation: Organisation) -> list[list[object]]:
    """The organisation's current members, in the people import's own columns (round trip)."""
    memberships = (
        Membership.objects.current()
        .filter(organisation=organisation)
        .select_related("user", "line_manager")
        .order_by("user__full_name", "user__email")
    )
    return [
        [
            membership.user.email,
            membership.user.full_name,
            organisation.official_identifier or organisation.name,
            membership.job_title,
            membership.get_role_category_display(),
            membership.get_access_display(),
            membership.line_manager.email if membership.line_manager else "",
            membership.started_on or "",
        ]
        for membership in memberships
    ]


ENROLMENT_HEADERS = ["Email", "Role", "Full name", "Status", "Decided on"]


def enrolment_rows(programme: Programme) -> list[list[object]]:
    enrolments = Enrolment.objects.filter(programme=programme).select_related("user")
    return [
        [
            enrolment.user.email,
            enrolment.get_role_display(),
            enrolment.user.full_name,
            enrolment.get_status_display(),
            timezone.localdate(enrolment.decided_at) if enrolment.decided_at else "",
        ]
        for enrolment in enrolments.order_by("role", "user__full_name")
    ]


RELATIONSHIP_HEADERS = [
    "Relationship id",
    "Status",
    "Started on",
    "Ended on",
    "End reason",
    "Supporting",
    "Learning",
    "Conversations held",
]


def relationship_rows(programme: Programme) -> list[list[object]]:
    """Metadata only, as coordinators see it: never the content of the record."""
    relationships: QuerySet[Relationship] = (
        Relationship.objects.filter(programme=programme)
        .annotate(
            # A join bypasses Conversation's manager: a deleted conversation must not count.
            num_held=Count(
                "conversations",
                filter=Q(conversations__status="held", conversations__deleted_at__isnull=True),
            )
        )
        .prefetch_related(
            Prefetch("members", queryset=RelationshipMember.objects.select_related("user"))
        )
        .order_by("created_at")
    )
    rows = []
    for relationship in relationships:
        members = list(relationship.members.all())
        rows.append(
            [
                relationship.uuid,
                relationship.get_status_display(),
                relationship.started_on or "",
                relationship.ended_on or "",
                relationship.get_end_reason_display() if relationship.end_reason else "",
                "; ".join(m.user.full_name for m in members if m.is_supporting),
                "; ".join(
                    m.user.full_name for m in members if m.is_learning and not m.is_supporting
                ),
                relationship.num_held,  # type: ignore[attr-defined]
            ]
        )
    return rows


GOAL_HEADERS = ["Programme", "Title", "Status", "Target date", "Why it matters", "Success criteria"]


def goal_rows(user: User) -> list[list[object]]:
    """The person's own goals (the learner owns them)."""
    goals = Goal.objects.filter(owner=user).select_related("relationship__programme")
    return [
        [
            goal.relationship.programme.name,
            goal.title,
            goal.get_status_display(),
            goal.target_on,
            goal.why_it_matters,
            goal.success_criteria,
        ]
        for goal in goals.order_by("target_on", "created_at")
    ]
