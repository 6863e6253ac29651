"""Publishing privacy notices, acknowledging them, and giving or withdrawing consent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from tandem.accounts.models import User
from tandem.organisations.models import Organisation
from tandem.people.models import Profile
from tandem.people.services import withdraw_diversity_consent
from tandem.privacy.models import (
    ConsentDecision,
    ConsentPurpose,
    NoticeAcknowledgement,
    PrivacyNotice,
)
from tandem.privacy.policy import can_edit_notice
from tandem.privacy.selectors.consent import consents_of


@transaction.atomic
def publish_notice(*, actor: User, organisation: Organisation, body: str) -> PrivacyNotice:
    """Publish a new version of the organisation's privacy notice; its leaders and
    data-protection leads may call it. Members are asked to read it at their next sign-in."""
    if not can_edit_notice(actor, organisation):
        message = "Only the organisation's leaders and data-protection leads may publish it."
        raise PermissionError(message)
    # Lock the organisation so two people publishing at once get consecutive versions.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    notices = PrivacyNotice.objects.filter(organisation=organisation)
    latest = notices.order_by("-version").first()
    if latest is not None and latest.body.strip() == body.strip():
        raise ValidationError({"body": "The notice is unchanged, so there is no new version."})
    number = (notices.aggregate(highest=Max("version"))["highest"] or 0) + 1
    notice = PrivacyNotice(organisation=organisation, version=number, body=body, published_by=actor)
    notice.full_clean()
    notice.save()
    return notice


def acknowledge_notices(*, actor: User, notices: list[PrivacyNotice]) -> None:
    """Record that the actor has read these notices (each version once)."""
    NoticeAcknowledgement.objects.bulk_create(
        [NoticeAcknowledgement(notice=notice, user=actor) for notice in notices],
        ignore_conflicts=True,
    )


def _is_given(actor: User, purpose: ConsentPurpose) -> bool:
    return next(state.is_given for state in consents_of(actor) if state.purpose == purpose)


@transaction.atomic
def give_consent(*, actor: User, purpose: ConsentPurpose) -> ConsentDecision:
    """The actor consents to an optional use of their own data. Diversity consent is given
    with the answers themselves, on the profile form."""
    if purpose == ConsentPurpose.DIVERSITY:
        message = "Give diversity information, with your consent, on your profile."
        raise ValidationError(message)
    if _is_given(actor, purpose):
        raise ValidationError("You have already given this consent.")
    return ConsentDecision.objects.create(user=actor, purpose=purpose, is_given=True)


@transaction.atomic
def withdraw_consent(*, actor: User, purpose: ConsentPurpose) -> ConsentDecision:
    """The actor withdraws consent to an optional use of their own data, with effect now:
    withdrawn diversity consent deletes the answers; withdrawn research consent takes the
    person out of every research selection made after it (privacy.selectors.consent)."""
    if not _is_given(actor, purpose):
        raise ValidationError("You have not given this consent, so there is nothing to withdraw.")
    if purpose == ConsentPurpose.DIVERSITY:
        withdraw_diversity_consent(actor=actor, profile=Profile.objects.get(user=actor))
    return ConsentDecision.objects.create(user=actor, purpose=purpose, is_given=False)
