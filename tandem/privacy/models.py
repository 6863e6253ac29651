"""Privacy notices, their acknowledgements, and people's consent to optional uses; the
records of a person's rights being exercised: subject-access packs, erasure requests and
the log of what the retention schedule disposed of."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation


class PrivacyNotice(TandemModel):
    """One version of an organisation's privacy notice (UK GDPR Arts. 13–14). A change is a
    new version, so what each person was shown and acknowledged stays on record."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="privacy_notices"
    )
    version = models.PositiveIntegerField(editable=False)
    body = models.TextField("notice", max_length=20000)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="privacy_privacynotice_one_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Privacy notice of {self.organisation}, version {self.version}"


class NoticeAcknowledgement(TandemModel):
    """A person's acknowledgement that they have read one version of a notice."""

    notice = models.ForeignKey(
        PrivacyNotice, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_acknowledgements"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "user"], name="privacy_noticeacknowledgement_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.notice}"


class ConsentPurpose(models.TextChoices):
    DIVERSITY = "diversity", "Diversity information"
    RESEARCH = "research", "Research use of my data and quotes"


class ConsentDecision(TandemModel):
    """One decision by a person on an optional use of their data: consent given or
    withdrawn. Rows are appended, never changed; the latest per purpose is in force."""

    Purpose = ConsentPurpose

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_decisions"
    )
    purpose = models.CharField(max_length=20, choices=ConsentPurpose)
    is_given = models.BooleanField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            choices_constraint("privacy_consentdecision_purpose_valid", purpose=ConsentPurpose),
        ]
        indexes = [
            # has_consent and the research export read a person's latest decision per purpose.
            models.Index(fields=["user", "purpose", "created_at"], name="consent_user_purpose_idx"),
        ]

    def __str__(self) -> str:
        verb = "gave" if self.is_given else "withdrew"
        return f"{self.user} {verb} consent: {self.get_purpose_display()}"


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Being prepared"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be prepared"


class ErasureStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting a second data-protection lead"
    COMPLETED = "completed", "Erased"
    CANCELLED = "cancelled", "Cancelled"


class DisposalOutcome(models.TextChoices):
    DELETED = "deleted", "Deleted"
    ANONYMISED = "anonymised", "Anonymised"


class SubjectAccessPack(TandemModel):
    """A ZIP of everything Tandem holds about one person, built in the background.

    The pack itself is personal data: it is deleted from storage when the retention
    schedule's `subject-access` period has passed.
    """

    Status = PackStatus

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subject_access_packs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=PackStatus, default=PackStatus.QUEUED)
    # Kept in the configured storage so a worker on another machine can write it.
    file = models.FileField(upload_to="subject-access/%Y/%m/", blank=True)
    num_records = models.PositiveIntegerField(default=0, db_default=0)
    num_files = models.PositiveIntegerField(default=0, db_default=0)
    error = models.CharField(max_length=300, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("privacy_subjectaccesspack_status_valid", status=PackStatus),
        ]
        indexes = [
            # "Your packs" on the download page: one person's packs, newest first.
            models.Index(fields=["subject", "created_at"], name="privacy_pack_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"Subject-access pack for {self.subject}"


class ErasureRequest(TandemModel):
    """A data-protection lead's request to erase a person, which another lead approves.

    Two people are needed because erasure cannot be undone. After approval the subject's
    account holds only a pseudonym, so this row names no one.
    """

    Status = ErasureStatus

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_requests"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="erasure_requests"
    )
    reason = models.TextField(help_text="For example: the person's own request, by email.")
    status = models.CharField(max_length=10, choices=ErasureStatus, default=ErasureStatus.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    pseudonym = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("privacy_erasurerequest_status_valid", status=ErasureStatus),
            # The two-person rule: whoever asks may not also approve (they may cancel).
            models.CheckConstraint(
                condition=~Q(status="completed") | ~Q(decided_by=F("requested_by")),
                name="privacy_erasurerequest_two_people",
            ),
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(status="requested"),
                name="privacy_erasurerequest_one_open_per_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"Erasure request {self.uuid}"


class DisposalLog(TandemModel):
    """What one run of the retention schedule deleted or anonymised: counts, never names."""

    Outcome = DisposalOutcome

    rule = models.CharField(max_length=40, help_text="The period's name, e.g. 'relationship'.")
    model = models.CharField(
        max_length=80, help_text="The model's label, e.g. 'relationships.Goal'."
    )
    outcome = models.CharField(max_length=12, choices=DisposalOutcome)
    num_records = models.PositiveIntegerField()
    cutoff_on = models.DateField(help_text="Records whose anchor date fell before this day.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("privacy_disposallog_outcome_valid", outcome=DisposalOutcome),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} {self.num_records} {self.model}"
