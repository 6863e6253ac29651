"""Writes to a mentor bank: set it up, apply or nominate, decide, keep entries up to date,
withdraw, and recruit into a programme through the programmes enrolment services."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.bank.models import BankEntry, MentorBank
from tandem.bank.policy import (
    can_edit_entry,
    holders_for_user,
    is_holder_member,
    programmes_run_by_holder,
    require_bank_coordinator,
)
from tandem.bank.selectors import entry_load
from tandem.mail import mail_on_commit
from tandem.organisations.models import Organisation, Partnership
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import require_coordinator
from tandem.programmes.services import enrol_approved_mentors, invite_people
from tandem.services import model_update

ENTRY_FIELDS = ["qualities", "experience", "capacity", "is_available", "availability_note"]


@transaction.atomic
def create_bank(
    *,
    actor: User,
    name: str,
    description: str = "",
    organisation: Organisation | None = None,
    partnership: Partnership | None = None,
    accepts_applications: bool = True,
) -> MentorBank:
    """Set up a mentor bank for an organisation or partnership the actor coordinates or
    leads (through a member organisation); the actor becomes its first coordinator."""
    organisations, partnerships = holders_for_user(actor)
    allowed = (
        organisations.filter(pk=organisation.pk).exists()
        if organisation
        else partnership is not None and partnerships.filter(pk=partnership.pk).exists()
    )
    if not allowed:
        message = "You can set up a mentor bank only for an organisation you coordinate or lead."
        raise PermissionError(message)
    bank = MentorBank(
        name=name,
        description=description,
        organisation=organisation,
        partnership=partnership,
        accepts_applications=accepts_applications,
        created_by=actor,
    )
    bank.full_clean()
    bank.save()
    bank.coordinators.add(actor)
    return bank


def _fill(entry: BankEntry, details: dict) -> None:
    for name in ENTRY_FIELDS:
        if name in details:
            setattr(entry, name, details[name])


@transaction.atomic
def apply_to_bank(*, actor: User, bank: MentorBank, details: dict) -> BankEntry:
    """A member of the holding organisation (or partnership) offers to mentor: once, for
    every programme that recruits from the bank."""
    if not bank.accepts_applications:
        message = "This mentor bank is not taking applications."
        raise ValidationError(message)
    if not is_holder_member(actor, bank):
        message = "Only members of the bank's organisations may apply."
        raise PermissionError(message)
    entry = BankEntry.objects.filter(bank=bank, user=actor).first()
    if entry and entry.status not in {BankEntry.Status.DECLINED, BankEntry.Status.WITHDRAWN}:
        message = "You are already in this mentor bank, or your application is waiting."
        raise ValidationError(message)
    entry = entry or BankEntry(bank=bank, user=actor)
    entry.status = BankEntry.Status.APPLIED
    entry.decision_note = ""
    entry.decided_by = None
    entry.decided_at = None
    _fill(entry, details)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def nominate_mentor(*, actor: User, bank: MentorBank, user: User, details: dict) -> BankEntry:
    """A bank coordinator puts a colleague forward; the entry then waits for a decision like
    an application. The person is told and may withdraw."""
    require_bank_coordinator(actor, bank)
    if not is_holder_member(user, bank):
        message = f"{user.display_name} is not a member of the bank's organisations."
        raise ValidationError(message)
    entry = BankEntry.objects.filter(bank=bank, user=user).first()
    if entry and entry.status not in {BankEntry.Status.DECLINED, BankEntry.Status.WITHDRAWN}:
        message = f"{user.display_name} is already in this bank or waiting for a decision."
        raise ValidationError(message)
    entry = entry or BankEntry(bank=bank, user=user)
    entry.status = BankEntry.Status.NOMINATED
    entry.nominated_by = actor
    entry.decision_note = ""
    entry.decided_by = None
    entry.decided_at = None
    _fill(entry, details)
    entry.full_clean()
    entry.save()
    mail_on_commit(
        [user],
        f"You have been nominated for {bank.name}",
        f"{actor.display_name} has nominated you as a mentor in {bank.name}. You can see, "
        "correct or withdraw your entry in Tandem.",
    )
    return entry


@transaction.atomic
def decide_entry(*, actor: User, entry: BankEntry, approve: bool, note: str) -> BankEntry:
    """Approve or decline an application or nomination (bank coordinators only); declining
    needs a reason, which the person is told. A decision can be changed later."""
    require_bank_coordinator(actor, entry.bank)
    if entry.status == BankEntry.Status.WITHDRAWN:
        message = "This entry was withdrawn; the person can apply again."
        raise ValidationError(message)
    if not approve and not note.strip():
        raise ValidationError({"note": "Give a reason for declining: the person is told it."})
    entry.status = BankEntry.Status.APPROVED if approve else BankEntry.Status.DECLINED
    entry.decision_note = note.strip()
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.full_clean()
    entry.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"])
    outcome = "approved" if approve else f"not approved this time: {entry.decision_note}"
    mail_on_commit(
        [entry.user],
        f"Your place in {entry.bank.name}",
        f"Your place in the mentor bank {entry.bank.name} has been {outcome}.",
    )
    return entry


@transaction.atomic
def withdraw_entry(*, actor: User, entry: BankEntry, reason: str) -> BankEntry:
    """Take an entry out of the bank: the mentor themself, or a bank coordinator with a
    reason. Relationships already formed carry on; the person may apply again."""
    is_self = entry.user_id == actor.pk
    if not is_self:
        require_bank_coordinator(actor, entry.bank)
        if not reason.strip():
            raise ValidationError({"reason": "Give a reason for withdrawing this mentor."})
    if entry.status == BankEntry.Status.WITHDRAWN:
        message = "This entry is already withdrawn."
        raise ValidationError(message)
    entry.status = BankEntry.Status.WITHDRAWN
    entry.decision_note = reason.strip()
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"])
    if not is_self:
        mail_on_commit(
            [entry.user],
            f"Your place in {entry.bank.name}",
            f"You have been withdrawn from the mentor bank {entry.bank.name}: "
            f"{entry.decision_note}",
        )
    return entry


@transaction.atomic
def update_entry(*, actor: User, entry: BankEntry, fields: dict) -> BankEntry:
    """Correct an entry's qualities, experience, capacity or availability: the mentor
    themself or a bank coordinator. Capacity cannot drop below the mentees they have now."""
    if not can_edit_entry(actor, entry):
        message = "Only the mentor or the bank's coordinators may change this entry."
        raise PermissionError(message)
    capacity = fields.get("capacity", entry.capacity)
    load = entry_load(entry)
    if capacity < load:
        message = (
            f"{entry.user.display_name} supports {load} mentee{'s' if load != 1 else ''} now; "
            "capacity cannot be lower than that."
        )
        raise ValidationError({"capacity": message})
    model_update(instance=entry, fields=ENTRY_FIELDS, data=fields)
    return entry


@transaction.atomic
def recruit_from_bank(
    *,
    actor: User,
    bank: MentorBank,
    programme: Programme,
    entries: list[BankEntry],
    enrol: bool,
    note: str = "",
) -> list[Enrolment]:
    """Invite (`enrol` False) or enrol straight in (`enrol` True) approved bank mentors as
    mentors of a programme the actor coordinates and the bank's holder runs. Enrolling
    refuses mentors who do not meet the programme's requirements, naming what is missing,
    unless `note` says why."""
    require_coordinator(actor, programme)
    if not programmes_run_by_holder(bank).filter(pk=programme.pk).exists():
        message = f"{programme.name} is not run by the bank's organisation or partnership."
        raise PermissionError(message)
    if not entries:
        raise ValidationError("Choose at least one mentor from the bank.")
    for entry in entries:
        if entry.bank_id != bank.pk or entry.status != BankEntry.Status.APPROVED:
            message = f"{entry.user.display_name} is not an approved mentor of this bank."
            raise ValidationError(message)
    users = [entry.user for entry in entries]
    if enrol:
        return enrol_approved_mentors(actor=actor, programme=programme, users=users, note=note)
    return invite_people(actor=actor, programme=programme, users=users, role="mentor")
