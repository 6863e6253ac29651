""" "Needs your attention" on a coordinator's home page: for each programme they coordinate,
how many change requests, applications, unanswered mentee choices, unsigned agreements and
overdue check-ins are waiting, each with a link to the filtered list that shows them.

Counted in SQL in a fixed number of queries whatever the number of programmes or people:
the programmes, then one grouped count per kind (five). Lives here because it reads
programmes, relationships and matching, and operations sits above all three.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.matching.models import OfferStatus, RunStatus, ShortlistOffer
from tandem.operations.selectors import stuck_or_failed_tasks_for
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships import selectors as relationship_selectors


@dataclass(frozen=True)
class AttentionItem:
    """One count on the panel: what is waiting, how many, and the list that shows them."""

    key: str
    label: str
    count: int
    url: str


@dataclass
class ProgrammeAttention:
    programme: Programme
    items: list[AttentionItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(item.count for item in self.items)


@dataclass
class Attention:
    programmes: list[ProgrammeAttention] = field(default_factory=list)
    # Background tasks (report refreshes, imports, matching runs) that failed or stalled.
    tasks: list[AttentionItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(entry.total for entry in self.programmes) + sum(t.count for t in self.tasks)


def stopped_tasks(user: User) -> list[AttentionItem]:
    """Each stuck or failed task the user can act on (operations.selectors), as one line
    linking to the page that shows it and offers Retry."""
    items = []
    for task in stuck_or_failed_tasks_for(user):
        state = "failed" if task.status.state == "failed" else "stuck"
        label = f"{task.what}: {'failed' if state == 'failed' else 'has not finished'}"
        items.append(AttentionItem(key=f"task-{state}", label=label, count=1, url=task.url))
    return items


STUCK_OR_FAILED_TASKS: Callable[[User], list[AttentionItem]] = stopped_tasks


def _counts(queryset: QuerySet, programme_field: str) -> dict[int, int]:
    return dict(
        queryset.order_by()
        .values(programme_field)
        .annotate(num=Count("pk", distinct=True))
        .values_list(programme_field, "num")
    )


def needs_attention_for(user: User) -> Attention:
    """What is waiting in the live programmes the user coordinates. Queries: programmes;
    change requests; applications; mentee choices; unsigned agreements; overdue check-ins
    (none but the first when the user coordinates nothing)."""
    programmes = list(
        Programme.objects.coordinated_by(user)
        .exclude(status=Programme.Status.CLOSED)
        .only("pk", "uuid", "name", "meeting_every_days")
        .order_by("name")
    )
    attention = Attention(tasks=STUCK_OR_FAILED_TASKS(user))
    if not programmes:
        return attention
    ids = [programme.pk for programme in programmes]
    change_requests = _counts(
        relationship_selectors.open_change_requests_in(ids), "relationship__programme"
    )
    applications = _counts(
        Enrolment.objects.filter(programme__in=ids, status=Enrolment.Status.APPLIED), "programme"
    )
    choices = {}
    for row in (
        ShortlistOffer.objects.filter(
            run__programme__in=ids,
            run__status=RunStatus.OPEN,
            status=OfferStatus.CHOSEN,
            respond_by__gte=timezone.now(),
        )
        .order_by()
        .values("run__programme", "run__uuid")
        .annotate(num=Count("mentor", distinct=True))
    ):
        choices[row["run__programme"]] = (row["num"], row["run__uuid"])
    unsigned = _counts(relationship_selectors.unsigned_relationships(ids), "programme")
    overdue = _counts(relationship_selectors.overdue_check_ins(programmes), "programme")
    for programme in programmes:
        items = []
        overview = reverse("relationships:programme-overview", args=[programme.uuid])
        enrolments = reverse("programmes:enrolment-list", args=[programme.uuid])
        if change_requests.get(programme.pk):
            items.append(
                AttentionItem(
                    "change-requests",
                    "requests for a change of mentor",
                    change_requests[programme.pk],
                    f"{overview}?show=change-requests",
                )
            )
        if applications.get(programme.pk):
            items.append(
                AttentionItem(
                    "applications",
                    "applications awaiting your decision",
                    applications[programme.pk],
                    f"{enrolments}?needs_attention=on",
                )
            )
        if programme.pk in choices:
            num, run_uuid = choices[programme.pk]
            items.append(
                AttentionItem(
                    "mentor-choices",
                    "mentors who have not answered a mentee's choice",
                    num,
                    reverse("matching:run-detail", args=[run_uuid]),
                )
            )
        if unsigned.get(programme.pk):
            items.append(
                AttentionItem(
                    "unsigned",
                    "agreements not yet signed by everyone",
                    unsigned[programme.pk],
                    f"{overview}?show=unsigned",
                )
            )
        if overdue.get(programme.pk):
            items.append(
                AttentionItem(
                    "overdue",
                    "pairs overdue a check-in",
                    overdue[programme.pk],
                    f"{overview}?show=overdue",
                )
            )
        attention.programmes.append(ProgrammeAttention(programme, items))
    return attention
