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
from tandem.privacy.models import ErasureRequest, SubjectAccessPack


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


# Subject access and erasure (README "Data protection").


def people_of_lead(user: User | AnonymousUser) -> QuerySet[User]:
    """People a data-protection lead acts for: anyone who is or was a member of the
    organisations they lead on data protection."""
    return User.objects.filter(
        memberships__organisation__in=protected_organisations(user)
    ).distinct()


def get_person_for_lead(user: User | AnonymousUser, person_uuid: UUID) -> tuple[User, Organisation]:
    """404 unless the user is a data-protection lead of an organisation the person is or
    was a member of; returns the person and that organisation."""
    organisation = protected_organisations(user).filter(memberships__user__uuid=person_uuid).first()
    if organisation is None:
        raise Http404
    return User.objects.get(uuid=person_uuid), organisation


def get_pack_for_user(user: User | AnonymousUser, pack_uuid: UUID) -> SubjectAccessPack:
    """A pack is for its subject, and for the lead who asked for it while they still are
    one for the subject; 404 for everyone else."""
    pack = SubjectAccessPack.objects.filter(uuid=pack_uuid).select_related("subject").first()
    if pack is None or not user.is_authenticated:
        raise Http404
    if pack.subject_id == user.pk:
        return pack
    if pack.requested_by_id == user.pk and people_of_lead(user).filter(pk=pack.subject_id).exists():
        return pack
    raise Http404


def get_erasure_for_user(
    user: User | AnonymousUser, erasure_uuid: UUID, *, write: bool = False
) -> ErasureRequest:
    """Erasure requests are for the data-protection leads of the organisation they were
    made in; 404 for everyone else, and 403 to decide one that is already decided."""
    erasure = (
        ErasureRequest.objects.filter(
            uuid=erasure_uuid, organisation__in=protected_organisations(user)
        )
        .select_related("subject", "requested_by", "decided_by", "organisation")
        .first()
    )
    if erasure is None:
        raise Http404
    if write and erasure.status != ErasureRequest.Status.REQUESTED:
        raise PermissionDenied
    return erasure
