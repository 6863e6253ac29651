from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.framework.keys import EffectiveFeature, Principle
from tandem.models import TandemModel
from tandem.relationships.models.relationship import Relationship


def default_agreement_keys() -> list[str]:
    return [
        Principle.LEARNING_AGREEMENT.value,
        EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT.value,
        EffectiveFeature.CONFIDENTIALITY.value,
    ]


class LearningAgreement(TandemModel):
    """One version of a relationship's learning agreement (seed 003; seed 002 §4.3.5).

    Versions are never edited: an amendment is a new version that every member signs again,
    and the older versions stay as the agreement's history.
    """

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="agreements"
    )
    number = models.PositiveSmallIntegerField(editable=False)
    purpose = models.TextField("purpose and focus", max_length=4000)
    ground_rules = models.TextField(max_length=4000)
    confidentiality = models.TextField(max_length=4000)
    safeguarding_exceptions = models.TextField(
        "safeguarding exceptions to confidentiality", max_length=4000
    )
    meeting_arrangements = models.CharField(
        "where and how we meet", max_length=300, help_text="For example: Room 12, or video call."
    )
    meeting_every_days = models.PositiveSmallIntegerField(
        "meet every (days)", validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        "meeting length (minutes)", validators=[MinValueValidator(10), MaxValueValidator(480)]
    )
    duration_weeks = models.PositiveSmallIntegerField(
        "over how many weeks", validators=[MinValueValidator(1), MaxValueValidator(260)]
    )
    roles = models.TextField(
        "each member's role",
        max_length=2000,
        help_text="Say what each of you will do, and whether anyone assesses the learner.",
    )
    review_points = models.TextField(max_length=2000)
    ending_and_change = models.TextField("how to end or change mentor", max_length=2000)
    change_note = models.CharField("what changed in this version", max_length=300, blank=True)
    framework_keys = models.JSONField(default=default_agreement_keys, editable=False)
    created_by = acting_user()

    class Meta:
        ordering = ["relationship", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "number"], name="relationships_agreement_version_once"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="relationships_agreement_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Learning agreement version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "relationships:agreement-detail", kwargs={"relationship_uuid": self.relationship.uuid}
        )


class AgreementSignature(TandemModel):
    agreement = models.ForeignKey(
        LearningAgreement, on_delete=models.CASCADE, related_name="signatures"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "user"], name="relationships_signature_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} signed {self.agreement}"
