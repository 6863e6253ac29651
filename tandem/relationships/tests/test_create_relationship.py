"""Forming relationships: conflicts of interest (seed 002 §4.2.3, §6) and programme rules."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.organisations.models import Membership
from tandem.relationships.models import Relationship
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


def test_line_manager_as_mentor_is_refused_when_the_programme_forbids_it(cast):
    programme = cast["programme"]
    approve(programme, cast["line_manager"], "mentor")
    with pytest.raises(ValidationError, match="line manager"):
        pair(cast["coordinator"], programme, cast["line_manager"], cast["mentee"])


def test_line_manager_conflict_needs_a_justification_when_allowed(cast):
    programme = cast["programme"]
    programme.forbid_line_manager = False
    programme.save()
    approve(programme, cast["line_manager"], "mentor")
    with pytest.raises(ValidationError) as error:
        pair(cast["coordinator"], programme, cast["line_manager"], cast["mentee"])
    assert "justification" in error.value.message_dict
    relationship = pair(
        cast["coordinator"],
        programme,
        cast["line_manager"],
        cast["mentee"],
        justification="Small school: no other science specialist.",
    )
    assert relationship.conflicts == ["line-manager"]
    assert relationship.conflict_justification.startswith("Small school")


def test_assessor_conflict_is_recorded_with_its_justification(cast):
    from tandem.relationships.services.lifecycle import create_relationship  # noqa: PLC0415

    relationship = create_relationship(
        actor=cast["coordinator"],
        programme=cast["programme"],
        members=[(cast["mentor"], "mentor", True), (cast["other_mentee"], "mentee", False)],
        justification="ITE placement: the school mentor also assesses by design.",
    )
    assert relationship.conflicts == ["assessor"]
    assert relationship.members.get(user=cast["mentor"]).is_assessor


def test_external_rule_refuses_a_mentor_from_the_same_school(cast):
    programme = cast["programme"]
    programme.mentor_must_be_external = True
    programme.save()
    with pytest.raises(ValidationError, match="another organisation"):
        pair(cast["coordinator"], programme, cast["mentor"], cast["other_mentee"])
    external = person(OrganisationFactory(), "Xena External")
    approve(programme, external, "mentor")
    assert pair(cast["coordinator"], programme, external, cast["other_mentee"]).pk


def test_people_not_approved_in_the_programme_cannot_be_paired(cast):
    with pytest.raises(ValidationError, match="not an approved participant"):
        pair(cast["coordinator"], cast["programme"], cast["leader"], cast["other_mentee"])


def test_only_coordinators_may_form_relationships(cast):
    with pytest.raises(PermissionError):
        pair(cast["mentor"], cast["programme"], cast["mentor"], cast["other_mentee"])


def test_form_explains_a_forbidden_pairing_and_keeps_the_choices(client, cast):
    approve(cast["programme"], cast["line_manager"], "mentor")
    client.force_login(cast["coordinator"])
    url = reverse("relationships:relationship-create", args=[cast["programme"].uuid])
    response = client.post(
        url,
        {
            "supporter": cast["line_manager"].pk,
            "learners": [cast["mentee"].pk],
            "justification": "Only option",
        },
    )
    assert response.status_code == 200
    assert "is Dana Mentee&#x27;s line manager" in response.content.decode()
    assert "Only option" in response.content.decode()
    assert Relationship.objects.count() == 1


def test_coordinator_pairs_two_people_through_the_form(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:relationship-create", args=[cast["programme"].uuid])
    response = client.post(
        url, {"supporter": cast["mentor"].pk, "learners": [cast["other_mentee"].pk]}
    )
    relationship = Relationship.objects.exclude(pk=cast["relationship"].pk).get()
    assert response.status_code == 302
    assert relationship.status == Relationship.Status.PROPOSED
    assert relationship.agreements.get().number == 1
    assert "Confidentiality does not apply" in relationship.agreements.get().safeguarding_exceptions
    assert Membership.objects.filter(user=cast["other_mentee"]).exists()
