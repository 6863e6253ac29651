"""Funding and activity plans: an allowance per participant per term, the professional
development activities planned against it and what was spent (the EPD pilot, seed 002
§2.3.5: "formulating EPD activity and spending plans").

Money is Decimal in pounds with two places, so pence add up exactly.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from tandem.accounts.models import acting_user
from tandem.models import TandemModel

RowT = TypeVar("RowT", bound=models.Model)
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Term:
    """An English school term: autumn (September to December), spring (January to March)
    and summer (April to August, so the holiday belongs to a term and no date is lost)."""

    key: str  # "2026-autumn"
    label: str  # "Autumn term 2026"
    starts_on: dt.date
    ends_on: dt.date


SEASONS = (("spring", 1, 3), ("summer", 4, 8), ("autumn", 9, 12))


def term_of(day: dt.date) -> Term:
    for season, first, last in SEASONS:
        if first <= day.month <= last:
            starts_on = dt.date(day.year, first, 1)
            following = dt.date(day.year + (last == 12), last % 12 + 1, 1)
            ends_on = following - dt.timedelta(days=1)
            return Term(
                f"{day.year}-{season}", f"{season.title()} term {day.year}", starts_on, ends_on
            )
    raise AssertionError(day)  # pragma: no cover - every month is in a season


def terms_between(starts_on: dt.date, ends_on: dt.date) -> list[Term]:
    """Every term that overlaps the dates, in order."""
    terms, day = [], starts_on
    while day <= ends_on:
        term = term_of(day)
        terms.append(term)
        day = term.ends_on + dt.timedelta(days=1)
    return terms


class LiveManager(models.Manager[RowT]):
    """Hides removed rows from lists, balances and exports; subject access and erasure read
    `all_objects`."""

    def get_queryset(self) -> models.QuerySet[RowT]:
        return super().get_queryset().filter(deleted_at__isnull=True)


class PlannedActivity(TandemModel):
    """A professional development activity a participant plans for a term, with its cost."""

    enrolment = models.ForeignKey(
        "programmes.Enrolment", on_delete=models.CASCADE, related_name="planned_activities"
    )
    term = models.CharField(max_length=20)
    title = models.CharField("activity", max_length=200)
    planned_cost = models.DecimalField(
        "planned cost (£)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    created_by = acting_user()
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = LiveManager["PlannedActivity"]()
    all_objects = models.Manager["PlannedActivity"]()

    class Meta:
        ordering = ["term", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_cost__gte=0),
                name="programmes_plannedactivity_cost_not_negative",
            ),
        ]
        indexes = [
            # A participant's plan lists their live activities.
            models.Index(fields=["enrolment", "deleted_at"], name="activity_enrolment_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Spending(TandemModel):
    """Money spent from a participant's allowance: how much, on which day, on what."""

    enrolment = models.ForeignKey(
        "programmes.Enrolment", on_delete=models.CASCADE, related_name="spending"
    )
    activity = models.ForeignKey(
        PlannedActivity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spending",
        help_text="The planned activity this pays for, if any.",
    )
    spent_on = models.DateField("date")
    amount = models.DecimalField(
        "amount (£)", max_digits=9, decimal_places=2, validators=[MinValueValidator(PENNY)]
    )
    description = models.CharField("what it paid for", max_length=200)
    # Set when a coordinator or participant confirmed spending beyond the term's allowance.
    is_overspend_confirmed = models.BooleanField(default=False, editable=False)
    created_by = acting_user()
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = LiveManager["Spending"]()
    all_objects = models.Manager["Spending"]()

    class Meta:
        ordering = ["spent_on", "created_at"]
        verbose_name_plural = "spending"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="programmes_spending_amount_positive"
            ),
        ]
        indexes = [
            # A participant's plan and the finance export list live spending by date.
            models.Index(
                fields=["enrolment", "deleted_at", "spent_on"], name="spending_enrolment_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} on {self.spent_on:%-d %B %Y}: {self.description}"

    @property
    def term(self) -> Term:
        return term_of(self.spent_on)

    def clean(self) -> None:
        super().clean()
        if self.activity_id and self.activity and self.activity.enrolment_id != self.enrolment_id:
            raise ValidationError({"activity": "Choose one of this participant's activities."})
