"""Which privacy notices a person has still to read, and which consents they have given."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from tandem.accounts.models import User
from tandem.organisations.models import Membership
from tandem.people.models import Profile
from tandem.privacy.models import (
    ConsentDecision,
    ConsentPurpose,
    NoticeAcknowledgement,
    PrivacyNotice,
)


def current_notices(user: User) -> QuerySet[PrivacyNotice]:
    """The latest notice of each organisation the user belongs to, each marked with
    `is_acknowledged` (whether the user has read that version)."""
    latest = PrivacyNotice.objects.filter(organisation=OuterRef("organisation")).order_by(
        "-version"
    )
    return (
        PrivacyNotice.objects.filter(
            organisation__in=Membership.objects.current()
            .filter(user=user)
            .values("organisation_id"),
            pk=Subquery(latest.values("pk")[:1]),
        )
        .annotate(
            is_acknowledged=Exists(
                NoticeAcknowledgement.objects.filter(notice=OuterRef("pk"), user=user)
            )
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def notices_due(user: User) -> QuerySet[PrivacyNotice]:
    """Notices the user has not yet acknowledged in their current version."""
    return current_notices(user).exclude(acknowledgements__user=user)


def _latest_decision(purpose: str) -> QuerySet[ConsentDecision]:
    return ConsentDecision.objects.filter(user=OuterRef("pk"), purpose=purpose).order_by(
        "-created_at", "-pk"
    )


def users_consenting(purpose: ConsentPurpose) -> QuerySet[User]:
    """People whose consent to `purpose` is in force now (for research exports and the
    like: filter with this before reading anyone's data for an optional use)."""
    if purpose == ConsentPurpose.DIVERSITY:
        return User.objects.filter(profile__diversity_consented_at__isnull=False)
    return User.objects.annotate(
        consent_in_force=Subquery(_latest_decision(purpose).values("is_given")[:1])
    ).filter(consent_in_force=True)


def has_consent(user: User, purpose: ConsentPurpose) -> bool:
    return users_consenting(purpose).filter(pk=user.pk).exists()


@dataclass(frozen=True)
class ConsentState:
    purpose: ConsentPurpose
    given_at: dt.datetime | None  # when the consent in force was given; None if not

    @property
    def is_given(self) -> bool:
        return self.given_at is not None


def consents_of(user: User) -> list[ConsentState]:
    """Every optional use, and whether (and since when) the user consents to it."""
    profile = Profile.objects.filter(user=user).only("diversity_consented_at").first()
    research = (
        ConsentDecision.objects.filter(user=user, purpose=ConsentPurpose.RESEARCH)
        .order_by("-created_at", "-pk")
        .first()
    )
    return [
        ConsentState(ConsentPurpose.DIVERSITY, profile.diversity_consented_at if profile else None),
        ConsentState(
            ConsentPurpose.RESEARCH,
            research.created_at if research is not None and research.is_given else None,
        ),
    ]
