"""Privacy notices, their acknowledgements, and people's consent to optional uses."""

from django.conf import settings
from django.db import models

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
