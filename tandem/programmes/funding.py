"""Funding plans: services that record planned activities and spending against a
participant's allowance, and the reads behind the plan page and the finance export.

The participant and the programme's coordinators both keep the plan (seed 002 §2.3.5: the
EPD mentor helped "formulating EPD activity and spending plans"). Money is Decimal pounds,
so every sum is exact to the penny.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.programmes.models import Enrolment, PlannedActivity, Programme, Spending
from tandem.programmes.models_funding import Term, term_of, terms_between
from tandem.programmes.policy import is_coordinator

ZERO = Decimal("0.00")


def programme_terms(programme: Programme) -> list[Term]:
    return terms_between(programme.starts_on, programme.ends_on)


def require_plan_keeper(actor: User, enrolment: Enrolment) -> None:
    """Services' guard: the participant or one of the programme's coordinators."""
    if enrolment.user_id != actor.pk and not is_coordinator(actor, enrolment.programme):
        message = "Only the participant and the programme's coordinators keep this plan."
        raise PermissionError(message)
    if enrolment.programme.allowance_per_term is None:
        message = "This programme gives no funding allowance."
        raise ValidationError(message)


def _money(value: Decimal) -> str:
    return f"£{value:,.2f}"


@transaction.atomic
def plan_activity(
    *, actor: User, enrolment: Enrolment, term: str, title: str, planned_cost: Decimal
) -> PlannedActivity:
    """Add a planned professional development activity to a term of the participant's
    plan (the participant or a coordinator)."""
    require_plan_keeper(actor, enrolment)
    if term not in {term.key for term in programme_terms(enrolment.programme)}:
        raise ValidationError({"term": "Choose one of the programme's terms."})
    activity = PlannedActivity(
        enrolment=enrolment,
        term=term,
        title=title.strip(),
        planned_cost=planned_cost,
        created_by=actor,
    )
    activity.full_clean()
    activity.save()
    record_event(actor=actor, action="funding.activity-planned", target=enrolment)
    return activity


def spent_in_term(enrolment: Enrolment, term: Term) -> Decimal:
    amounts = Spending.objects.filter(
        enrolment=enrolment, spent_on__gte=term.starts_on, spent_on__lte=term.ends_on
    ).values_list("amount", flat=True)
    return sum(amounts, ZERO)


def check_spending(
    *, enrolment: Enrolment, spent_on: dt.date, amount: Decimal, confirm_overspend: bool
) -> bool:
    """Raise ValidationError for a date outside the programme or an overspend not yet
    confirmed; returns whether the spending goes over the term's allowance."""
    programme = enrolment.programme
    if not programme.starts_on <= spent_on <= programme.ends_on:
        message = (
            f"The date must be within the programme, from {programme.starts_on:%-d %B %Y} "
            f"to {programme.ends_on:%-d %B %Y}."
        )
        raise ValidationError({"spent_on": message})
    term = term_of(spent_on)
    allowance = programme.allowance_per_term or ZERO
    remaining = allowance - spent_in_term(enrolment, term)
    is_over = amount > remaining
    if is_over and not confirm_overspend:
        message = (
            f"{_money(amount)} is more than the {_money(max(remaining, ZERO))} left of the "
            f"{_money(allowance)} allowance for the {term.label.lower()}. Tick “record it "
            "anyway” to confirm the overspend."
        )
        raise ValidationError({"amount": message})
    return is_over


@transaction.atomic
def record_spending(
    *,
    actor: User,
    enrolment: Enrolment,
    spent_on: dt.date,
    amount: Decimal,
    description: str,
    activity: PlannedActivity | None = None,
    confirm_overspend: bool = False,
) -> Spending:
    """Record money spent from the participant's allowance (the participant or a
    coordinator); going over the term's allowance needs `confirm_overspend`."""
    require_plan_keeper(actor, enrolment)
    # One writer at a time per plan, so two spends cannot both fit the same balance.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    is_over = check_spending(
        enrolment=enrolment, spent_on=spent_on, amount=amount, confirm_overspend=confirm_overspend
    )
    spending = Spending(
        enrolment=enrolment,
        activity=activity,
        spent_on=spent_on,
        amount=amount,
        description=description.strip(),
        is_overspend_confirmed=is_over,
        created_by=actor,
    )
    spending.full_clean()
    spending.save()
    record_event(
        actor=actor, action="funding.spending-recorded", target=enrolment, detail=_money(amount)
    )
    return spending


