"""Importing staff: check every row (the preview), then apply them all in one transaction.

Rows are matched to existing accounts by email (case-insensitively) and to current
memberships by organisation, so importing the same file again changes nothing. New
memberships go through organisations.services.add_memberships (add_membership's bulk
sibling); line-manager changes are
checked row by row with line_manager_cycle against the organisation's final state, then
saved in bulk.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any, NamedTuple, TypeVar

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, reset_queries, transaction
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
# Rows are checked and saved this many at a time, so memory stays bounded by the chunk
# (plus one compact entry per row for the duplicate and line-manager checks).
CHUNK = 2000
MEMBERSHIP_CHANGES = ("job_title", "role_category", "access", "started_on")


@dataclass(slots=True)
class RowPlan:
    """What one data row will do, and why not if it is rejected."""

    row: int  # the spreadsheet's row number (the heading row is 1)
    email: str
    full_name: str
    preferred_name: str = ""
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
            "known_as": self.preferred_name,
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


def accepted_roles() -> str:
    """Tandem's roles, for messages: “Teacher or practitioner, Trainee, … or Other”."""
    labels = [str(label) for label in Membership.RoleCategory.labels]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def role_for(text: str, role_mapping: dict[str, str]) -> str | None:
    """Tandem's role for a value in the file: the leader's match for it, else Tandem's own
    value or label; None if unknown."""
    matched = role_mapping.get(text.strip().lower())
    if matched in Membership.RoleCategory.values:
        return matched
    return _choice(Membership.RoleCategory, text)


def person_names(row: dict[str, str], *, surname_first: bool) -> tuple[str, str]:
    """The full name and known-as name a row gives: the Full name column (turned round
    from “Surname, Forename” when the leader said so), else Forename and Surname joined."""
    full_name = " ".join(row.get("full_name", "").split())
    if surname_first and full_name.count(",") == 1:
        surname, forename = (part.strip() for part in full_name.split(","))
        full_name = f"{forename} {surname}".strip()
    if not full_name:
        parts = (row.get("first_name", ""), row.get("last_name", ""))
        full_name = " ".join(" ".join(part.split()) for part in parts if part.strip())
    known_as = " ".join(row.get("preferred_name", "").split())
    forename = full_name.split(" ", 1)[0]
    return full_name, "" if known_as.lower() == forename.lower() else known_as


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


T = TypeVar("T")


def forget_logged_queries() -> None:
    """Where settings.DEBUG is on, Django logs every query until the next request begins; a
    worker's import has no requests, so each chunk calls this (else the log holds every
    chunk's SQL). A test counting queries (which forces the log on) keeps its log."""
    if not connection.force_debug_cursor:
        reset_queries()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, in order."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Current(NamedTuple):
    """The fields of a current membership an import compares with (no model instances, so
    a large organisation's members fit in little memory)."""

    job_title: str
    role_category: str
    access: str
    started_on: date | None
    line_manager_email: str


def _current_memberships(organisations: Iterable[Organisation]) -> dict[tuple[str, int], Current]:
    rows = (
        Membership.objects.current()
        .filter(organisation__in=set(organisations))
        .values_list(
            "user__email",
            "organisation_id",
            *MEMBERSHIP_CHANGES,
            "line_manager__email",
        )
        .iterator(chunk_size=CHUNK)
    )
    return {
        (email.lower(), org_id): Current(title, role, access, started, (manager or "").lower())
        for email, org_id, title, role, access, started, manager in rows
    }


def plan_people(
    *,
    actor: User,
    organisation: Organisation,
    rows: Iterable[dict[str, str]],
    headings: dict[str, str],
    progress: Progress | None = None,
    first_row: int = 2,
    surname_first: bool = False,
    role_mapping: dict[str, str] | None = None,
) -> list[RowPlan]:
    """Check every row against the database and each other; changes nothing. Rows are read
    and checked a chunk at a time; `first_row` is the file's row number of the first."""
    context = RowContext(
        default=organisation,
        organisations=allowed_organisations(actor, organisation),
        headings=headings,
        surname_first=surname_first,
        role_mapping={key.strip().lower(): value for key, value in (role_mapping or {}).items()},
    )
    organisations = context.organisations
    organisations = allowed_organisations(actor, organisation)
    memberships = _current_memberships(organisations.values())
    plans: list[RowPlan] = []
    seen: dict[tuple[str, int], int] = {}
    for chunk in chunked(enumerate(rows, start=first_row), CHUNK):
        forget_logged_queries()
        emails = {row.get("email", "").strip().lower() for _number, row in chunk} - {""}
        users = {
            email.lower()
            for email in User.objects.filter(email__in=emails).values_list("email", flat=True)
        }
        for number, row in chunk:
            plan = _plan_row(number, row, context, users, memberships)
            if plan.organisation is not None and plan.email:
                key = (plan.email, plan.organisation.pk)
                if key in seen:
                    plan.reject(headings["email"], f"{plan.email} is also on row {seen[key]}.")
                else:
                    seen[key] = plan.row
            plans.append(plan)
            if progress and len(plans) % PROGRESS_EVERY == 0:
                progress(len(plans))
    # Again until nothing changes: a row rejected here may be another row's line manager.
    while _check_line_managers(plans, memberships, headings):
        pass
    return plans


