import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tandem.models import TandemModel, choices_constraint
from tandem.organisations.choices import Region
from tandem.organisations.models import Phase
from tandem.people.availability import ALL_SLOTS_MASK, labels_from_mask


class Subject(TandemModel):
    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProfileCareerStage(models.TextChoices):
    TRAINEE = "trainee", "Trainee"
    EARLY_CAREER = "early-career", "Early-career"
    EXPERIENCED = "experienced", "Experienced"
    MIDDLE_LEADER = "middle-leader", "Middle leader"
    SENIOR_LEADER = "senior-leader", "Senior leader"
    HEADTEACHER = "headteacher", "Headteacher"
    OTHER_PROFESSIONAL = "other-professional", "Other professional"


class ProfileGender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non-binary", "Non-binary"
    SELF_DESCRIBED = "self-described", "In another way"
    PREFER_NOT = "prefer-not", "Prefer not to say"


class ProfileEthnicGroup(models.TextChoices):
    # The five high-level groups of the census for England and Wales.
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Another ethnic group"
    PREFER_NOT = "prefer-not", "Prefer not to say"


class ProfileDisability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = "prefer-not", "Prefer not to say"


class Tag(TandemModel):
    """A free vocabulary of expertise and interests (for example 'behaviour', 'SEND')."""

    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Language(TandemModel):
    code = models.CharField(max_length=12, unique=True, help_text="BCP 47 tag, e.g. en, cy, pl.")
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


postcode_district_validator = RegexValidator(
    regex=r"^[A-Z]{1,2}[0-9][A-Z0-9]?$",
    message="Enter the first half of a UK postcode only, for example LS6 or SW1A.",
)


class Profile(TandemModel):
    """A person's professional profile: what matching and programme pages need to know."""

    CareerStage = ProfileCareerStage
    Gender = ProfileGender
    EthnicGroup = ProfileEthnicGroup
    Disability = ProfileDisability

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    career_stage = models.CharField(max_length=20, choices=CareerStage.choices)
    years_in_profession = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(60)]
    )
    years_in_role = models.PositiveSmallIntegerField(
        "years in current role", default=0, validators=[MaxValueValidator(60)]
    )
    phases = models.ManyToManyField(Phase, blank=True, related_name="profiles")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="profiles")
    expertise = models.ManyToManyField(Tag, blank=True, related_name="expert_profiles")
    interests = models.ManyToManyField(Tag, blank=True, related_name="interested_profiles")
    languages = models.ManyToManyField(Language, blank=True, related_name="profiles")
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    postcode_district = models.CharField(
        max_length=4,
        blank=True,
        validators=[postcode_district_validator],
        help_text="The first half of a postcode only (for example LS6): never a full address.",
    )
    availability = models.PositiveIntegerField(
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(ALL_SLOTS_MASK)],
        help_text="Weekly slots as a bit mask (see people.availability).",
    )
    bio = models.TextField("short bio", blank=True, max_length=1500)
    is_open_to_mentoring = models.BooleanField(
        "willing to mentor or coach",
        default=False,
        help_text="Show me to coordinators looking for mentors and coaches.",
    )
    # Optional diversity fields: only with consent, and only for matching preferences and
    # aggregate reporting. Never shown to anyone but the person themself.
    diversity_consented_at = models.DateTimeField(null=True, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    ethnic_group = models.CharField(max_length=20, choices=EthnicGroup.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            choices_constraint(
                "people_profile_career_stage_valid", career_stage=ProfileCareerStage
            ),
            models.CheckConstraint(
                condition=Q(years_in_profession__lte=60) & Q(years_in_role__lte=60),
                name="people_profile_years_plausible",
            ),
            models.CheckConstraint(
                condition=Q(years_in_role__lte=models.F("years_in_profession")),
                name="people_profile_role_within_profession",
            ),
            models.CheckConstraint(
                condition=Q(availability__lte=ALL_SLOTS_MASK),
                name="people_profile_availability_known_slots",
            ),
            models.CheckConstraint(
                # Diversity data may exist only while the person's consent is recorded.
                condition=Q(diversity_consented_at__isnull=False)
                | (Q(gender="") & Q(ethnic_group="") & Q(disability="")),
                name="people_profile_diversity_needs_consent",
            ),
        ]
        indexes = [
            # Coordinators look for willing mentors by career stage.
            models.Index(
                fields=["is_open_to_mentoring", "career_stage"], name="profile_mentor_stage_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("people:profile-detail", kwargs={"user_uuid": self.user.uuid})

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.years_in_role > self.years_in_profession:
            errors["years_in_role"] = (
                "Years in your current role cannot be more than years in the profession."
            )
        has_diversity = bool(self.gender or self.ethnic_group or self.disability)
        if has_diversity and self.diversity_consented_at is None:
            errors["gender"] = "Tick the consent box to record diversity information."
        if errors:
            raise ValidationError(errors)
        if self.postcode_district:
            self.postcode_district = self.postcode_district.strip().upper()

    @property
    def availability_labels(self) -> list[str]:
        return labels_from_mask(self.availability)


class MentorTrainingRecord(TandemModel):
    """A mentor or coach's training: an evidence-based effective feature (seed 002 §4.3.2)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="training_records")
    course = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    completed_on = models.DateField()
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(2000)],
    )
    is_accredited = models.BooleanField("accredited", default=False)
    # Accreditation lapses: programmes that require an accredited mentor ask for one in date.
    expires_on = models.DateField(
        "accreditation expires on",
        null=True,
        blank=True,
        help_text="Leave empty if it does not expire.",
    )
    evidence_url = models.URLField("link to evidence", blank=True)
    evidence_file = models.FileField(upload_to="training-evidence/%Y/", blank=True)

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0.5) & Q(hours__lte=2000),
                name="people_mentortrainingrecord_hours_plausible",
            ),
        ]
        indexes = [
            # Profiles list training newest first; reports ask "trained since date X".
            models.Index(fields=["profile", "completed_on"], name="training_profile_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.provider})"

    def clean(self) -> None:
        super().clean()
        if self.completed_on and self.completed_on > timezone.localdate():
            raise ValidationError(
                {"completed_on": "Record training once it is complete: the date is in the future."}
            )
        if self.completed_on and self.expires_on and self.expires_on < self.completed_on:
            raise ValidationError(
                {"expires_on": "The expiry date must be on or after the date completed."}
            )

    def is_in_date(self, today: "dt.date") -> bool:
        return self.expires_on is None or self.expires_on >= today
