import datetime as dt
import math
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User, acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation, Partnership, Phase
from tandem.people.models import ProfileCareerStage
from tandem.programmes.choices import (
    Approach,
    GroupFormat,
    MentorSource,
    MentorStyle,
    Pairing,
    SectorMix,
)


def weeks_between(starts_on: dt.date, ends_on: dt.date) -> int:
    """A programme's length in weeks, from its dates: a part week counts as a week, and a
    programme that starts and ends on the same day lasts one."""
    return max(1, math.ceil(((ends_on - starts_on).days) / 7))


MAX_PROTECTED_MINUTES = 1200  # 20 hours a week


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Being set up"
    OPEN = "open", "Enrolling"
    RUNNING = "running", "Running"
    CLOSED = "closed", "Closed"


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def coordinated_by(self, user: User) -> "ProgrammeQuerySet":
        return self.filter(coordinators=user)


class Programme(TandemModel):
    """A mentoring or coaching scheme run for one or more organisations (or a partnership)."""

    Status = ProgrammeStatus
    Approach = Approach
    GroupFormat = GroupFormat
    Pairing = Pairing
    SectorMix = SectorMix
    MentorSource = MentorSource

    name = models.CharField(max_length=200)
    template_key = models.SlugField(max_length=40, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    aims = models.TextField("aims and objectives", max_length=4000)
    cpd_fit = models.TextField(
        "how it fits the CPD strategy",
        max_length=4000,
        blank=True,
        help_text="How the programme fits your organisation's professional development plan.",
    )
    approach = models.CharField(max_length=30, choices=Approach.choices)
    group_format = models.CharField("format", max_length=12, choices=GroupFormat.choices)
    pairing = models.CharField(max_length=15, choices=Pairing.choices)
    sector_mix = models.CharField("sectors", max_length=15, choices=SectorMix.choices)
    mentor_source = models.CharField(max_length=10, choices=MentorSource.choices)
    mentor_styles = models.JSONField(
        default=list, blank=True, help_text="Mentor styles the programme expects (Table 2.1)."
    )
    meeting_every_days = models.PositiveSmallIntegerField(
        "meet every (days)",
        validators=[
            MinValueValidator(
                1, message="Enter how often pairs meet as a number of days from 1 to 120."
            ),
            MaxValueValidator(120, message="Pairs meet at least every 120 days: enter 1 to 120."),
        ],
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        "meeting length (minutes)",
        validators=[
            MinValueValidator(10, message="A meeting lasts at least 10 minutes."),
            MaxValueValidator(480, message="A meeting lasts at most 480 minutes (8 hours)."),
        ],
    )
    # Worked out from the start and end dates by the services (weeks_between), never typed.
    duration_weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(260)], editable=False
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    accepts_applications = models.BooleanField(
        "open to applications",
        default=False,
        help_text="Members of the programme's organisations may apply to join.",
    )
    organisations = models.ManyToManyField(Organisation, related_name="programmes")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="programmes"
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_programmes"
    )
    # Mentor requirements: checked when a mentor's enrolment is decided and when pairs form.
    requires_mentor_training = models.BooleanField("mentor training required", default=False)
    min_mentor_years = models.PositiveSmallIntegerField(
        "minimum years in the profession", default=0, validators=[MaxValueValidator(40)]
    )
    min_mentor_years_in_role = models.PositiveSmallIntegerField(
        "minimum years in current role",
        default=0,
        validators=[MaxValueValidator(40)],
        help_text="For example years of headship for new-headteacher mentoring.",
    )
    mentor_career_stages = models.JSONField(default=list, blank=True)
    # Credentials (the Lancashire bank of accredited mentors, seed 002 §5.4): checked at
    # enrolment, in approve-all, in matching and when pairing from a mentor bank.
    requires_accredited_mentor = models.BooleanField(
        "accredited mentor required",
        default=False,
        db_default=False,
        help_text="The mentor must hold an accredited mentor training record that has not expired.",
    )
    required_mentor_course = models.CharField(
        "training course required",
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="The name of a course every mentor must have completed (in date, if it "
        "expires). Leave empty for none.",
    )
    mentor_must_be_external = models.BooleanField(
        "mentor must be from another organisation", default=False
    )
    forbid_line_manager = models.BooleanField(
        "forbid line managers as mentors",
        default=True,
        help_text="Otherwise a line-manager pairing needs a recorded justification.",
    )
    forbid_assessor = models.BooleanField(
        "forbid assessors as mentors",
        default=False,
        help_text="Otherwise a mentor who also assesses needs a recorded justification.",
    )
    agreement_template = models.JSONField(
        default=dict, blank=True, help_text="Starting text for each learning agreement."
    )
    # Protected time each week (seed 002 §4.3.1, non-contact time for mentors and mentees):
    # the time ledger and held meetings are compared against it. 0: no allowance set.
    mentor_minutes_per_week = models.PositiveSmallIntegerField(
        "protected time for each mentor (minutes a week)",
        default=0,
        db_default=0,
        validators=[
            MinValueValidator(0, message="Enter the minutes a week as 0 or more."),
            MaxValueValidator(
                MAX_PROTECTED_MINUTES,
                message="Protected time is at most 1,200 minutes (20 hours) a week.",
            ),
        ],
        help_text="Time set aside for mentoring, preparation and observation. 0 if none is set.",
    )
    mentee_minutes_per_week = models.PositiveSmallIntegerField(
        "protected time for each mentee (minutes a week)",
        default=0,
        db_default=0,
        validators=[
            MinValueValidator(0, message="Enter the minutes a week as 0 or more."),
            MaxValueValidator(
                MAX_PROTECTED_MINUTES,
                message="Protected time is at most 1,200 minutes (20 hours) a week.",
            ),
        ],
        help_text="Time set aside for meetings and development activities. 0 if none is set.",
    )
    # Scheme rules (seed 002 §2.3.3 and §2.3.5): pairs across sectors, who may take part as a
    # learner, and an allowance per participant per term (the EPD pilot's).
    pairs_must_cross_sector = models.BooleanField(
        "mentor and learner must be from different sectors",
        default=False,
        db_default=False,  # old app servers insert rows without it during a rolling deploy
        help_text="Pairing by hand and by matching both refuse same-sector pairs.",
    )
    eligible_career_stages = models.JSONField(
        "learners' career stages",
        default=list,
        db_default=Value([], models.JSONField()),
        blank=True,
        help_text="Leave empty to accept any career stage.",
    )
    eligible_min_years = models.PositiveSmallIntegerField(
        "learners' years in the profession: at least",
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text="For example 1 for teachers in their second year (EPD).",
    )
    eligible_max_years = models.PositiveSmallIntegerField(
        "learners' years in the profession: at most",
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    eligible_max_years_in_role = models.PositiveSmallIntegerField(
        "learners' years in current role: at most",
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text="For example 1 for new headteachers in their first two years.",
    )
    eligible_phases = models.ManyToManyField(
        Phase,
        blank=True,
        related_name="eligible_for_programmes",
        verbose_name="learners' phases",
        help_text="Leave empty to accept any phase.",
    )
    allowance_per_term = models.DecimalField(
        "funding allowance per participant per term (£)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Leave empty if the programme gives no allowance.",
    )
    created_by = acting_user()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="programmes_programme_ends_after_start",
            ),
            choices_constraint("programmes_programme_status_valid", status=ProgrammeStatus),
            choices_constraint("programmes_programme_approach_valid", approach=Approach),
            choices_constraint(
                "programmes_programme_model_valid",
                group_format=GroupFormat,
                pairing=Pairing,
                sector_mix=SectorMix,
                mentor_source=MentorSource,
            ),
            models.CheckConstraint(
                condition=Q(meeting_every_days__gte=1) & Q(meeting_minutes__gte=10),
                name="programmes_programme_rhythm_positive",
            ),
            models.CheckConstraint(
                condition=Q(mentor_minutes_per_week__lte=MAX_PROTECTED_MINUTES)
                & Q(mentee_minutes_per_week__lte=MAX_PROTECTED_MINUTES),
                name="programmes_programme_protected_time_plausible",
            ),
            models.CheckConstraint(
                condition=Q(eligible_min_years__isnull=True)
                | Q(eligible_max_years__isnull=True)
                | Q(eligible_max_years__gte=models.F("eligible_min_years")),
                name="programmes_programme_eligible_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(allowance_per_term__isnull=True) | Q(allowance_per_term__gt=0),
                name="programmes_programme_allowance_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", kwargs={"programme_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The end date must be on or after the start date."
        elif self.starts_on and self.ends_on and weeks_between(self.starts_on, self.ends_on) > 260:
            errors["ends_on"] = (
                "A programme can last at most 260 weeks (five years); these dates span "
                f"{weeks_between(self.starts_on, self.ends_on)} weeks."
            )
        unknown_styles = set(self.mentor_styles or []) - set(MentorStyle.values)
        if unknown_styles:
            errors["mentor_styles"] = f"Unknown mentor style: {sorted(unknown_styles)[0]}."
        unknown_stages = set(self.mentor_career_stages or []) - set(ProfileCareerStage.values)
        if unknown_stages:
            errors["mentor_career_stages"] = f"Unknown career stage: {sorted(unknown_stages)[0]}."
        errors.update(self.eligibility_errors())
        if errors:
            raise ValidationError(errors)

    @property
    def mentor_style_labels(self) -> list[str]:
        return [MentorStyle(value).label for value in self.mentor_styles]

    @property
    def mentor_career_stage_labels(self) -> list[str]:
        return [ProfileCareerStage(value).label for value in self.mentor_career_stages]

    def eligibility_errors(self) -> dict[str, str]:
        errors = {}
        unknown = set(self.eligible_career_stages or []) - set(ProfileCareerStage.values)
        if unknown:
            errors["eligible_career_stages"] = f"Unknown career stage: {sorted(unknown)[0]}."
        low, high = self.eligible_min_years, self.eligible_max_years
        if low is not None and high is not None and high < low:
            errors["eligible_max_years"] = (
                f"The most years ({high}) must be at least the fewest years ({low})."
            )
        return errors

    @property
    def eligible_career_stage_labels(self) -> list[str]:
        return [ProfileCareerStage(value).label for value in self.eligible_career_stages]

    @property
    def has_eligibility_rules(self) -> bool:
        """Whether a learner rule other than phases is set (phases need a query)."""
        return bool(
            self.eligible_career_stages
            or self.eligible_min_years is not None
            or self.eligible_max_years is not None
            or self.eligible_max_years_in_role is not None
        )


class EnrolmentRole(models.TextChoices):
    MENTOR = "mentor", "Mentor, coach or facilitator"
    MENTEE = "mentee", "Mentee or coachee"
    PEER = "peer", "Co-coach or co-mentor (both)"


class EnrolmentStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    APPLIED = "applied", "Applied"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A decision already made can be changed for this long (a slip put right), then it stands.
DECISION_CHANGE_DAYS = 7


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def approved(self) -> "EnrolmentQuerySet":
        return self.filter(status=EnrolmentStatus.APPROVED)


class Enrolment(TandemModel):
    """A person's place in a programme: invited or applied, then approved or declined."""

    Role = EnrolmentRole
    Status = EnrolmentStatus

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    # Mentees: what they want to work on (seed 003 "setting challenging and personal goals").
    focus_areas = models.TextField(max_length=2000, blank=True)
    initial_goals = models.TextField(max_length=2000, blank=True)
    preferences = models.TextField(
        "preferences for a mentor",
        max_length=2000,
        blank=True,
        help_text="Mentee involvement in choosing a mentor matters (seed 002 §4.3.4).",
    )
    # Mentors: how many people they can support, and what they offer.
    capacity = models.PositiveSmallIntegerField(
        "how many mentees", default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    expertise = models.TextField(max_length=2000, blank=True)
    availability_note = models.CharField("availability", max_length=300, blank=True)
    unmet_requirements = models.JSONField(default=list, blank=True, editable=False)
    decision_note = models.CharField(max_length=500, blank=True)
    decided_by = acting_user(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    invited_by = acting_user(blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user", "role"],
                name="programmes_enrolment_once_per_role",
            ),
            choices_constraint("programmes_enrolment_role_valid", role=EnrolmentRole),
            choices_constraint("programmes_enrolment_status_valid", status=EnrolmentStatus),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=12),
                name="programmes_enrolment_capacity_plausible",
            ),
        ]
        indexes = [
            # The enrolment page lists a programme's people by status.
            models.Index(fields=["programme", "status"], name="enrolment_programme_status_idx"),
            # "My programmes" looks up a person's enrolments.
            models.Index(fields=["user", "status"], name="enrolment_user_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.programme}"

    @property
    def is_mentor_side(self) -> bool:
        return self.role in {EnrolmentRole.MENTOR, EnrolmentRole.PEER}

    @property
    def decision_change_until(self) -> dt.datetime | None:
        """Until when a coordinator's decision may still be changed (None: nothing decided
        yet). The enrolments page offers the change; the service enforces it."""
        if self.status not in {EnrolmentStatus.APPROVED, EnrolmentStatus.DECLINED}:
            return None
        if self.decided_at is None:
            return None
        return self.decided_at + dt.timedelta(days=DECISION_CHANGE_DAYS)

    @property
    def can_change_decision(self) -> bool:
        until = self.decision_change_until
        return until is not None and timezone.now() <= until


# Funding plans live in their own module; imported here so Django registers the models.
from tandem.programmes.models_funding import PlannedActivity, Spending  # noqa: E402, F401
