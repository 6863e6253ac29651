"""The shared record of a relationship, and each member's private notes."""

from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import User, acting_user
from tandem.framework.keys import Principle
from tandem.models import TandemModel, choices_constraint
from tandem.programmes.choices import FRAMEWORK_KEYS
from tandem.relationships.crypto import EncryptedTextField, decrypt
from tandem.relationships.models.relationship import Relationship


def goal_keys() -> list[str]:
    return [Principle.CHALLENGING_PERSONAL_GOALS.value]


RowT = TypeVar("RowT", bound=models.Model)


class LiveManager(models.Manager[RowT]):
    """Hides soft-deleted rows, so every report, count and list ignores them; erasure and
    the subject-access pack read `all_objects` to cover the deleted rows too."""

    def get_queryset(self) -> models.QuerySet[RowT]:
        return super().get_queryset().filter(deleted_at__isnull=True)


def deleted_by_field() -> "models.ForeignKey[User | None, User | None]":
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    ACHIEVED = "achieved", "Achieved"
    SET_ASIDE = "set-aside", "Set aside"


class Goal(TandemModel):
    """A learner's challenging, personal goal (seed 003); owned by the learner."""

    Status = GoalStatus

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="goals")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The goal's words are encrypted at rest like private notes (relationships.crypto).
    title = EncryptedTextField(max_length=200, single_line=True)
    why_it_matters = EncryptedTextField(
        max_length=2000,
        help_text="Link it to your school's priorities or the professional standards.",
    )
    success_criteria = EncryptedTextField(
        max_length=2000, help_text="How will you and others know you have achieved it?"
    )
    target_on = models.DateField("target date")
    status = models.CharField(max_length=12, choices=GoalStatus, default=GoalStatus.NOT_STARTED)
    framework_keys = models.JSONField(default=goal_keys, blank=True)
    # Owned jointly by the learners of a co-coaching, co-mentoring or group relationship:
    # every learner may change it, not only the one who added it.
    is_shared = models.BooleanField("shared goal", default=False, db_default=False)
    # Optimistic locking: two people editing the same goal must not overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Goals stay with the learner when the mentor changes: the copy in the new relationship
    # points at the goal it was carried from, so both pages can say so.
    carried_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        editable=False,
    )
    # Soft delete: a mistake can be undone for a while (services.corrections.UNDO_WINDOW).
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = deleted_by_field()

    objects = LiveManager["Goal"]()
    all_objects = models.Manager["Goal"]()

    class Meta:
        # Not by title: the database holds it encrypted.
        ordering = ["target_on", "created_at"]
        constraints = [
            choices_constraint("relationships_goal_status_valid", status=GoalStatus),
        ]
        indexes = [
            # The goals page lists a relationship's live rows and the recently deleted.
            models.Index(fields=["relationship", "deleted_at"], name="goal_rel_deleted_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("relationships:goal-detail", kwargs={"goal_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        unknown = set(self.framework_keys or []) - FRAMEWORK_KEYS
        if unknown:
            raise ValidationError({"framework_keys": f"Unknown framework key: {min(unknown)}."})


class GoalUpdate(TandemModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField("progress", max_length=2000)
    progress_percent = models.PositiveSmallIntegerField(
        "progress so far (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True) | Q(progress_percent__lte=100),
                name="relationships_goalupdate_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Update on {self.goal}"


class ConversationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class ConversationMode(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"
    OBSERVATION_DEBRIEF = "observation-debrief", "Observation debrief"
    GROUP_SESSION = "group-session", "Group session"


class Conversation(TandemModel):
    """A learning conversation (seed 003): planned, then held with a shared summary."""

    Status = ConversationStatus
    Mode = ConversationMode

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="conversations"
    )
    status = models.CharField(max_length=10, choices=ConversationStatus)
    starts_at = models.DateTimeField("date and time")
    duration_minutes = models.PositiveSmallIntegerField(
        "length (minutes)", validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    mode = models.CharField(max_length=20, choices=ConversationMode)
    # What was said is encrypted at rest like private notes (relationships.crypto).
    evidence_discussed = EncryptedTextField(
        "evidence from practice discussed", max_length=4000, blank=True
    )
    summary = EncryptedTextField("shared summary", max_length=8000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = acting_user()
    # Soft delete: a mistake can be undone for a while (services.corrections.UNDO_WINDOW).
    # Reports reaching conversations through a join (relationship__conversations__...)
    # bypass the manager, so they filter on deleted_at themselves.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = deleted_by_field()

    objects = LiveManager["Conversation"]()
    all_objects = models.Manager["Conversation"]()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            choices_constraint(
                "relationships_conversation_status_valid", status=ConversationStatus
            ),
            choices_constraint("relationships_conversation_mode_valid", mode=ConversationMode),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="relationships_conversation_duration_plausible",
            ),
        ]
        indexes = [
            # Overview and "next meeting" ask a relationship's conversations by status and date.
            models.Index(
                fields=["relationship", "status", "starts_at"], name="conversation_rel_when_idx"
            ),
            # The conversations page lists a relationship's live rows and the recently deleted.
            models.Index(
                fields=["relationship", "deleted_at"], name="conversation_rel_deleted_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} conversation on {self.starts_at:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("relationships:conversation-detail", kwargs={"conversation_uuid": self.uuid})


class AgendaItem(TandemModel):
    """An agenda item and who raised it: the share raised by the learner shows growing
    self-direction over time (seed 003)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="agenda_items"
    )
    text = models.CharField(max_length=300)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.text


class Action(TandemModel):
    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="actions")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = acting_user()
    # Soft delete: a mistake can be undone for a while (services.corrections.UNDO_WINDOW).
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = deleted_by_field()

    objects = LiveManager["Action"]()
    all_objects = models.Manager["Action"]()

    class Meta:
        ordering = ["done_at", "due_on", "created_at"]
        indexes = [
            # The actions page lists a relationship's live rows and the recently deleted.
            models.Index(fields=["relationship", "deleted_at"], name="action_rel_deleted_idx"),
            # "Actions due" on role pages and the overdue-action reminder.
            models.Index(fields=["owner", "done_at", "due_on"], name="action_owner_due_idx"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class PrivateNote(TandemModel):
    """A member's own note on a conversation: visible to its author alone and encrypted at
    rest (DESIGN.md confidentiality model), so a database dump does not reveal it."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ciphertext = models.TextField(editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "author"], name="relationships_privatenote_one_per_author"
            ),
        ]

    def __str__(self) -> str:
        return f"Private note by {self.author}"

    @property
    def body(self) -> str:
        return decrypt(self.ciphertext)


class Observation(TandemModel):
    """An observation of practice (seed 003 "experimenting and observing")."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="observations"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="observations"
    )
    observed_on = models.DateField("date observed")
    # Encrypted at rest like private notes (relationships.crypto).
    focus = EncryptedTextField(max_length=300, single_line=True)
    notes = EncryptedTextField(max_length=4000, blank=True)
    feedback = EncryptedTextField("feedback given", max_length=4000, blank=True)
    follow_up = EncryptedTextField("follow-up actions", max_length=2000, blank=True)
    created_by = acting_user()
    # Soft delete: a mistake can be undone for a while (services.corrections.UNDO_WINDOW).
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = deleted_by_field()

    objects = LiveManager["Observation"]()
    all_objects = models.Manager["Observation"]()

    class Meta:
        ordering = ["-observed_on"]
        indexes = [
            # The observations page lists a relationship's live rows and the recently deleted.
            models.Index(fields=["relationship", "deleted_at"], name="observation_rel_deleted_idx"),
        ]

    def __str__(self) -> str:
        return f"Observation: {self.focus}"


class EvidenceItem(TandemModel):
    """An item in the learner's portfolio of evidence (seed 002 §4.3.3)."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="evidence"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=2000, blank=True)
    goals = models.ManyToManyField(Goal, blank=True, related_name="evidence")
    # Stored through the configured storage backend, never under the web root; served only
    # through relationships:evidence-download after the policy check.
    file = models.FileField(upload_to="portfolio/%Y/%m/", blank=True)
    link = models.URLField(blank=True)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size_bytes = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="relationships_evidence_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TimeKind(models.TextChoices):
    PREPARATION = "preparation", "Preparation"
    OBSERVATION = "observation", "Observation"
    TRAINING = "training", "Training"
    REFLECTION = "reflection", "Reflection and follow-up"
    OTHER = "other", "Other"


class TimeEntry(TandemModel):
    """Non-contact time (seed 002 §4.3.1); contact time comes from held conversations."""

    Kind = TimeKind

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="time_entries"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=TimeKind)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(720)]
    )
    spent_on = models.DateField("date")
    note = models.CharField(max_length=300, blank=True)
    # Soft delete: a mistake can be undone for a while (services.corrections.UNDO_WINDOW).
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = deleted_by_field()

    objects = LiveManager["TimeEntry"]()
    all_objects = models.Manager["TimeEntry"]()

    class Meta:
        ordering = ["-spent_on"]
        indexes = [
            # The time page lists a relationship's live rows and the recently deleted.
            models.Index(fields=["relationship", "deleted_at"], name="timeentry_rel_deleted_idx"),
        ]
        constraints = [
            choices_constraint("relationships_timeentry_kind_valid", kind=TimeKind),
            models.CheckConstraint(
                condition=Q(minutes__gte=5) & Q(minutes__lte=720),
                name="relationships_timeentry_minutes_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} minutes of {self.get_kind_display().lower()}"