@dataclass(slots=True)
class RowContext:
    """What checking a row needs besides the row."""

    default: Organisation
    organisations: dict[str, Organisation]
    headings: dict[str, str]
    surname_first: bool
    role_mapping: dict[str, str]


def _name_heading(headings: dict[str, str]) -> str:
    return headings.get("full_name") or headings.get("first_name") or "Full name"


def _check_names(plan: RowPlan, headings: dict[str, str]) -> None:
    if plan.is_new_user and not plan.full_name:
        plan.reject(_name_heading(headings), "The name is missing for a new person.")
    if len(plan.full_name) > 150:
        plan.reject(_name_heading(headings), "The name is longer than 150 characters.")
    if len(plan.preferred_name) > 80:
        plan.reject(headings["preferred_name"], "The known-as name is longer than 80 characters.")


def _plan_row(
    number: int,
    row: dict[str, str],
    context: RowContext,
    users: set[str],
    memberships: dict[tuple[str, int], Current],
) -> RowPlan:
    default, organisations, headings = context.default, context.organisations, context.headings
    email = row.get("email", "").strip().lower()
    full_name, known_as = person_names(row, surname_first=context.surname_first)
    plan = RowPlan(row=number, email=email, full_name=full_name, preferred_name=known_as)
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
    plan.is_new_user = email not in users
    _check_names(plan, headings)
    values: dict[str, Any] = {}
    if row.get("job_title", "").strip():
        values["job_title"] = row["job_title"].strip()[:120]
    if row.get("role_category", "").strip():
        role = role_for(row["role_category"], context.role_mapping)
        if role is None:
            plan.reject(
                headings["role_category"],
                f"Unknown role “{row['role_category'].strip()}”: match it to one of Tandem's "
                f"roles ({accepted_roles()}) under “Roles in your file”.",
            )
        values["role_category"] = role
    if row.get("access", "").strip():
        access = _choice(Membership.Access, row["access"])
        if access is None:
            labels = ", ".join(str(label) for label in Membership.Access.labels)
            plan.reject(
                headings["access"], f"Unknown access “{row['access']}”: write one of {labels}."
            )
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
    if plan.line_manager_email and plan.line_manager_email != membership.line_manager_email:
        plan.changes.append("line_manager")
    plan.action = "update" if plan.changes else "unchanged"
    return plan


def _check_line_managers(
    plans: list[RowPlan],
    memberships: dict[tuple[str, int], Current],
    headings: dict[str, str],
) -> bool:
    """Line managers must work in the same organisation (already or in this file), and the
    file must not create a management loop. Returns whether it rejected any row."""
    rejected = False
    column = headings.get("line_manager_email", "Line manager email")
    for organisation_id in {plan.organisation.pk for plan in plans if plan.organisation}:
        managers = {
            email: membership.line_manager_email
            for (email, org_id), membership in memberships.items()
            if org_id == organisation_id
        }
        members = set(managers)
        rows = [
            plan for plan in plans if plan.organisation and plan.organisation.pk == organisation_id
        ]
        members |= {plan.email for plan in rows if plan.action != "reject"}
        refused = {plan.email for plan in rows if plan.action == "reject"} - members
        for plan in rows:
            if plan.line_manager_email:
                managers[plan.email] = plan.line_manager_email
        for plan in rows:
            if not plan.line_manager_email or plan.action == "reject":
                continue
            if plan.line_manager_email not in members:
                rejected = True
                plan.reject(
                    column,
                    f"Line manager {plan.line_manager_email}'s own row is rejected."
                    if plan.line_manager_email in refused
                    else f"Line manager {plan.line_manager_email} is not a member of "
                    f"{plan.organisation.name} (nor added by this file).",  # type: ignore[union-attr]
                )
                continue
            chain = [plan.email]
            current = managers.get(plan.email, "")
            while current and current not in chain:
                chain.append(current)
                current = managers.get(current, "")
            if current == plan.email:
                rejected = True
                plan.reject(
                    column, "That would make a management loop: " + " → ".join([*chain, plan.email])
                )
    return rejected


