"""Consent to optional uses: given and withdrawn by the person, with effect at once."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.privacy.models import ConsentDecision, ConsentPurpose
from tandem.privacy.selectors.consent import has_consent, users_consenting
from tandem.testing.factories import ProfileFactory

pytestmark = pytest.mark.django_db
MY_PRIVACY = reverse("privacy:my-privacy")


@pytest.fixture
def dana():
    profile = ProfileFactory(
        user__full_name="Dana Mentee",
        diversity_consented_at=timezone.now(),
        gender="woman",
        ethnic_group="mixed",
        disability="no",
    )
    return profile.user


@pytest.fixture
def eve():
    # Shares her diversity answers too: the totals must still count her after Dana leaves.
    profile = ProfileFactory(diversity_consented_at=timezone.now(), gender="woman")
    return profile.user


def test_withdrawing_diversity_consent_deletes_the_answers(client, dana, eve):
    client.force_login(dana)
    confirm = client.get(reverse("privacy:consent-withdraw", args=["diversity"]))
    assert "will be deleted at once" in confirm.content.decode()
    response = client.post(reverse("privacy:consent-withdraw", args=["diversity"]))
    assert response["Location"] == MY_PRIVACY
    dana.profile.refresh_from_db()
    profile = dana.profile
    assert (profile.gender, profile.ethnic_group, profile.disability) == ("", "", "")
    assert profile.diversity_consented_at is None
    assert list(users_consenting(ConsentPurpose.DIVERSITY)) == [eve]
    decision = ConsentDecision.objects.get(user=dana)
    assert (decision.purpose, decision.is_given) == ("diversity", False)


def test_asking_to_withdraw_is_not_withdrawing(client, dana):
    client.force_login(dana)
    client.get(reverse("privacy:consent-withdraw", args=["diversity"]))
    dana.profile.refresh_from_db()
    assert dana.profile.gender == "woman"


def test_research_consent_is_given_and_withdrawn(client, dana, eve):
    client.force_login(dana)
    assert not has_consent(dana, ConsentPurpose.RESEARCH)
    client.post(reverse("privacy:consent-give", args=["research"]))
    assert list(users_consenting(ConsentPurpose.RESEARCH)) == [dana]
    page = client.get(MY_PRIVACY).content.decode()
    assert f"Given on {timezone.localdate():%-d %B %Y}" in page
    client.post(reverse("privacy:consent-withdraw", args=["research"]))
    assert not users_consenting(ConsentPurpose.RESEARCH).exists()
    # Given again later: the latest decision is the one in force.
    client.post(reverse("privacy:consent-give", args=["research"]))
    assert has_consent(dana, ConsentPurpose.RESEARCH)
    assert ConsentDecision.objects.filter(user=dana).count() == 3


def test_withdrawing_what_was_never_given_says_so(client, eve):
    client.force_login(eve)
    response = client.post(reverse("privacy:consent-withdraw", args=["research"]), follow=True)
    assert "You have not given this consent, so there is nothing to withdraw." in (
        response.content.decode()
    )
    assert not ConsentDecision.objects.exists()


def test_giving_twice_or_diversity_here_is_refused_with_a_reason(client, dana):
    client.force_login(dana)
    client.post(reverse("privacy:consent-give", args=["research"]))
    twice = client.post(reverse("privacy:consent-give", args=["research"]), follow=True)
    assert "You have already given this consent." in twice.content.decode()
    diversity = client.post(reverse("privacy:consent-give", args=["diversity"]), follow=True)
    assert "Give diversity information, with your consent, on your profile." in (
        diversity.content.decode()
    )
    assert ConsentDecision.objects.count() == 1


def test_my_privacy_lists_every_consent_with_its_state(client, dana, django_assert_num_queries):
    client.force_login(dana)
    # session, user, profile, latest research decision, notices, notice organisations,
    # data-protection lead check
    with django_assert_num_queries(7):
        page = client.get(MY_PRIVACY).content.decode()
    assert "Diversity information" in page
    assert "Withdraw consent" in page
    assert "Research use of my data and quotes" in page