@transaction.atomic
def remove_funding_line(*, actor: User, line: PlannedActivity | Spending) -> None:
    """Take a planned activity or a spending line out of the plan, to put a mistake right
    (the participant or a coordinator); kept for subject access until disposal."""
    require_plan_keeper(actor, line.enrolment)
    line.deleted_at = timezone.now()
    line.save(update_fields=["deleted_at", "updated_at"])
    record_event(
        actor=actor,
        action="funding.line-removed",
        target=line.enrolment,
        detail=f"{line._meta.verbose_name}: {line}",
    )


@dataclass
class TermBalance:
    term: Term
    allowance: Decimal
    planned: Decimal = ZERO
    spent: Decimal = ZERO
    activities: list[PlannedActivity] = field(default_factory=list)
    spending: list[Spending] = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.allowance - self.spent

    @property
    def is_over(self) -> bool:
        return self.spent > self.allowance


def balances(
    programme: Programme,
    activities: list[PlannedActivity],
    spending: list[Spending],
) -> list[TermBalance]:
    """Each of the programme's terms with what was planned and spent in it."""
    allowance = programme.allowance_per_term or ZERO
    by_key = {term.key: TermBalance(term, allowance) for term in programme_terms(programme)}
    for activity in activities:
        if activity.term in by_key:
            by_key[activity.term].planned += activity.planned_cost
            by_key[activity.term].activities.append(activity)
    for line in spending:
        balance = by_key.get(term_of(line.spent_on).key)
        if balance is not None:
            balance.spent += line.amount
            balance.spending.append(line)
    return list(by_key.values())


def plan_of(enrolment: Enrolment) -> list[TermBalance]:
    """One participant's plan by term: two queries."""
    activities = list(PlannedActivity.objects.filter(enrolment=enrolment))
    spending = list(Spending.objects.filter(enrolment=enrolment).select_related("activity"))
    return balances(enrolment.programme, activities, spending)


def funded_enrolments(programme: Programme) -> list[Enrolment]:
    """The participants who have a plan: approved mentees and co-coaches."""
    return list(
        Enrolment.objects.approved()
        .filter(programme=programme, role__in=[Enrolment.Role.MENTEE, Enrolment.Role.PEER])
        .select_related("user")
        .order_by("user__full_name", "role")
    )


def programme_balances(programme: Programme) -> list[tuple[Enrolment, list[TermBalance]]]:
    """Every participant's plan by term, in three queries whatever the numbers."""
    enrolments = funded_enrolments(programme)
    activities: dict[int, list[PlannedActivity]] = defaultdict(list)
    for activity in PlannedActivity.objects.filter(enrolment__in=enrolments):
        activities[activity.enrolment_id].append(activity)
    spending: dict[int, list[Spending]] = defaultdict(list)
    for line in Spending.objects.filter(enrolment__in=enrolments).select_related("activity"):
        spending[line.enrolment_id].append(line)
    return [
        (enrolment, balances(programme, activities[enrolment.pk], spending[enrolment.pk]))
        for enrolment in enrolments
    ]


SPENDING_HEADER = ["Participant", "Email", "Term", "Date", "Amount (£)", "What", "Activity"]
BALANCE_HEADER = ["Participant", "Email", "Term", "Allowance (£)", "Planned (£)", "Spent (£)"]


def finance_sheets(programme: Programme) -> list[tuple[str, list[list[object]]]]:
    """The finance export: spending lines, and balances per participant per term."""
    plans = programme_balances(programme)
    spending_rows: list[list[object]] = [list(SPENDING_HEADER)]
    balance_rows: list[list[object]] = [[*BALANCE_HEADER, "Remaining (£)"]]
    for enrolment, terms in plans:
        name, email = enrolment.user.full_name, enrolment.user.email
        for balance in terms:
            balance_rows.append(
                [
                    name,
                    email,
                    balance.term.label,
                    balance.allowance,
                    balance.planned,
                    balance.spent,
                    balance.remaining,
                ]
            )
            spending_rows.extend(
                [
                    name,
                    email,
                    balance.term.label,
                    line.spent_on,
                    line.amount,
                    line.description,
                    line.activity.title if line.activity else "",
                ]
                for line in balance.spending
            )
    return [("Spending", spending_rows), ("Balances", balance_rows)]
