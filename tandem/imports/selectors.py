"""Reads for the import and invitation pages: who has accepted an invitation, and how
people of an organisation sign in."""

from dataclasses import dataclass

from tandem.accounts.invitations import invitation_status, sso_providers
from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation


@dataclass(frozen=True)
class MemberSignIn:
    person: User
    job_title: str
    status: str  # "accepted", "invited" or "not invited"


def members_with_sign_in(organisation: Organisation) -> list[MemberSignIn]:
    """The organisation's current members with their invitation status (one query)."""
    memberships = (
        Membership.objects.current()
        .filter(organisation=organisation)
        .select_related("user")
        .only(
            "job_title",
            "user__uuid",
            "user__email",
            "user__full_name",
            "user__preferred_name",
            "user__password",
            "user__last_login",
            "user__invited_at",
            "user__is_active",
        )
        .order_by("user__full_name", "user__email")
    )
    return [
        MemberSignIn(membership.user, membership.job_title, invitation_status(membership.user))
        for membership in memberships
    ]


def sign_in_help(organisation: Organisation) -> dict[str, object]:
    """How this organisation's people sign in: a password from their invitation, and the
    single sign-on services this deployment offers (required if the organisation says)."""
    return {
        "providers": sso_providers(),
        "requires_sso": organisation.requires_sso,
        "domains": list(organisation.sso_domains.values_list("domain", flat=True)),
    }
