"""Candidate impacts suggested from Tandem's own data, to help a team identify a case
(seed 000, "Mentoring and coaching in education practitioners' professional learning:
Realising research impact", Findings: identifying a suitable case).

For each programme of the case's organisations or partnership whose report the user may
see, three kinds of candidate:
- adoption: the programme took up an approach, with its model (002 §2.3's dimensions);
- reach: the distinct people taking part, their organisations and regions;
- measured effects: the impact rows of the programme's stored report, with their 95%
  intervals, as the report snapshot holds them (already suppressed below 5 people).

Reach counts distinct people and is withheld for fewer than 5. The page also shows the
reach of all the programmes together, so a withheld programme could be worked out by
subtraction: complementary suppression (tandem.evaluation.disclosure) hides enough other
programmes that the total only ever gives away a group of 5 or more.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.evaluation.disclosure import MIN_GROUP_SIZE, rows_to_suppress, total_is_shown
from tandem.evaluation.models import ReportSnapshot
from tandem.evaluation.tables import NOT_COMPUTABLE
from tandem.impact.models import EventKind, ImpactCaseStudy
from tandem.impact.policy import programmes_with_reports_for
from tandem.organisations.choices import Region
from tandem.programmes.models import Enrolment, Programme

WITHHELD = f"Fewer than {MIN_GROUP_SIZE} people: figures withheld"
IMPACT_TABLE = "impact"


@dataclass(frozen=True)
class Candidate:
    key: str  # stable within a page, to pick one in a form
    kind: str  # an EventKind
    programme: Programme | None
    happened_on: dt.date
    description: str
    figures: str
    figures_as_of: dt.date
    is_withheld: bool = False


@dataclass(frozen=True)
class Reach:
    people: set[int]
    organisations: set[int]
    regions: set[str]


def programmes_for_case(case: ImpactCaseStudy, user: User) -> QuerySet[Programme]:
    """The case's organisations' and partnership's programmes whose report `user` sees."""
    organisations = [
        case.lead_organisation_id,
        *case.partner_organisations.values_list("pk", flat=True),
    ]
    linked = Q(organisations__in=organisations)
    if case.partnership_id:
        linked |= Q(partnership_id=case.partnership_id)
    return (
        Programme.objects.filter(linked, pk__in=programmes_with_reports_for(user).values("pk"))
        .distinct()
        .order_by("name")
    )


def _reach(programmes: list[Programme]) -> dict[int, Reach]:
    """Distinct approved participants per programme, with their current organisations and
    those organisations' regions: one query."""
    reach: dict[int, Reach] = defaultdict(lambda: Reach(set(), set(), set()))
    rows = (
        Enrolment.objects.approved()
        .filter(programme__in=programmes)
        .filter(Q(user__memberships__ended_on__isnull=True))
        .values_list(
            "programme_id",
            "user_id",
            "user__memberships__organisation_id",
            "user__memberships__organisation__region",
        )
    )
    for programme_id, user_id, organisation_id, region in rows:
        entry = reach[programme_id]
        entry.people.add(user_id)
        if organisation_id is not None:
            entry.organisations.add(organisation_id)
            entry.regions.add(region)
    return reach


def _reach_figures(entry: Reach) -> str:
    regions = sorted(Region(region).label for region in entry.regions)
    return (
        f"{len(entry.people)} people taking part, from {len(entry.organisations)} "
        f"organisation{'s' if len(entry.organisations) != 1 else ''} in "
        f"{len(regions)} region{'s' if len(regions) != 1 else ''} ({', '.join(regions)})"
    )


