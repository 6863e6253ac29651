from django.db.models import Count, Q, QuerySet

from tandem.accounts.models import User
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import programmes_visible_to


def programme_list_for_user(user: User) -> QuerySet[Programme]:
    """Programmes the user coordinates, is enrolled in or may apply to, with head counts
    (one query)."""
    approved = Q(enrolments__status=Enrolment.Status.APPROVED)
    return (
        Programme.objects.filter(pk__in=programmes_visible_to(user).values("pk"))
        .annotate(
            num_mentors=Count(
                "enrolments",
                filter=approved & Q(enrolments__role__in=["mentor", "peer"]),
                distinct=True,
            ),
            num_mentees=Count(
                "enrolments",
                filter=approved & Q(enrolments__role__in=["mentee", "peer"]),
                distinct=True,
            ),
            is_coordinated=Count("coordinators", filter=Q(coordinators=user), distinct=True),
        )
        .order_by("-starts_on", "name")
    )


# The enrolment page's filters (?status=…): "awaiting" is what "Needs your attention"
# counts as waiting for a decision.
ENROLMENT_FILTERS: dict[str, tuple[str, ...]] = {
    "awaiting": (Enrolment.Status.APPLIED,),
    "invited": (Enrolment.Status.INVITED,),
    "approved": (Enrolment.Status.APPROVED,),
    "closed": (Enrolment.Status.DECLINED, Enrolment.Status.WITHDRAWN),
}
ENROLMENT_FILTER_LABELS = {
    "": "Everyone",
    "awaiting": "Applied, awaiting a decision",
    "invited": "Invited, not yet accepted",
    "approved": "Approved",
    "closed": "Declined or withdrawn",
}


def enrolments_for_programme(
    programme: Programme, *, statuses: tuple[str, ...] | None = None
) -> list[Enrolment]:
    enrolments = Enrolment.objects.filter(programme=programme)
    if statuses:
        enrolments = enrolments.filter(status__in=statuses)
    return list(
        enrolments.select_related("user", "decided_by").order_by(
            "status", "role", "user__full_name"
        )
    )
