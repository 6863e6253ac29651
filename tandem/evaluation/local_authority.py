"""A local authority's view of its schools' programmes (seed 002 §6, "for local
authorities"): names, dates, head counts and the health check's ratings, never a
relationship's content. Counts are of distinct people; the health check of a programme
with fewer than five participants is not shown, so no rating describes one or two people.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from tandem.evaluation.at_risk import HealthSummary, stored_summary
from tandem.evaluation.tables import is_small_group
from tandem.organisations.models import Organisation
from tandem.programmes.models import Enrolment, Programme

LEARNERS = [Enrolment.Role.MENTEE, Enrolment.Role.PEER]
SUPPORTERS = [Enrolment.Role.MENTOR, Enrolment.Role.PEER]


@dataclass(frozen=True)
class SchoolProgramme:
    programme: Programme
    schools: list[str]
    num_participants: int  # distinct approved people, any role
    num_learners: int
    num_mentors: int
    health: HealthSummary | None  # None: fewer than five participants, not shown

    @property
    def is_suppressed(self) -> bool:
        return self.health is None


def schools_programmes(authority: Organisation) -> list[SchoolProgramme]:
    """The programmes run for the authority's schools, with counts (two queries) and each
    shown programme's stored health check (cached; computed on a miss)."""
    approved = Q(enrolments__status=Enrolment.Status.APPROVED)
    programmes = list(
        Programme.objects.filter(organisations__parent=authority)
        .exclude(status=Programme.Status.DRAFT)
        .annotate(
            num_participants=Count("enrolments__user", filter=approved, distinct=True),
            num_learners=Count(
                "enrolments__user",
                filter=approved & Q(enrolments__role__in=LEARNERS),
                distinct=True,
            ),
            num_mentors=Count(
                "enrolments__user",
                filter=approved & Q(enrolments__role__in=SUPPORTERS),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "name")
        .distinct()
    )
    schools: dict[int, list[str]] = {}
    for programme_id, name in Organisation.objects.filter(
        parent=authority, programmes__in=programmes
    ).values_list("programmes", "name"):
        schools.setdefault(programme_id, []).append(name)
    return [
        SchoolProgramme(
            programme=programme,
            schools=sorted(schools.get(programme.pk, [])),
            num_participants=programme.num_participants,
            num_learners=programme.num_learners,
            num_mentors=programme.num_mentors,
            health=None
            if is_small_group(programme.num_participants)
            else stored_summary(programme),
        )
        for programme in programmes
    ]