def _reach_candidates(programmes: list[Programme], today: dt.date) -> list[Candidate]:
    reach = _reach(programmes)
    entries = [reach[programme.pk] for programme in programmes]

    def people_in(indexes: Collection[int]) -> int:
        return len(set().union(*(entries[index].people for index in indexes)))

    hidden = rows_to_suppress(
        [len(entry.people) for entry in entries], is_additive=True, people_in=people_in
    )
    candidates = []
    for index, (programme, entry) in enumerate(zip(programmes, entries, strict=True)):
        withheld = index in hidden
        candidates.append(
            Candidate(
                key=f"reach:{programme.uuid}",
                kind=EventKind.REACH,
                programme=programme,
                happened_on=today,
                description=f"Reach of {programme.name}",
                figures=WITHHELD if withheld else _reach_figures(entry),
                figures_as_of=today,
                is_withheld=withheld,
            )
        )
    if len(programmes) > 1:
        together = Reach(
            set().union(*(entry.people for entry in entries)),
            set().union(*(entry.organisations for entry in entries)),
            set().union(*(entry.regions for entry in entries)),
        )
        shown = total_is_shown([len(together.people)], set()) and len(hidden) != len(entries)
        candidates.append(
            Candidate(
                key="reach:all",
                kind=EventKind.REACH,
                programme=None,
                happened_on=today,
                description="Reach of these programmes together",
                figures=_reach_figures(together) if shown else WITHHELD,
                figures_as_of=today,
                is_withheld=not shown,
            )
        )
    return candidates


def _adoption(programme: Programme) -> Candidate:
    model = ", ".join(
        [
            programme.get_group_format_display(),
            programme.get_pairing_display(),
            programme.get_sector_mix_display(),
            programme.get_mentor_source_display(),
        ]
    )
    return Candidate(
        key=f"adoption:{programme.uuid}",
        kind=EventKind.ADOPTION,
        programme=programme,
        happened_on=programme.starts_on,
        description=f"{programme.name} adopted {programme.get_approach_display().lower()}",
        figures=f"Approach: {programme.get_approach_display()}. Model: {model}. "
        f"Runs {programme.starts_on:%-d %B %Y} to {programme.ends_on:%-d %B %Y}.",
        figures_as_of=programme.starts_on,
    )


def _effects(snapshot: ReportSnapshot) -> list[Candidate]:
    """The impact rows of a stored report with an interval, about 5 people or more."""
    tables = snapshot.tables or []
    impact = next((table for table in tables if table.get("key") == IMPACT_TABLE), None)
    if impact is None or snapshot.computed_at is None:
        return []
    measured_on = timezone.localdate(snapshot.computed_at)
    columns = impact["columns"][1:]
    candidates = []
    for index, (label, values, n, is_suppressed) in enumerate(impact["rows"]):
        by_column = dict(zip(columns, values, strict=False))
        interval = by_column.get("95% interval", NOT_COMPUTABLE)
        if is_suppressed or n < MIN_GROUP_SIZE or interval == NOT_COMPUTABLE:
            continue
        candidates.append(
            Candidate(
                key=f"effect:{snapshot.programme.uuid}:{index}",
                kind=EventKind.EFFECT,
                programme=snapshot.programme,
                happened_on=measured_on,
                description=f"Effect measured in {snapshot.programme.name}: {label}",
                figures=(
                    f"Mean change {by_column.get('Mean change')} "
                    f"(95% interval {interval}), effect size d_z "
                    f"{by_column.get('Effect size d_z')}, {n} people, baseline against end "
                    "of programme."
                ),
                figures_as_of=measured_on,
            )
        )
    return candidates


def candidates_for(case: ImpactCaseStudy, user: User) -> list[Candidate]:
    """Every candidate for the case that `user` may see: four queries whatever the size
    (programmes, organisations of the case, participants, snapshots)."""
    today = timezone.localdate()
    programmes = list(programmes_for_case(case, user))
    snapshots = ReportSnapshot.objects.filter(
        programme__in=programmes, computed_at__isnull=False
    ).select_related("programme")
    candidates = [_adoption(programme) for programme in programmes]
    for snapshot in snapshots:
        candidates += _effects(snapshot)
    return candidates + _reach_candidates(programmes, today) if programmes else candidates
