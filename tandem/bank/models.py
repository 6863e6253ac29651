"""A standing mentor bank: a register of mentors that outlives any one programme.

The Lancashire scheme kept a bank of over 90 accredited mentors so that every newly
appointed headteacher had immediate access to an experienced head (seed 002 §5.4). A bank
belongs to one organisation or one partnership; its programmes recruit from it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import User, acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation, Partnership


class MentorBankQuerySet(models.QuerySet["MentorBank"]):
    def coordinated_by(self, user: User) -> "MentorBankQuerySet":
        return self.filter(coordinators=user)


class MentorBank(TandemModel):
    """A register of mentors held by an organisation or a partnership."""

    name = models.CharField(max_length=200)
    description = models.TextField(
        max_length=2000,
        blank=True,
        help_text="Who the bank is for and what its mentors offer, for people thinking of "
        "applying.",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="mentor_banks"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="mentor_banks"
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_mentor_banks"
    )
    accepts_applications = models.BooleanField(
        "open to applications",
        default=True,
        help_text="Members of the organisation or partnership may apply to join the bank.",
    )
    created_by = acting_user()

    objects = MentorBankQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                # Held by exactly one organisation or one partnership.
                condition=(Q(organisation__isnull=False) & Q(partnership__isnull=True))
                | (Q(organisation__isnull=True) & Q(partnership__isnull=False)),
                name="bank_mentorbank_one_holder",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bank:bank-detail", kwargs={"bank_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        if bool(self.organisation_id) == bool(self.partnership_id):
            message = "Choose either an organisation or a partnership to hold the bank."
            raise ValidationError({"organisation": message})

    @property
    def holder(self) -> Organisation | Partnership | None:
        return self.organisation or self.partnership


class BankEntryStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    NOMINATED = "nominated", "Nominated"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


WAITING_STATUSES = (BankEntryStatus.APPLIED, BankEntryStatus.NOMINATED)


class BankEntryQuerySet(models.QuerySet["BankEntry"]):
    def approved(self) -> "BankEntryQuerySet":
        return self.filter(status=BankEntryStatus.APPROVED)


class BankEntry(TandemModel):
    """One mentor's place in a bank: applied or nominated once, then approved or declined.

    Their phases, subjects, expertise and training come from their profile; the entry holds
    what the bank asks for besides, and how many mentees they can take at once across every
    programme (their current load is counted from live relationships)."""

    Status = BankEntryStatus

    bank = models.ForeignKey(MentorBank, on_delete=models.CASCADE, related_name="entries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_entries"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    qualities = models.TextField(
        "qualities and skills",
        max_length=2000,
        blank=True,
        help_text="For example listening, challenge, knowledge of headship (seed 002 §4.4.2).",
    )
    experience = models.TextField(
        "experience",
        max_length=2000,
        blank=True,
        help_text="Roles held and mentoring or coaching done before.",
    )
    capacity = models.PositiveSmallIntegerField(
        "mentees at once, across all programmes",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    is_available = models.BooleanField(
        "taking mentees now",
        default=True,
        help_text="Untick for a while (for example a busy term) without leaving the bank.",
    )
    availability_note = models.CharField("availability", max_length=300, blank=True)
    decision_note = models.CharField("reason", max_length=500, blank=True)
    nominated_by = acting_user(blank=True)
    decided_by = acting_user(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = BankEntryQuerySet.as_manager()

    class Meta:
        ordering = ["bank", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "user"], name="bank_bankentry_once_per_bank"),
            choices_constraint("bank_bankentry_status_valid", status=BankEntryStatus),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=12),
                name="bank_bankentry_capacity_plausible",
            ),
        ]
        indexes = [
            # The bank page lists a bank's entries by status (approved, waiting).
            models.Index(fields=["bank", "status"], name="bankentry_bank_status_idx"),
            # "Find a mentor now" reads approved, available entries across banks.
            models.Index(fields=["status", "is_available"], name="bankentry_status_avail_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.bank}"

    def get_absolute_url(self) -> str:
        return reverse("bank:entry-detail", kwargs={"entry_uuid": self.uuid})

    @property
    def is_waiting(self) -> bool:
        return self.status in WAITING_STATUSES
