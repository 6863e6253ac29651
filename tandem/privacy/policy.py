"""Who may use the data-protection tools: each organisation's data-protection leads.

A data-protection lead (`Membership.data_protection_lead`) acts for the people of the
organisations they lead on data protection: subject-access packs, erasure approvals, the
retention schedule and the audit log. Being staff is not enough: confidential content is
nobody's by default, administrators included.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
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
