"""Enrolment rules a coordinator could otherwise break without noticing: one person on both
sides of a programme, approving someone only invited, and a programme's length and rhythm."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.framework import keys
from tandem.programmes import services
from tandem.programmes.models import Enrolment, Programme, weeks_between
from tandem.testing.workflow import make_programme

pytestmark = pytest.mark.django_db


def test_a_mentee_cannot_be_invited_as_mentor_in_the_same_programme(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-invite", args=[cast["programme"].uuid])
    response = client.post(url, {"emails": cast["mentee"].email, "role": "mentor"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dana Mentee is already enrolled in this programme as mentee or coachee" in page
    assert "unless it is co-mentoring or co-coaching" in page
    assert not Enrolment.objects.filter(user=cast["mentee"], role="mentor").exists()


def test_a_mentor_cannot_apply_as_mentee_in_the_same_programme(cast):
    with pytest.raises(ValidationError, match="already enrolled in this programme as mentor"):
        services.apply_to_programme(
            actor=cast["mentor"],
            programme=cast["programme"],
            role="mentee",
            details={"focus_areas": "Behaviour"},
        )


def test_a_declined_enrolment_in_the_other_role_does_not_block(cast):
    Enrolment.objects.filter(user=cast["mentee"]).update(status=Enrolment.Status.DECLINED)
    (invited,) = services.invite_people(
        actor=cast["coordinator"],
        programme=cast["programme"],
        users=[cast["mentee"]],
        role="mentor",
    )
    assert invited.status == Enrolment.Status.INVITED


def test_a_co_coaching_programme_lets_one_person_take_both_sides(cast):
    programme = make_programme(
        cast["coordinator"], cast["moorland"], approach=keys.Approach.CO_COACHING
    )
    services.invite_people(
        actor=cast["coordinator"], programme=programme, users=[cast["mentee"]], role="mentee"
    )
    (second,) = services.invite_people(
        actor=cast["coordinator"], programme=programme, users=[cast["mentee"]], role="mentor"
    )
    assert second.role == "mentor"


def test_someone_only_invited_cannot_be_approved_and_the_page_says_why(client, cast):
    invitation = Enrolment.objects.create(
        programme=cast["programme"],
        user=cast["line_manager"],
        role="mentee",
        status=Enrolment.Status.INVITED,
    )
    with pytest.raises(ValidationError, match="has been invited but has not accepted yet"):
        services.decide_enrolment(
            actor=cast["coordinator"], enrolment=invitation, approve=True, note="Keen"
        )
    client.force_login(cast["coordinator"])
    page = client.get(reverse("programmes:enrolment-list", args=[cast["programme"].uuid]))
    html = page.content.decode()
    assert "Waiting for Lena Manager to accept" in html
    assert "Withdraw the invitation" in html
    invitation.refresh_from_db()
    assert invitation.status == Enrolment.Status.INVITED


def test_an_approval_posted_for_an_invitation_is_refused_with_the_reason(client, cast):
    invitation = Enrolment.objects.create(
        programme=cast["programme"],
        user=cast["line_manager"],
        role="mentee",
        status=Enrolment.Status.INVITED,
    )
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-decide", args=[invitation.uuid])
    page = client.post(url, {"decision": "approve", "note": ""}, follow=True).content.decode()
    assert "has not accepted yet" in page
    invitation.refresh_from_db()
    assert invitation.status == Enrolment.Status.INVITED


def test_an_application_in_a_second_role_cannot_be_approved(cast):
    second = Enrolment.objects.create(
        programme=cast["programme"],
        user=cast["mentee"],
        role="mentor",
        status=Enrolment.Status.APPLIED,
    )
    with pytest.raises(ValidationError, match="already enrolled in this programme as mentee"):
        services.decide_enrolment(
            actor=cast["coordinator"], enrolment=second, approve=True, note="Experienced"
        )


@pytest.mark.parametrize(("days", "weeks"), [(0, 1), (1, 1), (7, 1), (8, 2), (322, 46), (546, 78)])
def test_weeks_are_counted_from_the_dates(days, weeks):
    starts_on = dt.date(2026, 9, 1)
    assert weeks_between(starts_on, starts_on + dt.timedelta(days=days)) == weeks


def test_a_programme_from_a_long_template_says_the_weeks_its_dates_span(cast):
    """The ECT template is 78 weeks; dates spanning 46 weeks make a 46-week programme."""
    starts_on = dt.date(2026, 9, 1)
    programme = make_programme(
        cast["coordinator"],
        cast["moorland"],
        duration_weeks=78,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(weeks=46),
    )
    assert programme.duration_weeks == 46
    services.update_programme(
        actor=cast["coordinator"],
        programme=programme,
        fields={"ends_on": starts_on + dt.timedelta(weeks=20)},
        organisations=[cast["moorland"]],
        coordinators=[],
    )
    programme.refresh_from_db()
    assert programme.duration_weeks == 20


def test_the_programme_page_shows_the_length_of_its_dates(client, cast):
    programme = cast["programme"]
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 7, 20), duration_weeks=46
    )
    client.force_login(cast["coordinator"])
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "over 46 weeks" in page


def _programme_form(cast, **changes):
    data = {
        "name": "Rhythm check",
        "status": "open",
        "aims": "Check the rhythm.",
        "organisations": [cast["moorland"].pk],
        "approach": keys.Approach.MENTORING,
        "group_format": keys.GroupFormat.ONE_TO_ONE,
        "pairing": keys.Pairing.EXPERT_NOVICE,
        "sector_mix": keys.SectorMix.SAME,
        "mentor_source": keys.MentorSource.INTERNAL,
        "meeting_every_days": 14,
        "meeting_minutes": 45,
        "starts_on": "2026-09-01",
        "ends_on": "2027-07-20",
        "min_mentor_years": 0,
        "min_mentor_years_in_role": 0,
    }
    return data | changes


@pytest.mark.parametrize("every", ["0", "-3", "400"])
def test_an_impossible_meeting_rhythm_is_refused_with_a_specific_message(client, cast, every):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:programme-create") + "?template=blank"
    response = client.post(url, _programme_form(cast, meeting_every_days=every))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Meet every (days): " in page
    assert "from 1 to 120" in page or "enter 1 to 120" in page
    assert not Programme.objects.filter(name="Rhythm check").exists()


def test_a_programme_made_in_the_form_has_the_length_of_its_dates(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:programme-create") + "?template=ect-mentoring"
    response = client.post(url, _programme_form(cast, duration_weeks=78))
    assert response.status_code == 302
    assert Programme.objects.get(name="Rhythm check").duration_weeks == 46


def test_dates_spanning_more_than_five_years_are_refused(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:programme-create") + "?template=blank"
    response = client.post(url, _programme_form(cast, ends_on="2033-01-01"))
    assert "A programme can last at most 260 weeks" in response.content.decode()