@transaction.atomic
def commit_people(
    *,
    actor: User,
    organisation: Organisation,
    plans: list[RowPlan],
    progress: Progress | None = None,
    skip_rejected: bool = False,
    invite: Callable[[list[str]], int] | None = None,
) -> dict[str, int]:
    """Apply a clean plan in one transaction (any failure undoes every row), a chunk of rows
    at a time so memory stays bounded; `progress` hears how many rows are saved. With
    `skip_rejected` (the leader's choice) rejected rows are left out instead of stopping
    the import. `invite` is given the new people's emails and returns how many it invited."""
    if skip_rejected:
        plans = [plan for plan in plans if plan.action != "reject"]
    if any(plan.action == "reject" for plan in plans):
        message = "Some rows have errors: fix the file and check it again."
        raise ValidationError(message)
    user_ids: dict[str, int] = {}
    for done, chunk in enumerate(chunked(plans, CHUNK)):
        forget_logged_queries()
        _add_chunk(actor, chunk, user_ids)
        if progress:
            progress(min((done + 1) * CHUNK, len(plans)) // 2)
    wanted = {plan.line_manager_email for plan in plans} - {""} - user_ids.keys()
    for emails in chunked(wanted, CHUNK):
        for email, pk in User.objects.filter(email__in=emails).values_list("email", "pk"):
            user_ids[email.lower()] = pk
    _apply_changes(actor, plans, user_ids, progress)
    counts = report_counts(plans)
    counts["invited"] = invite([plan.email for plan in plans if plan.is_new_user]) if invite else 0
    record_event(
        actor=actor,
        action="import.people",
        target=organisation,
        detail=(
            f"{counts['create']} added, {counts['update']} updated, {counts['unchanged']} unchanged"
        ),
    )
    return counts


def _add_chunk(actor: User, plans: list[RowPlan], user_ids: dict[str, int]) -> None:
    """New accounts and memberships for one chunk of rows; records every row's user id."""
    new_users = {
        plan.email: User(
            email=plan.email, full_name=plan.full_name, preferred_name=plan.preferred_name
        )
        for plan in plans
        if plan.is_new_user
    }
    for user in new_users.values():
        # Invited-style accounts: no password until they sign in with SSO or reset it.
        user.set_unusable_password()
    User.objects.bulk_create(new_users.values())
    created = User.objects.filter(email__in=list(new_users))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in created
    )
    emails = {plan.email for plan in plans}
    for email, pk in User.objects.filter(email__in=emails).values_list("email", "pk"):
        user_ids[email.lower()] = pk
    add_memberships(
        actor=actor,
        memberships=[
            Membership(
                user_id=user_ids[plan.email],
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


def _apply_changes(
    actor: User, plans: list[RowPlan], user_ids: dict[str, int], progress: Progress | None
) -> None:
    """Changed fields and line managers, checked row by row against the final state with
    organisations.services.line_manager_cycle, then saved in bulk, a chunk at a time."""
    changing = [plan for plan in plans if plan.action == "update" or plan.line_manager_email]
    managers_by_organisation: dict[int, dict[int, int | None]] = {}
    for plan in changing:
        organisation = plan.organisation
        assert organisation is not None  # noqa: S101 - rejected rows never reach here
        if organisation.pk not in managers_by_organisation:
            managers_by_organisation[organisation.pk] = current_line_managers(organisation)
        if plan.line_manager_email and ("line_manager" in plan.changes or plan.action == "create"):
            # Cleared first, so the order of rows cannot make a loop the final state lacks.
            managers_by_organisation[organisation.pk][user_ids[plan.email]] = None
    now = timezone.now()
    for done, chunk in enumerate(chunked(changing, CHUNK)):
        forget_logged_queries()
        _apply_chunk(chunk, user_ids, managers_by_organisation, now)
        if progress:
            saved = min((done + 1) * CHUNK, len(changing))
            progress(len(plans) // 2 + (len(plans) - len(plans) // 2) * saved // len(changing))


def _apply_chunk(
    plans: list[RowPlan],
    user_ids: dict[str, int],
    managers_by_organisation: dict[int, dict[int, int | None]],
    now: Any,
) -> None:
    memberships = {
        (membership.user.email.lower(), membership.organisation_id): membership
        for membership in Membership.objects.current()
        .filter(user_id__in=[user_ids[plan.email] for plan in plans])
        .select_related("user", "organisation")
    }
    moving = []
    for plan in plans:
        membership = memberships[(plan.email, plan.organisation.pk)]  # type: ignore[union-attr]
        if plan.line_manager_email and ("line_manager" in plan.changes or plan.action == "create"):
            moving.append((plan, membership))
        for name in MEMBERSHIP_CHANGES:
            if name in plan.changes:
                setattr(membership, name, plan.values[name])
    for plan, membership in moving:
        managers = managers_by_organisation[membership.organisation_id]
        line_manager_id = user_ids[plan.line_manager_email]
        if line_manager_id not in managers:
            message = f"Row {plan.row}: the line manager is not a member of the organisation."
            raise ValidationError(message)
        cycle = line_manager_cycle(
            organisation=membership.organisation,
            user=membership.user,
            line_manager=User(pk=line_manager_id),
            managers=managers,
        )
        if cycle:
            message = f"Row {plan.row}: that would make a management loop."
            raise ValidationError(message)
        managers[membership.user_id] = line_manager_id
        membership.line_manager_id = line_manager_id
    updated = [
        memberships[(plan.email, plan.organisation.pk)]  # type: ignore[union-attr]
        for plan in plans
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
