"""Mentor capacity (set when inviting or approving, edited on the enrolment list) and "approve
all who meet the requirements" with its confirmation step."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.programmes.models import Enrolment
from tandem.testing.factories import TrainingRecordFactory
from tandem.testing.workflow import person

pytestmark = pytest.mark.django_db


def test_capacity_is_set_when_inviting_mentors(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-invite", args=[cast["programme"].uuid])
    response = client.post(
        url, {"emails": cast["line_manager"].email, "role": "mentor", "capacity": "3"}
    )
    assert response.status_code == 302
    assert Enrolment.objects.get(user=cast["line_manager"], role="mentor").capacity == 3


def test_capacity_is_set_when_approving_a_mentor(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-decide", args=[cast["application"].uuid])
    choice = {"decision": "approve", "note": "Trained next month", "capacity": "4"}
    confirm = client.post(url, choice).content.decode()
    # The confirmation says what the approval sets and carries the capacity through.
    assert "up to 4 mentees" in confirm
    assert 'name="capacity" value="4"' in confirm
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.APPLIED
    client.post(url, choice | {"confirmed": "yes"})
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.APPROVED
    assert cast["application"].capacity == 4


def test_capacity_is_edited_on_the_enrolment_list(client, cast):
    client.force_login(cast["coordinator"])
    mentor_enrolment = Enrolment.objects.get(user=cast["mentor"], role="mentor")
    page = client.get(reverse("programmes:enrolment-list", args=[cast["programme"].uuid]))
    assert f'id="capacity-{mentor_enrolment.uuid}"' in page.content.decode()
    url = reverse("programmes:enrolment-capacity", args=[mentor_enrolment.uuid])
    response = client.post(url, {"capacity": "5"}, follow=True)
    assert "Bob Mentor can now support 5 mentees." in response.content.decode()
    mentor_enrolment.refresh_from_db()
    assert mentor_enrolment.capacity == 5


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "at least 1 mentee"), ("13", "at most 12 mentees"), ("", "Enter how many")],
)
def test_an_impossible_capacity_is_refused_and_nothing_changes(client, cast, value, message):
    client.force_login(cast["coordinator"])
    mentor_enrolment = Enrolment.objects.get(user=cast["mentor"], role="mentor")
    url = reverse("programmes:enrolment-capacity", args=[mentor_enrolment.uuid])
    response = client.post(url, {"capacity": value}, follow=True)
    assert message in response.content.decode()
    mentor_enrolment.refresh_from_db()
    assert mentor_enrolment.capacity == 1


def test_a_mentee_has_no_capacity_to_set(client, cast):
    client.force_login(cast["coordinator"])
    mentee_enrolment = Enrolment.objects.get(user=cast["mentee"], role="mentee")
    url = reverse("programmes:enrolment-capacity", args=[mentee_enrolment.uuid])
    response = client.post(url, {"capacity": "3"}, follow=True)
    assert "Only mentors and co-coaches" in response.content.decode()


@pytest.fixture
def waiting(cast):
    """Four people waiting: Gita (trained, experienced: approved), Frank (no training: left),
    Ivan (invited only: left), Dana (already a mentee, applies to mentor: left)."""
    programme = cast["programme"]
    gita = person(cast["moorland"], "Gita Ready", years_in_profession=10)
    TrainingRecordFactory(profile=gita.profile)
    ivan = person(cast["moorland"], "Ivan Invited")
    return {
        "gita": Enrolment.objects.create(
            programme=programme, user=gita, role="mentor", status="applied", expertise="Maths"
        ),
        "ivan": Enrolment.objects.create(
            programme=programme, user=ivan, role="mentee", status="invited"
        ),
        "dana": Enrolment.objects.create(
            programme=programme, user=cast["mentee"], role="mentor", status="applied"
        ),
    }


def test_the_confirmation_lists_who_will_and_will_not_be_approved(client, cast, waiting):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-approve-all", args=[cast["programme"].uuid])
    page = client.get(url).content.decode()
    will, wont = page.split("Will not be approved")
    assert "Gita Ready" in will
    assert "Frank Applicant" not in will
    assert "Frank Applicant" in wont
    assert "No mentor or coach training is recorded." in wont
    assert "Ivan Invited" in wont
    assert "Invited but has not accepted yet." in wont
    assert "Dana Mentee" in wont
    assert "Also enrolled as mentee or coachee" in wont
    # A GET changes nothing.
    waiting["gita"].refresh_from_db()
    assert waiting["gita"].status == Enrolment.Status.APPLIED


def test_confirming_approves_only_those_who_meet_the_requirements(client, cast, waiting):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-approve-all", args=[cast["programme"].uuid])
    response = client.post(url, {"enrolments": [str(waiting["gita"].uuid)]}, follow=True)
    assert "Approved 1 person." in response.content.decode()
    statuses = dict(
        Enrolment.objects.filter(programme=cast["programme"]).values_list("uuid", "status")
    )
    assert statuses[waiting["gita"].uuid] == "approved"
    assert statuses[waiting["ivan"].uuid] == "invited"
    assert statuses[waiting["dana"].uuid] == "applied"
    assert statuses[cast["application"].uuid] == "applied"


def test_a_posted_enrolment_that_does_not_qualify_is_not_approved(client, cast, waiting):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-approve-all", args=[cast["programme"].uuid])
    response = client.post(url, {"enrolments": [str(cast["application"].uuid)]})
    assert "The list changed since you opened it" in response.content.decode()
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.APPLIED


def test_the_enrolment_list_filters_by_status(client, cast, waiting):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-list", args=[cast["programme"].uuid])
    page = client.get(url + "?needs_attention=on").content.decode()
    assert "Gita Ready" in page
    assert "Frank Applicant" in page
    assert "Ivan Invited" not in page
    assert "Bob Mentor" not in page
    everyone = client.get(url + "?status=nonsense").content.decode()
    assert "Ivan Invited" in everyone
    assert "Bob Mentor" in everyone


@pytest.mark.parametrize("name", ["enrolment-list", "enrolment-approve-all"])
def test_the_enrolment_pages_run_the_same_queries_however_many_wait(
    client, cast, waiting, name, django_assert_num_queries
):
    client.force_login(cast["coordinator"])
    url = reverse(f"programmes:{name}", args=[cast["programme"].uuid])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for index in range(8):
        mentor = person(cast["moorland"], f"Extra Mentor {index}", years_in_profession=10)
        TrainingRecordFactory(profile=mentor.profile)
        Enrolment.objects.create(
            programme=cast["programme"], user=mentor, role="mentor", status="applied"
        )
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)
