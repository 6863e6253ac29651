"""Importing a programme's enrolments: each row invites a person in a role, through
programmes.services.invite_people (which also emails them). Re-importing changes nothing."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.imports.people import (
    CHUNK,
    RowPlan,
    _choice,
    chunked,
    forget_logged_queries,
    report_counts,
)
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.services import invite_people

ACTIVE = {Enrolment.Status.INVITED, Enrolment.Status.APPLIED, Enrolment.Status.APPROVED}


def plan_enrolments(
    *,
    programme: Programme,
    rows: Iterable[dict[str, str]],
    headings: dict[str, str],
    first_row: int = 2,
) -> list[RowPlan]:
    """Check each row: a known person in the programme's organisations, a valid role. Rows
    are read and checked a chunk at a time."""
    eligible = (
        Membership.objects.current()
        .filter(
            Q(organisation__programmes=programme)
            | Q(organisation__partnership_memberships__partnership__programmes=programme)
        )
        .values("user")
    )
    plans: list[RowPlan] = []
    seen: dict[tuple[str, str], int] = {}
    for chunk in chunked(enumerate(rows, start=first_row), CHUNK):
        forget_logged_queries()
        emails = {row.get("email", "").strip().lower() for _number, row in chunk}
        users = {
            user.email.lower(): user
            for user in User.objects.filter(email__in=emails, is_active=True, pk__in=eligible)
        }
        existing = {
            (user_id, role): status
            for user_id, role, status in Enrolment.objects.filter(
                programme=programme, user__in=users.values()
            ).values_list("user_id", "role", "status")
        }
        plans.extend(_plan_chunk(chunk, users, existing, seen, headings))
    return plans


def _plan_chunk(
    chunk: list[tuple[int, dict[str, str]]],
    users: dict[str, User],
    existing: dict[tuple[int, str], str],
    seen: dict[tuple[str, str], int],
    headings: dict[str, str],
) -> Iterator[RowPlan]:
    for number, row in chunk:
        email = row.get("email", "").strip().lower()
        plan = RowPlan(row=number, email=email, full_name="")
        user = users.get(email)
        if user is None:
            plan.reject(
                headings["email"],
                f"No one with the email “{email}” works in this programme's organisations."
                if email
                else "Email is missing.",
            )
        else:
            plan.full_name = user.full_name
        role = _choice(Enrolment.Role, row.get("role", ""))
        if role is None:
            plan.reject(
                headings["role"],
                f"Unknown role “{row.get('role', '')}”: use Mentor, Mentee or Peer.",
            )
        elif (email, role) in seen:
            plan.reject(
                headings["email"], f"{email} is also on row {seen[(email, role)]} as {role}."
            )
        else:
            seen[(email, role)] = plan.row
        plan.values = {"role": role}
        if plan.action != "reject" and user is not None and role is not None:
            status = existing.get((user.pk, role))
            if status is None:
                plan.action = "create"
            elif status in ACTIVE:
                plan.action = "unchanged"
            else:
                plan.action = "update"
                plan.changes = ["status"]
        yield plan


@transaction.atomic
def commit_enrolments(*, actor: User, programme: Programme, plans: list[RowPlan]) -> dict[str, Any]:
    """Invite everyone new (or previously declined or withdrawn) in one transaction."""
    if any(plan.action == "reject" for plan in plans):
        message = "Some rows have errors: fix the file and check it again."
        raise ValidationError(message)
    users = {
        user.email.lower(): user for user in User.objects.filter(email__in=[p.email for p in plans])
    }
    by_role: dict[str, list[User]] = {}
    for plan in plans:
        if plan.action in {"create", "update"}:
            by_role.setdefault(plan.values["role"], []).append(users[plan.email])
    for role, people in by_role.items():
        invite_people(actor=actor, programme=programme, users=people, role=role)
    counts = report_counts(plans)
    record_event(
        actor=actor,
        action="import.enrolments",
        target=programme,
        detail=f"{counts['create']} invited, {counts['update']} re-invited",
    )
    return counts
