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


def programme_enrolments(
    programme: Programme, *, q: str = "", status: str = "", needs_attention: bool = False
) -> QuerySet[Enrolment]:
    """The enrolment list's filters: a name containing `q`, a status, and those awaiting
    a decision (applications) as "needs attention"."""
    enrolments = Enrolment.objects.filter(programme=programme)
    if q:
        enrolments = enrolments.filter(user__full_name__icontains=q)
    if status:
        enrolments = enrolments.filter(status=status)
    if needs_attention:
        enrolments = enrolments.filter(status=Enrolment.Status.APPLIED)
    return enrolments.select_related("user", "decided_by").order_by(
        "status", "role", "user__full_name"
    )


def enrolments_for_programme(programme: Programme) -> list[Enrolment]:
    enrolments = Enrolment.objects.filter(programme=programme)
    return list(
        enrolments.select_related("user", "decided_by").order_by(
            "status", "role", "user__full_name"
        )
    )
