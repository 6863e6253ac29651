"""Who may see or change a resource.

- Anyone, signed in or not, reads a public resource (the public extranet links to it).
- Current members of the holding organisation (or of any organisation in the holding
  partnership) read a resource shared with them.
- Coordinators and leaders of the holding organisation (for a partnership: of any of its
  member organisations) add, edit and withdraw resources.
- Nobody else learns a private resource exists (404).
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation, Partnership
from tandem.resources.models import Resource

MANAGING_ACCESS = [Membership.Access.COORDINATOR, Membership.Access.LEADER]


def holders_for_user(user: User) -> tuple["QuerySet[Organisation]", "QuerySet[Partnership]"]:
    """Organisations and partnerships for which the user may add resources: those they
    coordinate or lead (a partnership through any of its member organisations)."""
    organisations = Organisation.objects.filter(
        memberships__in=Membership.objects.current().filter(user=user, access__in=MANAGING_ACCESS)
    ).distinct()
    partnerships = Partnership.objects.filter(members__organisation__in=organisations).distinct()
    return organisations, partnerships


def can_add_resources(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and holders_for_user(user)[0].exists()


def can_manage_resource(user: User | AnonymousUser, resource: Resource) -> bool:
    if not user.is_authenticated:
        return False
    organisations, partnerships = holders_for_user(user)
    if resource.organisation_id:
        return organisations.filter(pk=resource.organisation_id).exists()
    return resource.partnership_id is not None and (
        partnerships.filter(pk=resource.partnership_id).exists()
    )


def require_resource_manager(actor: User, resource: Resource) -> None:
    """Services' guard: only the holder's coordinators and leaders change a resource."""
    if not can_manage_resource(actor, resource):
        message = "Only coordinators and leaders of the resource's organisation may do this."
        raise PermissionError(message)


def get_resource_for_user(
    user: User | AnonymousUser, resource_uuid: UUID, *, write: bool = False
) -> Resource:
    """404 unless the user may read the resource; 403 to change it unless they manage it.
    Withdrawn resources are still found, so that links to them can say so."""
    resource = (
        Resource.objects.visible_to(user)
        .select_related("organisation", "partnership")
        .filter(uuid=resource_uuid)
        .first()
    )
    if resource is None:
        # Managers also find resources they hold but do not share with themselves (a
        # partnership's resource, say, seen from a coordinator's organisation).
        resource = (
            Resource.objects.select_related("organisation", "partnership")
            .filter(uuid=resource_uuid)
            .first()
        )
        if resource is None or not can_manage_resource(user, resource):
            raise Http404
    if write and not can_manage_resource(user, resource):
        raise PermissionDenied
    return resource


def can_give_feedback(user: User | AnonymousUser, resource: Resource) -> bool:
    return user.is_authenticated and not resource.is_withdrawn
