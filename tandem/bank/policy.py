"""Who may see or change a mentor bank.

- The bank's coordinators see every entry and decide, edit and withdraw them.
- Coordinators of a programme run by the bank's organisation (or partnership) see the
  approved entries and recruit from them into that programme: they read, never decide.
- A mentor sees and edits their own entry, and may withdraw it.
- Current members of the holding organisation (or of any organisation in the partnership)
  see the bank's description so they can apply; not who is in it.
- Nobody else learns the bank exists (404).
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.bank.models import BankEntry, MentorBank
from tandem.organisations.models import Membership, Organisation, Partnership
from tandem.programmes.models import Programme


def holder_organisations(bank: MentorBank) -> "QuerySet[Organisation]":
    """The organisations whose members may apply: the holder, or the partnership's members."""
    if bank.organisation_id:
        return Organisation.objects.filter(pk=bank.organisation_id)
    return Organisation.objects.filter(partnership_memberships__partnership=bank.partnership)


def is_holder_member(user: User, bank: MentorBank) -> bool:
    return (
        Membership.objects.current()
        .filter(user=user, organisation__in=holder_organisations(bank))
        .exists()
    )


def is_bank_coordinator(user: User | AnonymousUser, bank: MentorBank) -> bool:
    return user.is_authenticated and bank.coordinators.filter(pk=user.pk).exists()


def require_bank_coordinator(actor: User, bank: MentorBank) -> None:
    """Services' guard: only the bank's coordinators may run this change."""
    if not is_bank_coordinator(actor, bank):
        message = "Only the mentor bank's coordinators may do this."
        raise PermissionError(message)


def programmes_run_by_holder(bank: MentorBank) -> "QuerySet[Programme]":
    if bank.organisation_id:
        return Programme.objects.filter(organisations=bank.organisation_id).distinct()
    return Programme.objects.filter(partnership=bank.partnership)


def recruiting_programmes(user: User, bank: MentorBank) -> "QuerySet[Programme]":
    """Programmes this user coordinates that may recruit from the bank (not closed)."""
    return (
        programmes_run_by_holder(bank)
        .filter(coordinators=user)
        .exclude(status=Programme.Status.CLOSED)
        .order_by("name")
    )


def can_browse_bank(user: User | AnonymousUser, bank: MentorBank) -> bool:
    """Whether the user may see who is in the bank: its coordinators and recruiters."""
    if not user.is_authenticated:
        return False
    return is_bank_coordinator(user, bank) or recruiting_programmes(user, bank).exists()


def can_see_bank(user: User | AnonymousUser, bank: MentorBank) -> bool:
    if not user.is_authenticated:
        return False
    return (
        can_browse_bank(user, bank)
        or BankEntry.objects.filter(bank=bank, user=user).exists()
        or is_holder_member(user, bank)
    )


def get_bank_for_user(
    user: User | AnonymousUser, bank_uuid: UUID, *, write: bool = False
) -> MentorBank:
    """404 unless the user may see the bank; 403 to manage it unless one of its coordinators."""
    bank = (
        MentorBank.objects.select_related("organisation", "partnership")
        .filter(uuid=bank_uuid)
        .first()
    )
    if bank is None or not can_see_bank(user, bank):
        raise Http404
    if write and not is_bank_coordinator(user, bank):
        raise PermissionDenied
    return bank


def get_entry_for_user(
    user: User | AnonymousUser, entry_uuid: UUID, *, write: bool = False
) -> BankEntry:
    """The mentor, the bank's coordinators and its recruiters (approved entries only) see an
    entry; only the bank's coordinators decide it (`write`)."""
    entry = (
        BankEntry.objects.select_related("bank", "user", "bank__organisation", "bank__partnership")
        .filter(uuid=entry_uuid)
        .first()
    )
    if entry is None or not user.is_authenticated:
        raise Http404
    coordinator = is_bank_coordinator(user, entry.bank)
    recruiter = (
        entry.status == BankEntry.Status.APPROVED
        and recruiting_programmes(user, entry.bank).exists()
    )
    if not (coordinator or recruiter or entry.user_id == user.pk):
        raise Http404
    if write and not coordinator:
        raise PermissionDenied
    return entry


def can_edit_entry(user: User, entry: BankEntry) -> bool:
    """The mentor keeps their own entry up to date; the bank's coordinators may too."""
    return entry.user_id == user.pk or is_bank_coordinator(user, entry.bank)


def holders_for_user(user: User) -> tuple["QuerySet[Organisation]", "QuerySet[Partnership]"]:
    """Organisations and partnerships for which the user may set up a bank: those they
    coordinate or lead (a partnership through any of its member organisations)."""
    organisations = Organisation.objects.filter(
        memberships__in=Membership.objects.current().filter(
            user=user, access__in=[Membership.Access.COORDINATOR, Membership.Access.LEADER]
        )
    ).distinct()
    partnerships = Partnership.objects.filter(members__organisation__in=organisations).distinct()
    return organisations, partnerships


def can_create_bank(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and holders_for_user(user)[0].exists()


def banks_visible_to(user: User) -> "QuerySet[MentorBank]":
    """Banks the user coordinates, has an entry in, may recruit from or may apply to."""
    organisations = Membership.objects.current().filter(user=user).values("organisation")
    coordinated = Programme.objects.filter(coordinators=user)
    return MentorBank.objects.filter(
        Q(coordinators=user)
        | Q(entries__user=user)
        | Q(organisation__in=organisations)
        | Q(partnership__members__organisation__in=organisations)
        | Q(organisation__programmes__in=coordinated)
        | Q(partnership__programmes__in=coordinated)
    ).distinct()
