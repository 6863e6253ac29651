"""Who may see or change profiles and training records.

A profile is visible to its owner, to colleagues who share a current organisation or a
partnership, and to staff. Only its owner may change it. Diversity fields are visible to
the owner alone: they exist for matching preferences and aggregate reporting only.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.organisations.models import Membership
from tandem.people.models import MentorTrainingRecord, Profile


def shares_organisation(viewer: User, other: User) -> bool:
    """True when both people are current members of one organisation, or of one partnership."""
    viewer_orgs = Membership.objects.current().filter(user=viewer).values("organisation")
    viewer_partnerships = (
        Membership.objects.current()
        .filter(user=viewer)
        .values("organisation__partnership_memberships__partnership")
    )
    return (
        Membership.objects.current()
        .filter(user=other)
        .filter(
            Q(organisation__in=viewer_orgs)
            | Q(organisation__partnership_memberships__partnership__in=viewer_partnerships)
        )
        .exists()
    )


def people_visible_to(viewer: User) -> QuerySet[User]:
    """The active people whose profile the viewer may see (can_view_profile as a queryset):
    themself, current colleagues in one of their organisations or partnerships, or
    everyone for staff. What the person picker may offer."""
    active = User.objects.filter(is_active=True)
    if viewer.is_staff:
        return active
    mine = Membership.objects.current().filter(user=viewer)
    colleagues = Membership.objects.current().filter(
        Q(organisation__in=mine.values("organisation"))
        | Q(
            organisation__partnership_memberships__partnership__in=mine.values(
                "organisation__partnership_memberships__partnership"
            )
        )
    )
    return active.filter(Q(pk=viewer.pk) | Q(pk__in=colleagues.values("user")))


def can_view_profile(viewer: User | AnonymousUser, owner: User) -> bool:
    if not viewer.is_authenticated:
        return False
    return viewer.pk == owner.pk or viewer.is_staff or shares_organisation(viewer, owner)


def can_view_diversity(viewer: User | AnonymousUser, profile: Profile) -> bool:
    return viewer.is_authenticated and viewer.pk == profile.user_id


def get_profile_for_user(
    viewer: User | AnonymousUser, user_uuid: UUID, *, write: bool = False
) -> Profile:
    """404 unless the viewer may see the person; 403 to change someone else's profile."""
    owner = User.objects.filter(uuid=user_uuid, is_active=True).first()
    if owner is None or not can_view_profile(viewer, owner):
        raise Http404
    if write and viewer.pk != owner.pk:
        raise PermissionDenied
    profile, _created = Profile.objects.get_or_create(
        user=owner, defaults={"career_stage": Profile.CareerStage.OTHER_PROFESSIONAL}
    )
    return profile


def can_view_training_evidence(viewer: User | AnonymousUser, record: MentorTrainingRecord) -> bool:
    """Certificates carry personal details: the owner, staff, and the coordinators and
    leaders of the owner's organisations (who verify training) may open them."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == record.profile.user_id or viewer.is_staff:
        return True
    owner_orgs = (
        Membership.objects.current().filter(user_id=record.profile.user_id).values("organisation")
    )
    return (
        Membership.objects.current()
        .filter(
            user=viewer,
            organisation__in=owner_orgs,
            access__in=[Membership.Access.COORDINATOR, Membership.Access.LEADER],
        )
        .exists()
    )


def get_training_record_for_user(
    viewer: User | AnonymousUser, record_uuid: UUID, *, write: bool = False
) -> MentorTrainingRecord:
    """Training records follow their profile: colleagues read, only the owner changes."""
    record = (
        MentorTrainingRecord.objects.select_related("profile__user")
        .filter(uuid=record_uuid)
        .first()
    )
    if record is None or not can_view_profile(viewer, record.profile.user):
        raise Http404
    if write and viewer.pk != record.profile.user_id:
        raise PermissionDenied
    return record
