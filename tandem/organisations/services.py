from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from tandem.accounts.invitations import send_invitations
from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.mail import site_url
from tandem.organisations.models import Membership, Organisation, Phase
from tandem.organisations.policy import can_create_organisation
from tandem.services import model_update


@transaction.atomic
def update_organisation(
    *, actor: User, organisation: Organisation, fields: dict[str, object], phases: list[Phase]
) -> Organisation:
    """Change an organisation's details; for its leaders or staff (the view checks policy).
    The audit log records who changed which details."""
    # From the database: a ModelForm has already copied the new values onto the instance.
    before = Organisation.objects.filter(pk=organisation.pk).values(*fields).get()
    model_update(instance=organisation, fields=list(fields), data=fields)
    before_phases = set(organisation.phases.values_list("pk", flat=True))
    organisation.phases.set(phases)
    changed = [name for name in fields if getattr(organisation, name) != before[name]]
    if before_phases != {phase.pk for phase in phases}:
        changed.append("phases")
    if changed:
        record_event(
            actor=actor,
            action="organisation.update",
            target=organisation,
            detail=f"Changed: {', '.join(changed)}",
        )
    return organisation


@transaction.atomic
def create_organisation(
    *, actor: User, fields: dict[str, object], phases: list[Phase]
) -> Organisation:
    """Add an organisation to Tandem; site administrators (staff) only. Audited."""
    if not can_create_organisation(actor):
        message = "Only site administrators may add organisations."
        raise PermissionError(message)
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    organisation.phases.set(phases)
    record_event(
        actor=actor,
        action="organisation.create",
        target=organisation,
        detail=f"Added {organisation.name}",
    )
    return organisation


def current_line_managers(organisation: Organisation) -> dict[int, int | None]:
    """Each current member's line manager (user ids), in one query."""
    return dict(
        Membership.objects.current()
        .filter(organisation=organisation)
        .values_list("user_id", "line_manager_id")
    )


def line_manager_cycle(
    *,
    organisation: Organisation,
    user: User,
    line_manager: User | None,
    managers: dict[int, int | None] | None = None,
) -> list[User]:
    """The chain that would loop back to `user` if `line_manager` managed them, else [].

    Bulk callers (imports) pass `managers` from current_line_managers, kept up to date as
    they go, instead of one query per person. The walk stops on reaching `user`, so the
    user's own current manager is never followed."""
    if managers is None:
        managers = current_line_managers(organisation)
    chain = []
    current = line_manager.pk if line_manager else None
    while current is not None and current not in chain:
        chain.append(current)
        if current == user.pk:
            people = User.objects.in_bulk(chain)
            return [people[pk] for pk in chain]
        current = managers.get(current)
    return []


def _check_line_manager(membership: Membership) -> None:
    if membership.line_manager is None:
        return
    if (
        not Membership.objects.current()
        .filter(organisation=membership.organisation, user=membership.line_manager)
        .exists()
    ):
        raise ValidationError(
            {"line_manager": "The line manager must be a current member of the organisation."}
        )
    cycle = line_manager_cycle(
        organisation=membership.organisation,
        user=membership.user,
        line_manager=membership.line_manager,
    )
    if cycle:
        names = " → ".join(person.full_name for person in [membership.user, *cycle])
        raise ValidationError({"line_manager": f"That would make a management loop: {names}."})


@transaction.atomic
def add_membership(
    *,
    actor: User | None,
    user: User,
    organisation: Organisation,
    role_category: str,
    job_title: str = "",
    access: str = Membership.Access.MEMBER,
    line_manager: User | None = None,
    started_on: date | None = None,
) -> Membership:
    """Record that a person works in an organisation; used by pages, admin, demo and imports."""
    if Membership.objects.current().filter(user=user, organisation=organisation).exists():
        raise ValidationError(f"{user.full_name} is already a member of {organisation.name}.")
    membership = Membership(
        user=user,
        organisation=organisation,
        role_category=role_category,
        job_title=job_title,
        access=access,
        line_manager=line_manager,
        started_on=started_on,
    )
    membership.full_clean()
    _check_line_manager(membership)
    membership.save()
    return membership


@transaction.atomic
def add_memberships(*, actor: User | None, memberships: list[Membership]) -> list[Membership]:
    """add_membership for many people at once (imports): the same checks in a few queries.

    Line managers are set afterwards by the caller, checked with line_manager_cycle."""
    pairs = {(membership.user_id, membership.organisation_id) for membership in memberships}
    if len(pairs) < len(memberships):
        message = "The same person is listed twice for one organisation."
        raise ValidationError(message)
    taken = (
        Membership.objects.current()
        .filter(
            user_id__in={user_id for user_id, _org in pairs},
            organisation_id__in={org_id for _user, org_id in pairs},
        )
        .values_list("user_id", "organisation_id")
    )
    if pairs & set(taken):
        message = "Some of these people are already members of the organisation."
        raise ValidationError(message)
    for membership in memberships:
        if membership.line_manager_id is not None:
            message = "Set line managers after adding memberships, so loops can be checked."
            raise ValidationError(message)
        # Field checks here; the database enforces the check and unique constraints.
        membership.full_clean(exclude=["user", "organisation"], validate_constraints=False)
    return Membership.objects.bulk_create(memberships, batch_size=500)


MEMBERSHIP_FIELDS = [
    "job_title",
    "role_category",
    "access",
    "data_protection_lead",
    "line_manager",
    "started_on",
    "ended_on",
]


@transaction.atomic
def update_membership(
    *, actor: User, membership: Membership, fields: dict[str, object]
) -> Membership:
    """Change a member's role, access, line manager or dates; for leaders and staff."""
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.full_clean()
    _check_line_manager(membership)
    membership.save(update_fields=[*fields.keys(), "updated_at"])
    return membership


@transaction.atomic
def invite_member(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    full_name: str,
    role_category: str,
    job_title: str = "",
    access: str = Membership.Access.MEMBER,
    line_manager: User | None = None,
) -> Membership:
    """Add a person to an organisation, creating their account and emailing an invitation.

    An existing account is reused (matched by email, case-insensitively) and simply joins.
    A new account has no password until the person sets one from the invitation link.
    """
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    is_new = existing is None
    if existing is not None:
        user = existing
    else:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        # Verified: only someone who can read this address can use the link we send to it,
        # which is all that email verification would prove.
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    membership = add_membership(
        actor=actor,
        user=user,
        organisation=organisation,
        role_category=role_category,
        job_title=job_title,
        access=access,
        line_manager=line_manager,
    )
    if is_new:
        # The one-time link to choose a password, with the "invited" status it records.
        send_invitations(actor=actor, users=[user], organisation_name=organisation.name)
        return membership
    context = {
        "person": user,
        "organisation": organisation,
        "inviter": actor,
        "link": site_url(reverse("home")),
        "is_new": is_new,
    }
    transaction.on_commit(
        lambda: send_mail(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{organisation.name} has added you",
            message=render_to_string("organisations/email/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    )
    return membership
