"""Find a mentor now: one mentee ranked against the bank, then paired through the services."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.bank.models import BankEntry, MentorBank
from tandem.bank.services import create_bank
from tandem.bank.tests.cast import accredit, build_bank_cast
from tandem.matching.from_bank import find_mentor_now, pair_from_bank
from tandem.programmes.models import Enrolment
from tandem.relationships.models import Relationship
from tandem.testing.factories import MembershipFactory, OrganisationFactory
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_bank_cast()
    moorland, bank = cast["moorland"], cast["bank"]
    # Three more approved heads: one accreditation lapsed, one full, one not taking mentees.
    for name, expires, capacity, available in (
        ("Lou Lapsed", -1, 1, True),
        ("Fay Full", 100, 1, True),
        ("Rae Resting", 100, 1, False),
    ):
        user = person(moorland, name, career_stage="headteacher", years_in_profession=20)
        accredit(user, expires_in_days=expires)
        cast[name.split()[0].lower()] = user
        BankEntry.objects.create(
            bank=bank,
            user=user,
            status=BankEntry.Status.APPROVED,
            capacity=capacity,
            is_available=available,
        )
    # Fay already mentors someone in the other programme: her one place is taken.
    other = cast["other_programme"]
    someone = person(moorland, "Sam Someone")
    approve(other, cast["fay"], "mentor")
    approve(other, someone, "mentee")
    pair(cast["recruiter"], other, cast["fay"], someone)
    return cast


def test_only_eligible_mentors_with_a_place_left_are_ranked_with_reasons(cast):
    search = find_mentor_now(cast["programme"], cast["mentee_enrolment"])
    assert [candidate.name for candidate in search.candidates] == ["Bob Mentor"]
    [bob] = search.candidates
    assert bob.spare == 2
    assert bob.contributions, "each candidate shows what its score is made of"
    # Lou (lapsed) has a place but breaks a rule; Fay (full) and Rae (resting) are not counted.
    assert search.num_mentors == 2
    assert search.num_eligible == 1
    assert ("mentor does not meet the programme's requirements", 1) in search.ruled_out


def test_pairing_enrols_the_mentor_and_forms_the_relationship(cast):
    relationship = pair_from_bank(
        actor=cast["coordinator"],
        programme=cast["programme"],
        mentee=cast["mentee_enrolment"],
        entry=cast["entry"],
    )
    assert relationship.programme == cast["programme"]
    assert {member.user for member in relationship.members.all()} == {
        cast["mentor"],
        cast["mentee"],
    }
    assert (
        Enrolment.objects.get(
            programme=cast["programme"], user=cast["mentor"], role="mentor"
        ).status
        == Enrolment.Status.APPROVED
    )
    # Nia has a mentor now: she cannot be paired from the bank again.
    with pytest.raises(ValidationError, match="already has a mentor"):
        pair_from_bank(
            actor=cast["coordinator"],
            programme=cast["programme"],
            mentee=cast["mentee_enrolment"],
            entry=cast["entry"],
        )


def test_pairing_refuses_a_full_mentor_and_an_expired_one(cast):
    for key, message in (("fay", "already supports 1 mentee"), ("lou", "expired on")):
        entry = BankEntry.objects.get(user=cast[key])
        with pytest.raises(ValidationError, match=message):
            pair_from_bank(
                actor=cast["coordinator"],
                programme=cast["programme"],
                mentee=cast["mentee_enrolment"],
                entry=entry,
            )
    assert not Relationship.objects.filter(programme=cast["programme"]).exists()


def test_only_the_programmes_coordinators_pair(cast):
    with pytest.raises(PermissionError):
        pair_from_bank(
            actor=cast["recruiter"],
            programme=cast["programme"],
            mentee=cast["mentee_enrolment"],
            entry=cast["entry"],
        )


def test_a_bank_of_another_holder_is_not_searched(cast):
    elsewhere = OrganisationFactory.create(name="Other Authority")
    stranger = person(
        elsewhere, "Stan Stranger", career_stage="headteacher", years_in_profession=30
    )
    MembershipFactory(user=cast["coordinator"], organisation=elsewhere, access="coordinator")
    other_bank = create_bank(actor=cast["coordinator"], name="Other bank", organisation=elsewhere)
    accredit(stranger)
    BankEntry.objects.create(bank=other_bank, user=stranger, status=BankEntry.Status.APPROVED)
    search = find_mentor_now(cast["programme"], cast["mentee_enrolment"])
    assert "Stan Stranger" not in [candidate.name for candidate in search.candidates]


def test_the_page_pairs_on_confirmation(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("matching:find-now", args=[cast["programme"].uuid, cast["mentee_enrolment"].uuid])
    page = client.get(url).content.decode()
    assert "Bob Mentor" in page
    assert "Lou Lapsed" not in page
    response = client.post(url, {"entry": str(BankEntry.objects.get(user=cast["lou"]).uuid)})
    assert response.status_code == 400
    assert "expired on" in response.content.decode()
    response = client.post(url, {"entry": str(cast["entry"].uuid)})
    assert response.status_code == 302
    assert Relationship.objects.filter(programme=cast["programme"]).count() == 1


@pytest.mark.parametrize("sent", [{}, {"entry": ""}, {"entry": "not-a-uuid"}])
def test_no_mentor_or_a_mangled_one_asks_again(client, cast, sent):
    client.force_login(cast["coordinator"])
    url = reverse("matching:find-now", args=[cast["programme"].uuid, cast["mentee_enrolment"].uuid])
    response = client.post(url, sent)
    assert response.status_code == 400
    assert "Choose one of the mentors listed." in response.content.decode()
    assert not Relationship.objects.filter(programme=cast["programme"]).exists()


def test_a_bank_with_no_holder_chosen_says_so(client, cast):
    client.force_login(cast["coordinator"])
    response = client.post(reverse("bank:bank-create"), {"name": "Second bank", "holder": ""})
    assert response.status_code in {200, 400}
    assert "This field is required" in response.content.decode() or "Choose" in (
        response.content.decode()
    )
    assert not MentorBank.objects.filter(name="Second bank").exists()
