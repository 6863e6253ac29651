"""Training days, gathering days, workshops and symposia held for a programme's people.

REFLECT ran nine training days and gathering days for its co-mentors, and the EPD pilot and
the IOE scheme trained mentors and held symposia and workshops (seed 002 §4.3.2 and §4.4;
seed 001). An event has one or more sessions; programme participants register, a full
event keeps a waiting list in order, and attendance at training feeds the mentors' training
records (people.MentorTrainingRecord), which the health check's "training" feature reads.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Programme


class EventKind(models.TextChoices):
    TRAINING = "training", "Training day"
    GATHERING = "gathering", "Gathering day"
    WORKSHOP = "workshop", "Workshop"
    SYMPOSIUM = "symposium", "Symposium"


# Attending these counts as mentor training (seed 002 §4.3.2); gathering days and symposia
# sustain relationships and share findings, so they are not recorded as training.
TRAINING_KINDS = frozenset({EventKind.TRAINING, EventKind.WORKSHOP})


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Event(TandemModel):
    """A training day, gathering day, workshop or symposium held for a programme."""

    Kind = EventKind
    Status = EventStatus

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=4000, blank=True)
    capacity = models.PositiveSmallIntegerField(
        "places",
        validators=[
            MinValueValidator(1, message="An event has at least 1 place."),
            MaxValueValidator(1000, message="An event has at most 1,000 places."),
        ],
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_events"
    )
    registration_opens_at = models.DateTimeField(
        "registration opens", null=True, blank=True, help_text="Leave empty to open it now."
    )
    registration_closes_at = models.DateTimeField(
        "registration closes",
        null=True,
        blank=True,
        help_text="Leave empty to keep it open until the first session starts.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_note = models.CharField(max_length=500, blank=True)
    created_by = acting_user()

    class Meta:
        ordering = ["programme", "title"]
        constraints = [
            choices_constraint("events_event_kind_valid", kind=EventKind),
            choices_constraint("events_event_status_valid", status=EventStatus),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=1000),
                name="events_event_capacity_plausible",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="events_event_registration_closes_after_opening",
            ),
        ]
        indexes = [
            # The programme's events page lists its events by status.
            models.Index(fields=["programme", "status"], name="event_programme_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"event_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError(
                {"registration_closes_at": "Registration must close after it opens."}
            )

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def counts_as_training(self) -> bool:
        return self.kind in TRAINING_KINDS

    @property
    def provider(self) -> str:
        """Who provides the training, for the training record: the programme's partnership,
        or else its first organisation."""
        if self.programme.partnership_id:
            return self.programme.partnership.name  # type: ignore[union-attr]
        first = self.programme.organisations.order_by("name").first()
        return first.name if first else self.programme.name


class EventSession(TandemModel):
    """One part of an event: a day, a morning or an online meeting, with its place."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    place = models.CharField(max_length=300, blank=True, help_text="An address or a room.")
    online_link = models.URLField(
        "online link", max_length=500, blank=True, help_text="For a session held online."
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="events_eventsession_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_link=""),
                name="events_eventsession_place_or_link",
            ),
        ]
        indexes = [
            # The reminder job looks for tomorrow's sessions; events list theirs in order.
            models.Index(fields=["starts_at"], name="eventsession_starts_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} on {timezone.localtime(self.starts_at):%-d %B %Y}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "A session must end after it starts."
        elif (
            self.starts_at
            and self.ends_at
            and self.ends_at - self.starts_at > dt.timedelta(hours=24)
        ):
            errors["ends_at"] = (
                "A session lasts at most 24 hours: add another session for the next day."
            )
        if not self.place and not self.online_link:
            errors["place"] = "Give a place or an online link (or both)."
        # The event may not be saved yet (the new-event form checks its first session).
        event = self.event if "event" in self._state.fields_cache or self.event_id else None
        if event is not None and self.starts_at and self.ends_at:
            programme = event.programme
            if timezone.localdate(self.starts_at) < programme.starts_on:
                errors["starts_at"] = (
                    f"The programme starts on {programme.starts_on:%-d %B %Y}: "
                    "a session cannot start before it."
                )
            elif timezone.localdate(self.ends_at) > programme.ends_on:
                errors["ends_at"] = (
                    f"The programme ends on {programme.ends_on:%-d %B %Y}: "
                    "a session cannot end after it."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def hours(self) -> Decimal:
        """The session's length in hours, to the nearest half hour (at least half an hour),
        as a training record counts it."""
        halves = Decimal((self.ends_at - self.starts_at).total_seconds() / 1800)
        return max(Decimal("0.5"), halves.quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Place confirmed"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Registration(TandemModel):
    """A person's place at an event, or their turn on its waiting list."""

    Status = RegistrationStatus

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    # The waiting list's order: when the person asked for a place (reset on registering again).
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_registration_once"),
            choices_constraint("events_registration_status_valid", status=RegistrationStatus),
        ]
        indexes = [
            # Places taken and the waiting list's head: an event's registrations by status.
            models.Index(
                fields=["event", "status", "requested_at"], name="registration_event_status_idx"
            ),
            # "My events" looks up a person's registrations.
            models.Index(fields=["user", "status"], name="registration_user_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.event} ({self.get_status_display()})"


class Attendance(TandemModel):
    """Whether a registered person attended one session, as the coordinator or a
    facilitator marked it; a mentor's attended training session carries its training record."""

    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_attendances"
    )
    attended = models.BooleanField(default=False)
    # The record this attendance wrote; correcting the attendance corrects (or removes) it.
    # A mentor who deletes the record from their profile empties this link.
    training_record = models.OneToOneField(
        MentorTrainingRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_attendance",
    )
    marked_by = acting_user()

    class Meta:
        ordering = ["session", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="events_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {'attended' if self.attended else 'absent'}: {self.session}"


class EventMaterial(TandemModel):
    """A file or link the coordinators share with an event's registrants."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="event-materials/%Y/", blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    added_by = acting_user()

    class Meta:
        ordering = ["event", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="events_eventmaterial_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title
