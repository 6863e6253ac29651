"""Who may use the data-protection tools: each organisation's data-protection leads.

A data-protection lead (`Membership.data_protection_lead`) acts for the people of the
organisations they lead on data protection: subject-access packs, erasure approvals, the
retention schedule and the audit log. Being staff is not enough: confidential content is
nobody's by default, administrators included.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation


def protected_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations for which the user is a current data-protection lead."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__in=Membership.objects.current().filter(user=user, data_protection_lead=True)
    ).distinct()


def is_data_protection_lead(user: User | AnonymousUser) -> bool:
    return protected_organisations(user).exists()


def get_audit_scope_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose people's audit events the user may read and export.

    404 for anyone who is not a data-protection lead: the page is not theirs to know of.
    """
    organisations = protected_organisations(user)
    if not organisations.exists():
        raise Http404
    return organisations


def notice_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations whose privacy notice the user writes: those they lead, or lead on data
    protection."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__in=Membership.objects.current().filter(
            Q(access=Membership.Access.LEADER) | Q(data_protection_lead=True), user=user
        )
    ).distinct()


def can_edit_notice(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return notice_organisations(user).filter(pk=organisation.pk).exists()


def get_notice_organisation_for_user(
    user: User | AnonymousUser, organisation_uuid: UUID, *, write: bool = False
) -> Organisation:
    """The organisation whose notice is asked for: 404 unless a current member, 403 to
    publish a new version unless a leader or data-protection lead of it."""
    organisation = Organisation.objects.filter(uuid=organisation_uuid).first()
    if organisation is None or not user.is_authenticated:
        raise Http404
    if not Membership.objects.current().filter(user=user, organisation=organisation).exists():
        raise Http404
    if write and not can_edit_notice(user, organisation):
        raise PermissionDenied
    return organisation
