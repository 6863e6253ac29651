"""Who may see or change an evidence base.

- The review team: the moderator (the lead) sets the base up, manages the team, imports
  and exports sources, moderates the two reviews of each source into the agreed review and
  reopens anything recorded; reviewers complete sources' details and review them.
- Reviews are blind: a reviewer sees only their own independent review until both
  reviews of the source are submitted (then both, to learn from the moderation).
- Other members of the owning organisation (and of the partnership's organisations, if it
  is shared) read the base: its sources, agreed reviews, synthesis and exports. They never
  see independent reviews or who is reviewing what.
- Nobody else learns the base exists (404).
"""

from typing import Any
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.evidence.models import LiteratureBase, Source, SourceReview, TeamMember, TeamRole
from tandem.organisations.models import Membership, Organisation
from tandem.teams import TeamPolicy

READ = "read"
REVIEW = "review"
MODERATE = "moderate"
EDIT_SOURCE = "edit-source"

ROLE_ABILITIES: dict[str, set[str]] = {
    "member": {READ},
    TeamRole.REVIEWER: {READ, REVIEW, EDIT_SOURCE},
    TeamRole.MODERATOR: {READ, MODERATE, EDIT_SOURCE},
}


def _member_organisations(user: User) -> "QuerySet[Membership, Any]":
    return Membership.objects.current().filter(user=user).values("organisation")


def bases_for_user(user: User | AnonymousUser) -> QuerySet[LiteratureBase]:
    """Every base the user may read: on its team, or a member of its organisations."""
    if not user.is_authenticated:
        return LiteratureBase.objects.none()
    organisations = _member_organisations(user)
    return LiteratureBase.objects.filter(
        Q(team__user=user)
        | Q(organisation__in=organisations)
        | Q(partnership__members__organisation__in=organisations)
    ).distinct()


def _role_of(user: User, base: LiteratureBase) -> str | None:
    """ "moderator", "reviewer", "member" (reads only) or None."""
    known = getattr(base, "_roles", {})
    if user.pk in known:
        return known[user.pk]
    role = TeamMember.objects.filter(base=base, user=user).values_list("role", flat=True).first()
    if role is not None:
        return role
    if bases_for_user(user).filter(pk=base.pk).exists():
        return "member"
    return None


TEAM = TeamPolicy[LiteratureBase](
    abilities=ROLE_ABILITIES,
    role_of=_role_of,
    refusal="You are not on this evidence base's review team with the right role for this.",
)
role_in = TEAM.role
can = TEAM.can
require = TEAM.require  # the services' guard


def get_base_for_user(
    user: User | AnonymousUser, base_uuid: UUID, *, ability: str = READ
) -> LiteratureBase:
    """404 unless the user may read the base; 403 if their role lacks the ability."""
    base = (
        LiteratureBase.objects.select_related("organisation", "partnership")
        .filter(uuid=base_uuid)
        .first()
    )
    if base is None:
        raise Http404
    role = TEAM.check(user, base, ability)
    base._roles = {user.pk: role}  # type: ignore[attr-defined]  # the view asks again
    return base


def get_source_for_user(
    user: User | AnonymousUser, base_uuid: UUID, source_uuid: UUID, *, ability: str = READ
) -> Source:
    base = get_base_for_user(user, base_uuid, ability=ability)
    source = Source.objects.filter(base=base, uuid=source_uuid).first()
    if source is None:
        raise Http404
    source.base = base
    return source


def visible_reviews(user: User, source: Source) -> list[SourceReview]:
    """The independent reviews the user may read: blind until both are submitted.

    The moderator reads both once both are submitted; a reviewer reads their own, and the
    other's once both are submitted; anyone else none."""
    role = role_in(user, source.base)
    if role not in {TeamRole.MODERATOR, TeamRole.REVIEWER}:
        return []
    reviews = list(
        source.reviews.filter(is_agreed=False).select_related("reviewer").prefetch_related("tags")
    )
    both_in = len(reviews) == 2 and all(review.is_submitted for review in reviews)
    if both_in:
        return reviews
    return [review for review in reviews if review.reviewer_id == user.pk]


def organisations_for_new_base(user: User) -> QuerySet[Organisation]:
    """Organisations an evidence base may be set up for: those the user leads or coordinates."""
    return Organisation.objects.filter(
        memberships__in=Membership.objects.current().filter(
            user=user, access__in=[Membership.Access.COORDINATOR, Membership.Access.LEADER]
        )
    ).distinct()


def can_create_base(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and organisations_for_new_base(user).exists()
