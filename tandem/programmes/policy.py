"""Who may see or run a programme.

- Coordinators (the programme's steering group) see and change everything about the
  programme and its enrolments, but never the content of relationships (see
  relationships.policy).
- People enrolled (in any state) and current members of the programme's organisations or
  partnership see the programme's description, so they can apply or accept an invitation.
- Nobody else learns it exists (404).
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment, PlannedActivity, Programme, Spending


def can_create_programme(user: User | AnonymousUser) -> bool:
    """Programme coordinators and organisation leaders may set up programmes."""
    return user.is_authenticated and coordinating_memberships(user).exists()


def coordinating_memberships(user: User) -> "QuerySet[Membership]":
    return Membership.objects.current().filter(
        user=user, access__in=[Membership.Access.COORDINATOR, Membership.Access.LEADER]
    )


def is_coordinator(user: User | AnonymousUser, programme: Programme) -> bool:
    return user.is_authenticated and programme.coordinators.filter(pk=user.pk).exists()


def require_coordinator(actor: User, programme: Programme) -> None:
    """Services' guard: only the programme's coordinators may run this change."""
    if not is_coordinator(actor, programme):
        message = "Only the programme's coordinators may do this."
        raise PermissionError(message)


def can_see_programme(user: User | AnonymousUser, programme: Programme) -> bool:
    if not user.is_authenticated:
        return False
    if is_coordinator(user, programme):
        return True
    if Enrolment.objects.filter(programme=programme, user=user).exists():
        return True
    if programme.status == Programme.Status.DRAFT:
        return False
    return (
        Membership.objects.current()
        .filter(user=user)
        .filter(
            Q(organisation__programmes=programme)
            | Q(organisation__partnership_memberships__partnership__programmes=programme)
        )
        .exists()
    )


def get_programme_for_user(
    user: User | AnonymousUser, programme_uuid: UUID, *, write: bool = False
) -> Programme:
    """404 unless the user may see the programme; 403 to change it unless a coordinator."""
    programme = Programme.objects.filter(uuid=programme_uuid).first()
    if programme is None or not can_see_programme(user, programme):
        raise Http404
    if write and not is_coordinator(user, programme):
        raise PermissionDenied
    return programme


def get_enrolment_for_user(
    user: User | AnonymousUser, enrolment_uuid: UUID, *, write: bool = False
) -> Enrolment:
    """The enrolled person and coordinators see an enrolment; only coordinators decide it."""
    enrolment = (
        Enrolment.objects.select_related("programme", "user").filter(uuid=enrolment_uuid).first()
    )
    if enrolment is None or not user.is_authenticated:
        raise Http404
    coordinator = is_coordinator(user, enrolment.programme)
    if not coordinator and enrolment.user_id != user.pk:
        raise Http404
    if write and not coordinator:
        raise PermissionDenied
    return enrolment


def programmes_visible_to(user: User) -> "QuerySet[Programme]":
    memberships = Membership.objects.current().filter(user=user)
    return Programme.objects.filter(
        Q(coordinators=user)
        | Q(enrolments__user=user)
        | (
            ~Q(status=Programme.Status.DRAFT)
            & (
                Q(organisations__in=memberships.values("organisation"))
                | Q(partnership__members__organisation__in=memberships.values("organisation"))
            )
        )
    ).distinct()


# Funding plans (scheme rules, seed 002 §2.3.5): the participant and the programme's
# coordinators keep a plan; nobody else learns it exists.


def get_funding_enrolment_for_user(user: User | AnonymousUser, enrolment_uuid: UUID) -> Enrolment:
    """404 unless the user is the participant or a coordinator, and the enrolment is an
    approved learner's in a programme that gives an allowance. Both may write."""
    enrolment = (
        Enrolment.objects.select_related("programme", "user")
        .filter(
            uuid=enrolment_uuid,
            status=Enrolment.Status.APPROVED,
            role__in=[Enrolment.Role.MENTEE, Enrolment.Role.PEER],
            programme__allowance_per_term__isnull=False,
        )
        .first()
    )
    if enrolment is None or not user.is_authenticated:
        raise Http404
    if enrolment.user_id != user.pk and not is_coordinator(user, enrolment.programme):
        raise Http404
    return enrolment


def get_funding_line_for_user(
    user: User | AnonymousUser, kind: str, line_uuid: UUID
) -> "PlannedActivity | Spending":
    """A planned activity or spending line, for whoever may keep its plan (else 404)."""
    line: PlannedActivity | Spending | None
    if kind == "activity":
        line = PlannedActivity.objects.filter(uuid=line_uuid).select_related("enrolment").first()
    elif kind == "spending":
        line = Spending.objects.filter(uuid=line_uuid).select_related("enrolment").first()
    else:
        raise Http404
    if line is None:
        raise Http404
    get_funding_enrolment_for_user(user, line.enrolment.uuid)
    return line
