"""Who may see or change organisations and partnerships.

Organisation pages are for the organisation's current members (and staff). Only an
organisation leader, or staff, may change an organisation's details; only staff (site
administrators) may add an organisation.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation, Partnership


def current_access(user: User | AnonymousUser, organisation: Organisation) -> str | None:
    """The user's access level in the organisation, or None if not a current member."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.current()
        .filter(user=user, organisation=organisation)
        .values_list("access", flat=True)
        .first()
    )


def can_create_organisation(user: User | AnonymousUser) -> bool:
    """Site administrators (staff) add organisations; leaders edit their own."""
    return user.is_authenticated and user.is_staff


def can_edit_organisation(user: User | AnonymousUser, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    # get_organisation_for_user leaves the access it looked up, saving a second query.
    access = getattr(organisation, "viewer_access", None) or current_access(user, organisation)
    return user.is_staff or access == Membership.Access.LEADER


def get_organisation_for_user(
    user: User | AnonymousUser, organisation_uuid: UUID, *, write: bool = False
) -> Organisation:
    """404 unless a member (or staff); 403 to write unless leader or staff."""
    organisation = Organisation.objects.filter(uuid=organisation_uuid).first()
    if organisation is None or not user.is_authenticated:
        raise Http404
    access = current_access(user, organisation)
    if access is None and not user.is_staff:
        raise Http404
    if write and not (user.is_staff or access == Membership.Access.LEADER):
        raise PermissionDenied
    organisation.viewer_access = access
    return organisation


def get_partnership_for_user(user: User | AnonymousUser, partnership_uuid: UUID) -> Partnership:
    """Members of any organisation in the partnership may see it; everyone else gets 404."""
    partnership = Partnership.objects.filter(uuid=partnership_uuid).first()
    if partnership is None or not user.is_authenticated:
        raise Http404
    if user.is_staff:
        return partnership
    is_member = (
        Membership.objects.current()
        .filter(user=user, organisation__partnership_memberships__partnership=partnership)
        .exists()
    )
    if not is_member:
        raise Http404
    return partnership


def get_membership_for_user(user: User | AnonymousUser, membership_uuid: UUID) -> Membership:
    """Memberships are changed by the organisation's leaders and staff only.

    404 unless the user may see the organisation; 403 for members who may only read it.
    """
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user", "line_manager"),
        uuid=membership_uuid,
    )
    get_organisation_for_user(user, membership.organisation.uuid, write=True)
    return membership


def get_local_authority_for_user(
    user: User | AnonymousUser, organisation_uuid: UUID
) -> Organisation:
    """A local authority, for its current coordinators and leaders (they see its schools'
    programmes in outline); 404 for anyone who is not a member, 403 for other members."""
    organisation = Organisation.objects.filter(
        uuid=organisation_uuid, type=Organisation.Type.LOCAL_AUTHORITY
    ).first()
    if organisation is None or not user.is_authenticated:
        raise Http404
    access = current_access(user, organisation)
    if access is None:
        raise Http404
    if access not in {Membership.Access.COORDINATOR, Membership.Access.LEADER}:
        raise PermissionDenied
    return organisation
