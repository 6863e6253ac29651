"""Combining peer and specialist support (seed 003 principle 4): a learner is referred to a
specialist coach for a focus area while keeping their mentor, and the referral is visible
to the learner, the mentor and the specialist, who sees nothing else."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.relationships.models import RelationshipMember, SpecialistReferral
from tandem.relationships.services import twoway
from tandem.testing.workflow import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def specialist(cast):
    return person(cast["moorland"], "Sam Specialist")


def _refer(cast, specialist, actor="mentor", **extra):
    return twoway.refer_to_specialist(
        actor=cast[actor],
        relationship=cast["relationship"],
        learner=cast["mentee"],
        specialist=specialist,
        focus_area="Behaviour for learning",
        **({"is_agreed_by_learner": True} | extra),
    )


def test_the_mentor_refers_with_the_learners_agreement_from_the_page(client, cast, specialist):
    client.force_login(cast["mentor"])
    url = reverse("relationships:referral-add", args=[cast["relationship"].uuid])
    data = {
        "learner": cast["mentee"].pk,
        "specialist": specialist.pk,
        "focus_area": "Behaviour for learning",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert not SpecialistReferral.objects.exists()
    response = client.post(url, data | {"is_agreed_by_learner": "on"})
    assert response.status_code == 302
    referral = SpecialistReferral.objects.get()
    assert referral.is_agreed_by_learner
    assert AuditEvent.objects.filter(action="specialistreferral.create").exists()
    # The learner keeps their mentor.
    assert RelationshipMember.objects.filter(
        relationship=cast["relationship"], user=cast["mentor"]
    ).exists()


def test_without_agreement_a_mentor_cannot_refer(cast, specialist):
    with pytest.raises(ValidationError):
        _refer(cast, specialist, is_agreed_by_learner=False)


def test_a_coordinator_refers_without_the_agreement_box(client, cast, specialist):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("relationships:referral-add", args=[cast["relationship"].uuid]))
    assert "has agreed" not in page.content.decode()
    referral = _refer(cast, specialist, actor="coordinator", is_agreed_by_learner=False)
    assert referral.status == SpecialistReferral.Status.REQUESTED


def test_the_learner_cannot_be_their_own_specialist_nor_the_mentor(cast):
    with pytest.raises(ValidationError):
        _refer(cast, cast["mentor"])


def test_the_referral_is_seen_by_the_learner_the_mentor_and_the_specialist(
    client, cast, specialist
):
    referral = _refer(cast, specialist)
    for role in ("mentee", "mentor"):
        client.force_login(cast[role])
        page = client.get(cast["relationship"].get_absolute_url()).content.decode()
        assert "Sam Specialist" in page, role
    client.force_login(specialist)
    listing = client.get(reverse("relationships:my-referrals")).content.decode()
    assert "Behaviour for learning" in listing
    assert client.get(referral.get_absolute_url()).status_code == 200
    assert client.get(cast["relationship"].get_absolute_url()).status_code == 404
    client.force_login(cast["other_mentee"])
    assert client.get(referral.get_absolute_url()).status_code == 404


def test_only_the_specialist_accepts_and_anyone_who_sees_it_may_end_it(client, cast, specialist):
    referral = _refer(cast, specialist)
    client.force_login(cast["mentee"])
    assert (
        client.post(reverse("relationships:referral-accept", args=[referral.uuid])).status_code
        == 403
    )
    with pytest.raises(PermissionError):
        twoway.accept_referral(actor=cast["mentor"], referral=referral)
    client.force_login(specialist)
    client.post(reverse("relationships:referral-accept", args=[referral.uuid]))
    referral.refresh_from_db()
    assert referral.status == SpecialistReferral.Status.ACCEPTED
    with pytest.raises(ValidationError):
        twoway.accept_referral(actor=specialist, referral=referral)
    with pytest.raises(PermissionError):
        twoway.end_referral(actor=cast["other_mentee"], referral=referral)
    client.force_login(cast["mentee"])
    client.post(reverse("relationships:referral-end", args=[referral.uuid]))
    referral.refresh_from_db()
    assert referral.status == SpecialistReferral.Status.ENDED
    assert referral.ended_at is not None


def test_the_learner_cannot_make_a_referral(client, cast, specialist):
    with pytest.raises(PermissionError):
        _refer(cast, specialist, actor="mentee")
    client.force_login(cast["mentee"])
    url = reverse("relationships:referral-add", args=[cast["relationship"].uuid])
    assert client.get(url).status_code == 403


def test_my_referrals_runs_a_fixed_number_of_queries(
    client, cast, specialist, django_assert_num_queries
):
    client.force_login(specialist)
    url = reverse("relationships:my-referrals")
    _refer(cast, specialist)
    client.get(url)
    # session, user, referrals to me, referrals of me
    with django_assert_num_queries(4):
        client.get(url)
    other = person(cast["moorland"], "Another Specialist")
    twoway.refer_to_specialist(
        actor=cast["coordinator"],
        relationship=cast["relationship"],
        learner=cast["mentee"],
        specialist=specialist,
        focus_area="Reading",
    )
    _refer(cast, other)
    with django_assert_num_queries(4):
        client.get(url)
