"""Two-way learning and the people learning is for (issue 18, part 4).

- A mentor's or co-coach's own learning goals and learning log (seed 003 principle 8,
  "acknowledging the benefits to the mentors and coaches"; seed 002 §6, the two-way
  learning process): private to their owner, encrypted at rest like private notes.
- Pupil-level outcome measures a programme defines, and the class-level figures a learner
  records before and after (seed 002 §3.5): counts and percentages only, never a pupil's
  name or identifier.
- A referral to a specialist coach for a focus area while the learner keeps their mentor
  (seed 003 principle 4, combining support from fellow learners and specialists).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.programmes.choices import FRAMEWORK_KEYS
from tandem.programmes.models import Programme
from tandem.relationships.crypto import EncryptedTextField
from tandem.relationships.models.record import GoalStatus, LiveManager, deleted_by_field
from tandem.relationships.models.relationship import Relationship


def _check_framework_keys(keys: list[str], field: str) -> None:
    unknown = set(keys or []) - FRAMEWORK_KEYS
    if unknown:
        raise ValidationError({field: f"Unknown framework key: {min(unknown)}."})


class OwnLearningGoal(TandemModel):
    """A goal the mentor, coach or co-coach sets for their own learning from mentoring:
    visible to its owner alone (counted, never read, in aggregates)."""

    Status = GoalStatus

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="own_learning_goals"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = EncryptedTextField("what I want to learn", max_length=200, single_line=True)
    how_i_will_know = EncryptedTextField(
        "how I will know", max_length=2000, blank=True, help_text="Optional."
    )
    status = models.CharField(max_length=12, choices=GoalStatus, default=GoalStatus.NOT_STARTED)
    framework_keys = models.JSONField(default=list, blank=True)
    # Soft delete: a mistake can be undone for a while (services.corrections.UNDO_WINDOW).
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = deleted_by_field()

    objects = LiveManager["OwnLearningGoal"]()
    all_objects = models.Manager["OwnLearningGoal"]()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            choices_constraint("relationships_ownlearninggoal_status_valid", status=GoalStatus),
        ]
        indexes = [
            # "My own learning" lists one owner's live and recently deleted rows in a relationship.
            models.Index(
                fields=["owner", "relationship", "deleted_at"], name="ownlearninggoal_owner_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        _check_framework_keys(self.framework_keys, "framework_keys")


class LearningLogEntry(TandemModel):
    """One entry in a mentor's or co-coach's private learning log: what they learned from
    mentoring, on a date, optionally linked to an item of the Framework."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="learning_log_entries"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    learned_on = models.DateField("date")
    learned = EncryptedTextField("what I learned", max_length=4000)
    framework_key = models.CharField(
        "Framework link", max_length=80, blank=True, help_text="Optional."
    )
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = deleted_by_field()

    objects = LiveManager["LearningLogEntry"]()
    all_objects = models.Manager["LearningLogEntry"]()

    class Meta:
        ordering = ["-learned_on", "-created_at"]
        indexes = [
            # "My own learning" lists one owner's live and recently deleted rows in a relationship.
            models.Index(
                fields=["owner", "relationship", "deleted_at"], name="learninglog_owner_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Learning log entry of {self.learned_on:%d %B %Y}"

    def clean(self) -> None:
        super().clean()
        if self.framework_key:
            _check_framework_keys([self.framework_key], "framework_key")


class OutcomeScale(models.TextChoices):
    BANDS = "bands", "Number of pupils in each band"
    PERCENTAGE = "percentage", "A percentage for the class"


class PupilOutcomeMeasure(TandemModel):
    """A pupil-level outcome a programme's learners work on (seed 002 §3.5), measured for a
    whole class: attainment bands, attendance, engagement. Defined by the coordinators."""

    Scale = OutcomeScale

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="pupil_outcome_measures"
    )
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    scale = models.CharField(max_length=12, choices=OutcomeScale)
    # The band labels, lowest first (for the `bands` scale), e.g. "Working towards".
    bands = models.JSONField(default=list, blank=True)
    created_by = acting_user()

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_constraint("relationships_pupiloutcomemeasure_scale_valid", scale=OutcomeScale),
            models.UniqueConstraint(
                fields=["programme", "name"], name="relationships_pupiloutcomemeasure_name_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.scale == OutcomeScale.BANDS and not 2 <= len(self.bands or []) <= 8:
            raise ValidationError({"bands": "Give between 2 and 8 bands, one a line."})
        if self.scale == OutcomeScale.PERCENTAGE and self.bands:
            raise ValidationError({"bands": "A percentage has no bands: leave this empty."})


class OutcomePhase(models.TextChoices):
    BEFORE = "before", "Before"
    AFTER = "after", "After"


class PupilOutcomeRecord(TandemModel):
    """A learner's class-level figures for one measure, before or after: aggregated and
    anonymous (numbers only; no field can hold a pupil's name)."""

    Phase = OutcomePhase

    measure = models.ForeignKey(
        PupilOutcomeMeasure, on_delete=models.CASCADE, related_name="records"
    )
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="pupil_outcomes"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    phase = models.CharField(max_length=6, choices=OutcomePhase)
    # Pupils in each band, in the measure's band order (bands scale only).
    band_counts = models.JSONField(default=list, blank=True)
    percentage = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["measure__name", "phase"]
        constraints = [
            choices_constraint("relationships_pupiloutcomerecord_phase_valid", phase=OutcomePhase),
            models.UniqueConstraint(
                fields=["measure", "relationship", "recorded_by", "phase"],
                name="relationships_pupiloutcomerecord_once_per_phase",
            ),
            models.CheckConstraint(
                condition=Q(percentage__isnull=True) | Q(percentage__lte=100),
                name="relationships_pupiloutcomerecord_percentage_range",
            ),
        ]
        indexes = [
            # The programme's pupil-outcome report reads every record of a measure.
            models.Index(fields=["measure", "phase"], name="pupiloutcome_measure_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} ({self.get_phase_display().lower()})"

    @property
    def num_pupils(self) -> int:
        return sum(self.band_counts or [])


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Accepted"
    ENDED = "ended", "Ended"


class SpecialistReferral(TandemModel):
    """A learner referred to a specialist coach for a focus area while keeping their mentor.

    Visible to the learner, the relationship's supporting members, the specialist and the
    programme's coordinators; the specialist sees this referral only, never the
    relationship's record."""

    Status = ReferralStatus

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="referrals"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrals_received"
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_as_specialist"
    )
    focus_area = models.CharField(max_length=200)
    note = models.TextField(
        "what the specialist needs to know",
        max_length=2000,
        blank=True,
        help_text="Shared with the learner, the mentor and the specialist.",
    )
    status = models.CharField(
        max_length=10, choices=ReferralStatus, default=ReferralStatus.REQUESTED
    )
    is_agreed_by_learner = models.BooleanField(default=False)
    referred_by = acting_user()
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint(
                "relationships_specialistreferral_status_valid", status=ReferralStatus
            ),
            models.CheckConstraint(
                condition=~Q(learner=models.F("specialist")),
                name="relationships_specialistreferral_not_self",
            ),
        ]
        indexes = [
            # "Referrals to me" lists a specialist's referrals by status.
            models.Index(fields=["specialist", "status"], name="referral_specialist_idx"),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.learner} for {self.focus_area}"

    def get_absolute_url(self) -> str:
        return reverse("relationships:referral-detail", kwargs={"referral_uuid": self.uuid})
