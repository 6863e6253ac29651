from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation
from tandem.organisations.selectors import with_work_details
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.people.policy import people_visible_to


@dataclass
class HomeSummary:
    """What the role-based home page shows, gathered in a fixed number of queries."""

    profile: Profile | None
    memberships: list[Membership]
    roles: list[str]
    led_organisations: list[Organisation] = field(default_factory=list)
    coordinated_organisations: list[Organisation] = field(default_factory=list)
    num_training_records: int = 0
    training_hours: Decimal = Decimal(0)
    profile_gaps: list[str] = field(default_factory=list)


def profile_gaps(profile: Profile | None) -> list[str]:
    """Profile facts matching will need that the person has not given yet."""
    if profile is None:
        return ["career stage", "phases", "subjects", "expertise or interests", "availability"]
    gaps = []
    if not profile.phases.exists():
        gaps.append("phases")
    if not profile.subjects.exists():
        gaps.append("subjects")
    if not (profile.expertise.exists() or profile.interests.exists()):
        gaps.append("expertise or interests")
    if not profile.availability:
        gaps.append("availability")
    if not profile.region:
        gaps.append("region")
    return gaps


def _organisations_with_stats(organisation_ids: list[int]) -> list[Organisation]:
    current = Q(memberships__ended_on__isnull=True)
    return list(
        Organisation.objects.filter(pk__in=organisation_ids)
        .annotate(
            num_members=Count("memberships", filter=current, distinct=True),
            num_willing_mentors=Count(
                "memberships",
                filter=current & Q(memberships__user__profile__is_open_to_mentoring=True),
                distinct=True,
            ),
            num_trained_mentors=Count(
                "memberships__user__profile__training_records__profile",
                filter=current,
                distinct=True,
            ),
        )
        .order_by("name")
    )


def home_summary(user: User) -> HomeSummary:
    profile = Profile.objects.filter(user=user).first()
    memberships = list(
        Membership.objects.current().filter(user=user).select_related("organisation")
    )
    led = [m.organisation_id for m in memberships if m.access == Membership.Access.LEADER]
    coordinated = [
        m.organisation_id for m in memberships if m.access == Membership.Access.COORDINATOR
    ]
    training = MentorTrainingRecord.objects.filter(profile__user=user).aggregate(
        num=Count("id"), hours=Sum("hours")
    )
    roles = []
    if led:
        roles.append("leader")
    if coordinated:
        roles.append("coordinator")
    if profile and (profile.is_open_to_mentoring or training["num"]):
        roles.append("mentor")
    roles.append("mentee")
    return HomeSummary(
        profile=profile,
        memberships=memberships,
        roles=roles,
        led_organisations=_organisations_with_stats(led) if led else [],
        coordinated_organisations=_organisations_with_stats(coordinated) if coordinated else [],
        num_training_records=training["num"],
        training_hours=training["hours"] or Decimal(0),
        profile_gaps=profile_gaps(profile),
    )


PERSON_SEARCH_LIMIT = 20
PERSON_SEARCH_MIN_LENGTH = 2


def search_people(viewer: User, text: str) -> QuerySet[User]:
    """People the viewer may see whose name or email contains `text` (two characters at
    least), with job title and organisation for their labels, at most
    PERSON_SEARCH_LIMIT of them. One query."""
    text = " ".join(text.split())
    if len(text) < PERSON_SEARCH_MIN_LENGTH:
        return User.objects.none()
    matches = Q()
    for word in text.split()[:4]:
        matches &= (
            Q(full_name__icontains=word)
            | Q(preferred_name__icontains=word)
            | Q(email__icontains=word)
        )
    return with_work_details(people_visible_to(viewer).filter(matches)).order_by(
        "full_name", "email"
    )[:PERSON_SEARCH_LIMIT]
