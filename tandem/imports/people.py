"""Importing staff: check every row (the preview), then apply them all in one transaction.

Rows are matched to existing accounts by email (case-insensitively) and to current
memberships by organisation, so importing the same file again changes nothing. New
memberships go through organisations.services.add_memberships (add_membership's bulk
sibling); line-manager changes are
checked row by row with line_manager_cycle against the organisation's final state, then
saved in bulk.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.imports.reading import parse_date
from tandem.organisations.models import Membership, Organisation
from tandem.organisations.services import (
    add_memberships,
    current_line_managers,
    line_manager_cycle,
)

Progress = Callable[[int], None]
PROGRESS_EVERY = 200
MEMBERSHIP_CHANGES = ("job_title", "role_category", "access", "started_on")


@dataclass
class RowPlan:
    """What one data row will do, and why not if it is rejected."""

    row: int  # the spreadsheet's row number (the heading row is 1)
    email: str
    full_name: str
    organisation: Organisation | None = None
    action: str = "create"  # create, update, unchanged or reject
    values: dict[str, Any] = field(default_factory=dict)
    line_manager_email: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    is_new_user: bool = False

    def reject(self, column: str, message: str) -> None:
        self.action = "reject"
        self.errors.append({"column": column, "message": message})

    def as_report(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "email": self.email,
            "name": self.full_name,
            "organisation": self.organisation.name if self.organisation else "",
            "action": self.action,
            "changes": self.changes,
            "errors": self.errors,
        }


def _choice(choices: Any, text: str) -> str | None:
    """A TextChoices value from its stored value or its label, in any case."""
    wanted = text.strip().lower()
    for value, label in choices.choices:
        if wanted in {value.lower(), str(label).lower()}:
            return value
    return None


def allowed_organisations(actor: User, default: Organisation) -> dict[str, Organisation]:
    """Organisations the actor may import into, by lower-case name and identifier."""
    if actor.is_staff:
        organisations = list(Organisation.objects.all())
    else:
        organisations = list(
            Organisation.objects.filter(
                Q(pk=default.pk)
                | Q(
                    memberships__user=actor,
                    memberships__ended_on__isnull=True,
                    memberships__access=Membership.Access.LEADER,
                )
            ).distinct()
        )
    lookup = {}
    for organisation in organisations:
        lookup[organisation.name.lower()] = organisation
        if organisation.official_identifier:
            lookup[organisation.official_identifier.lower()] = organisation
    return lookup


def plan_people(
    *,
    actor: User,
    organisation: Organisation,
    rows: list[dict[str, str]],
    headings: dict[str, str],
    progress: Progress | None = None,
) -> list[RowPlan]:
    """Check every row against the database and each other; changes nothing."""
    organisations = allowed_organisations(actor, organisation)
    emails = {row.get("email", "").strip().lower() for row in rows}
    emails |= {row.get("line_manager_email", "").strip().lower() for row in rows}
    users = {user.email.lower(): user for user in User.objects.filter(email__in=emails - {""})}
    memberships = {
        (membership.user.email.lower(), membership.organisation_id): membership
        for membership in Membership.objects.current()
        .filter(organisation__in=set(organisations.values()))
        .select_related("user", "line_manager")
    }
    plans: list[RowPlan] = []
    seen: dict[tuple[str, int], int] = {}
    for index, row in enumerate(rows):
        plan = _plan_row(index + 2, row, organisation, organisations, users, memberships, headings)
        if plan.organisation is not None and plan.email:
            key = (plan.email, plan.organisation.pk)
            if key in seen:
                plan.reject(headings["email"], f"{plan.email} is also on row {seen[key]}.")
            else:
                seen[key] = plan.row
        plans.append(plan)
        if progress and (index + 1) % PROGRESS_EVERY == 0:
            progress(index + 1)
    _check_line_managers(plans, memberships, headings)
    return plans


def _plan_row(  # noqa: PLR0917 - private helper called from one place
    number: int,
    row: dict[str, str],
    default: Organisation,
    organisations: dict[str, Organisation],
    users: dict[str, User],
    memberships: dict[tuple[str, int], Membership],
    headings: dict[str, str],
) -> RowPlan:
    email = row.get("email", "").strip().lower()
    plan = RowPlan(row=number, email=email, full_name=row.get("full_name", "").strip())
    try:
        validate_email(email)
    except ValidationError:
        plan.reject(
            headings["email"],
            f"“{email}” is not an email address." if email else "Email is missing.",
        )
    organisation_name = row.get("organisation", "").strip()
    plan.organisation = (
        organisations.get(organisation_name.lower()) if organisation_name else default
    )
    if plan.organisation is None:
        plan.reject(
            headings.get("organisation", "Organisation"),
            f"Unknown organisation “{organisation_name}”, or not one you lead.",
        )
    user = users.get(email)
    plan.is_new_user = user is None
    if user is None and not plan.full_name:
        plan.reject(
            headings.get("full_name", "Full name"), "Full name is missing for a new person."
        )
    if len(plan.full_name) > 150:
        plan.reject(headings["full_name"], "Full name is longer than 150 characters.")
    values: dict[str, Any] = {}
    if row.get("job_title", "").strip():
        values["job_title"] = row["job_title"].strip()[:120]
    if row.get("role_category", "").strip():
        role = _choice(Membership.RoleCategory, row["role_category"])
        if role is None:
            plan.reject(headings["role_category"], f"Unknown role “{row['role_category']}”.")
        values["role_category"] = role
    if row.get("access", "").strip():
        access = _choice(Membership.Access, row["access"])
        if access is None:
            plan.reject(headings["access"], f"Unknown access “{row['access']}”.")
        values["access"] = access
    try:
        started_on = parse_date(row.get("started_on", "").strip())
    except ValueError as error:
        plan.reject(headings["started_on"], str(error))
    else:
        if started_on:
            values["started_on"] = started_on
    plan.values = values
    plan.line_manager_email = row.get("line_manager_email", "").strip().lower()
    if plan.line_manager_email and plan.line_manager_email == email:
        plan.reject(headings["line_manager_email"], "A person cannot be their own line manager.")
    if plan.action == "reject" or plan.organisation is None:
        return plan
    membership = memberships.get((email, plan.organisation.pk))
    if membership is None:
        plan.action = "create"
        return plan
    plan.changes = [name for name, value in values.items() if getattr(membership, name) != value]
    current_manager = membership.line_manager.email.lower() if membership.line_manager else ""
    if plan.line_manager_email and plan.line_manager_email != current_manager:
        plan.changes.append("line_manager")
    plan.action = "update" if plan.changes else "unchanged"
    return plan


def _check_line_managers(
    plans: list[RowPlan],
    memberships: dict[tuple[str, int], Membership],
    headings: dict[str, str],
) -> None:
    """Line managers must work in the same organisation (already or in this file), and the
    file must not create a management loop."""
    column = headings.get("line_manager_email", "Line manager email")
    for organisation_id in {plan.organisation.pk for plan in plans if plan.organisation}:
        managers = {
            email: (membership.line_manager.email.lower() if membership.line_manager else "")
            for (email, org_id), membership in memberships.items()
            if org_id == organisation_id
        }
        members = set(managers)
        rows = [
            plan for plan in plans if plan.organisation and plan.organisation.pk == organisation_id
        ]
        members |= {plan.email for plan in rows if plan.action != "reject"}
        for plan in rows:
            if plan.line_manager_email:
                managers[plan.email] = plan.line_manager_email
        for plan in rows:
            if not plan.line_manager_email or plan.action == "reject":
                continue
            if plan.line_manager_email not in members:
                plan.reject(
                    column,
                    f"Line manager {plan.line_manager_email} is not a member of "
                    f"{plan.organisation.name} (nor added by this file).",  # type: ignore[union-attr]
                )
                continue
            chain = [plan.email]
            current = managers.get(plan.email, "")
            while current and current not in chain:
                chain.append(current)
                current = managers.get(current, "")
            if current == plan.email:
                plan.reject(
                    column, "That would make a management loop: " + " → ".join([*chain, plan.email])
                )


@transaction.atomic
def commit_people(
    *,
    actor: User,
    organisation: Organisation,
    plans: list[RowPlan],
    progress: Progress | None = None,
) -> dict[str, int]:
    """Apply a clean plan in one transaction (any failure undoes every row)."""
    if any(plan.action == "reject" for plan in plans):
        message = "Some rows have errors: fix the file and check it again."
        raise ValidationError(message)
    new_users = {
        plan.email: User(email=plan.email, full_name=plan.full_name)
        for plan in plans
        if plan.is_new_user
    }
    for user in new_users.values():
        # Invited-style accounts: no password until they sign in with SSO or reset it.
        user.set_unusable_password()
    User.objects.bulk_create(new_users.values())
    created = {user.email: user for user in User.objects.filter(email__in=list(new_users))}
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=True)
        for user in created.values()
    )
    emails = {plan.email for plan in plans} | {plan.line_manager_email for plan in plans}
    users = {user.email.lower(): user for user in User.objects.filter(email__in=emails - {""})}
    add_memberships(
        actor=actor,
        memberships=[
            Membership(
                user=users[plan.email],
                organisation=plan.organisation,
                role_category=plan.values.get("role_category") or Membership.RoleCategory.OTHER,
                job_title=plan.values.get("job_title", ""),
                access=plan.values.get("access") or Membership.Access.MEMBER,
                started_on=plan.values.get("started_on"),
            )
            for plan in plans
            if plan.action == "create"
        ],
    )
    if progress:
        progress(len(plans))
    _apply_changes(actor, plans, users)
    counts = report_counts(plans)
    record_event(
        actor=actor,
        action="import.people",
        target=organisation,
        detail=(
            f"{counts['create']} added, {counts['update']} updated, {counts['unchanged']} unchanged"
        ),
    )
    return counts


def _apply_changes(actor: User, plans: list[RowPlan], users: dict[str, User]) -> None:
    """Changed fields and line managers, checked row by row against the final state with
    organisations.services.line_manager_cycle, then saved in bulk."""
    changing = [plan for plan in plans if plan.action == "update" or plan.line_manager_email]
    memberships = {
        (membership.user.email.lower(), membership.organisation_id): membership
        for membership in Membership.objects.current()
        .filter(user__email__in=[plan.email for plan in changing])
        .select_related("user", "organisation", "line_manager")
    }
    managers_by_organisation: dict[int, dict[int, int | None]] = {}
    moving = []
    for plan in changing:
        membership = memberships[(plan.email, plan.organisation.pk)]  # type: ignore[union-attr]
        if membership.organisation_id not in managers_by_organisation:
            managers_by_organisation[membership.organisation_id] = current_line_managers(
                membership.organisation
            )
        managers = managers_by_organisation[membership.organisation_id]
        if plan.line_manager_email and ("line_manager" in plan.changes or plan.action == "create"):
            # Cleared first, so the order of rows cannot make a loop the final state lacks.
            managers[membership.user_id] = None
            moving.append((plan, membership))
        for name in MEMBERSHIP_CHANGES:
            if name in plan.changes:
                setattr(membership, name, plan.values[name])
    for plan, membership in moving:
        managers = managers_by_organisation[membership.organisation_id]
        line_manager = users[plan.line_manager_email]
        if line_manager.pk not in managers:
            message = f"Row {plan.row}: the line manager is not a member of the organisation."
            raise ValidationError(message)
        cycle = line_manager_cycle(
            organisation=membership.organisation,
            user=membership.user,
            line_manager=line_manager,
            managers=managers,
        )
        if cycle:
            message = f"Row {plan.row}: that would make a management loop."
            raise ValidationError(message)
        managers[membership.user_id] = line_manager.pk
        membership.line_manager = line_manager
    now = timezone.now()
    updated = [
        memberships[(plan.email, plan.organisation.pk)]  # type: ignore[union-attr]
        for plan in changing
        if plan.action == "update"
    ]
    for membership in [*updated, *(membership for _plan, membership in moving)]:
        # Field checks here; the database enforces the check and unique constraints.
        membership.full_clean(
            exclude=["user", "organisation", "line_manager"],
            validate_unique=False,
            validate_constraints=False,
        )
        membership.updated_at = now
    Membership.objects.bulk_update(updated, [*MEMBERSHIP_CHANGES, "updated_at"], batch_size=500)
    # One statement per line manager rather than a 2,000-branch CASE.
    by_manager: dict[int, list[int]] = {}
    for _plan, membership in moving:
        by_manager.setdefault(membership.line_manager_id, []).append(membership.pk)  # type: ignore[arg-type]
    for manager_id, membership_ids in by_manager.items():
        Membership.objects.filter(pk__in=membership_ids).update(
            line_manager_id=manager_id, updated_at=now
        )


def report_counts(plans: list[RowPlan]) -> dict[str, int]:
    return {
        name: sum(plan.action == name for plan in plans)
        for name in ("create", "update", "unchanged", "reject")
    }
