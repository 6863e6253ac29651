"""Who must use two-factor authentication, and whether they have set it up."""

from allauth.mfa.models import Authenticator
from django.db.models import Q

from tandem.accounts.models import User

# Memberships whose access reaches confidential metadata or aggregate reports. Written as
# the stored values because organisations sits above accounts in the apps' order.
PRIVILEGED_ACCESS = ("coordinator", "leader")

# An authenticator app or a passkey; recovery codes alone are a fallback, not a factor set up.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def needs_two_factor(user: User) -> bool:
    """True for everyone who can read confidential or aggregate data: staff, organisation
    coordinators and leaders, data-protection leads, and programme coordinators."""
    if user.is_staff:
        return True
    privileged = Q(access__in=PRIVILEGED_ACCESS) | Q(data_protection_lead=True)
    return (
        user.memberships.filter(privileged, ended_on__isnull=True).exists()
        or user.coordinated_programmes.exists()
    )


def has_two_factor(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def can_read_records(user: User) -> bool:
    """Members of any relationship (mentors, mentees, coaches…) can read its shared record
    and write private notes, so their sessions time out sooner."""
    return user.relationship_members.exists()
