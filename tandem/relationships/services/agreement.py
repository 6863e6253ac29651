from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.mail import mail_on_commit
from tandem.relationships.models import AgreementSignature, LearningAgreement, Relationship
from tandem.relationships.services import EditConflictError
from tandem.relationships.services.common import require_member

AGREEMENT_FIELDS = [
    "purpose",
    "ground_rules",
    "confidentiality",
    "safeguarding_exceptions",
    "meeting_arrangements",
    "meeting_every_days",
    "meeting_minutes",
    "duration_weeks",
    "roles",
    "review_points",
    "ending_and_change",
    "change_note",
]


def current_agreement(relationship: Relationship) -> LearningAgreement | None:
    return relationship.agreements.order_by("-number").first()


@transaction.atomic
def amend_agreement(
    *, actor: User, relationship: Relationship, based_on: int, fields: dict
) -> LearningAgreement:
    """Save an amended learning agreement as a new version that every member signs again.
    Raises EditConflictError if someone saved a newer version since `based_on` was read."""
    require_member(actor, relationship)
    # Lock the relationship row so two amendments cannot both become version N+1.
    Relationship.objects.select_for_update().filter(pk=relationship.pk).first()
    latest = current_agreement(relationship)
    latest_number = latest.number if latest else 0
    if latest_number != based_on:
        raise EditConflictError(latest)
    agreement = LearningAgreement(
        relationship=relationship, number=latest_number + 1, created_by=actor
    )
    for name in AGREEMENT_FIELDS:
        setattr(agreement, name, fields.get(name, ""))
    if latest and not any(
        getattr(latest, name) != getattr(agreement, name) for name in AGREEMENT_FIELDS[:-1]
    ):
        message = "Nothing has changed from the current version."
        raise ValidationError(message)
    agreement.full_clean()
    agreement.save()
    others = [member.user for member in relationship.members.select_related("user")]
    mail_on_commit(
        [user for user in others if user.pk != actor.pk],
        "Your learning agreement has changed",
        f"{actor.display_name} has amended your learning agreement. Please read and sign it.",
    )
    return agreement


@transaction.atomic
def sign_agreement(*, actor: User, agreement: LearningAgreement) -> AgreementSignature:
    """A member signs the current version; when everyone has signed, a proposed
    relationship becomes active."""
    relationship = agreement.relationship
    require_member(actor, relationship)
    latest = current_agreement(relationship)
    if latest is None or latest.pk != agreement.pk:
        message = "A newer version of the agreement exists: read and sign that one."
        raise ValidationError(message)
    signature, _created = AgreementSignature.objects.get_or_create(agreement=agreement, user=actor)
    num_members = relationship.members.count()
    if (
        agreement.signatures.count() == num_members
        and relationship.status == Relationship.Status.PROPOSED
    ):
        relationship.status = Relationship.Status.ACTIVE
        relationship.started_on = relationship.started_on or timezone.localdate()
        relationship.save(update_fields=["status", "started_on", "updated_at"])
    return signature
