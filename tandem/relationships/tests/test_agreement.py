"""Learning agreements: versions, signing again after amendment, concurrent edits."""

import pytest
from django.urls import reverse

from tandem.relationships.models import LearningAgreement, Relationship
from tandem.relationships.services.agreement import amend_agreement, sign_agreement
from tandem.testing.workflow import pair

pytestmark = pytest.mark.django_db


def _fields(agreement, **changes):
    from tandem.relationships.services.agreement import AGREEMENT_FIELDS  # noqa: PLC0415

    return {name: getattr(agreement, name) for name in AGREEMENT_FIELDS} | changes


def test_signing_by_everyone_activates_a_proposed_relationship(cast):
    relationship = pair(
        cast["coordinator"], cast["programme"], cast["mentor"], cast["other_mentee"]
    )
    agreement = relationship.agreements.get()
    sign_agreement(actor=cast["mentor"], agreement=agreement)
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.PROPOSED
    sign_agreement(actor=cast["other_mentee"], agreement=agreement)
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.ACTIVE
    assert relationship.started_on is not None


def test_an_amendment_is_a_new_version_that_everyone_signs_again(cast):
    first = cast["agreement"]
    second = amend_agreement(
        actor=cast["mentee"],
        relationship=cast["relationship"],
        based_on=1,
        fields=_fields(first, meeting_arrangements="Lab 3, Tuesdays", change_note="New room"),
    )
    assert second.number == 2
    assert second.signatures.count() == 0
    assert first.signatures.count() == 2  # history keeps who signed what
    assert LearningAgreement.objects.filter(relationship=cast["relationship"]).count() == 2


def test_an_old_version_cannot_be_signed(client, cast):
    amend_agreement(
        actor=cast["mentee"],
        relationship=cast["relationship"],
        based_on=1,
        fields=_fields(cast["agreement"], purpose="A sharper focus on questioning."),
    )
    client.force_login(cast["mentor"])
    url = reverse("relationships:agreement-sign", args=[cast["relationship"].uuid])
    response = client.post(url, {"number": 1}, follow=True)
    assert "A newer version of the agreement exists" in response.content.decode()


def test_concurrent_amendments_do_not_overwrite_each_other(client, cast):
    agreement = cast["agreement"]
    url = reverse("relationships:agreement-edit", args=[cast["relationship"].uuid])
    form = _fields(agreement, based_on=1)
    client.force_login(cast["mentor"])
    assert client.post(url, form | {"purpose": "Mentor's wording"}).status_code == 302
    client.force_login(cast["mentee"])
    response = client.post(url, form | {"purpose": "Mentee's wording"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved a change while you were editing" in page
    assert "Mentee&#x27;s wording" in page  # what she typed is kept
    assert "Mentor&#x27;s wording" in page  # and the saved version is shown
    assert LearningAgreement.objects.filter(relationship=cast["relationship"]).count() == 2


def test_an_invalid_amendment_explains_and_keeps_the_text(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("relationships:agreement-edit", args=[cast["relationship"].uuid])
    data = _fields(cast["agreement"], based_on=1, meeting_minutes=2, purpose="Keep this text")
    response = client.post(url, data)
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Keep this text" in page
