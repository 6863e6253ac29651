"""Setting up programmes from templates, inviting, applying and deciding enrolments."""

import pytest
from django.core import mail
from django.urls import reverse

from tandem.framework import keys
from tandem.programmes.models import Enrolment, Programme

pytestmark = pytest.mark.django_db


def test_a_template_fills_in_the_programme_form(client, cast):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("programmes:programme-create") + "?template=new-head-mentoring")
    form = page.context["form"]
    assert form.initial["mentor_must_be_external"] is True
    assert form.initial["min_mentor_years_in_role"] == 5
    assert form.initial["mentor_career_stages"] == ["headteacher"]


def test_coordinator_creates_a_programme_from_a_template(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:programme-create") + "?template=co-coaching"
    data = {
        "name": "Co-coaching for oracy",
        "status": "open",
        "aims": "Trial oracy routines in pairs.",
        "organisations": [cast["moorland"].pk],
        "approach": keys.Approach.CO_COACHING,
        "group_format": keys.GroupFormat.ONE_TO_ONE,
        "pairing": keys.Pairing.RECIPROCAL,
        "sector_mix": keys.SectorMix.SAME,
        "mentor_source": keys.MentorSource.INTERNAL,
        "mentor_styles": [keys.MentorStyle.REFLECTIVE],
        "meeting_every_days": 14,
        "meeting_minutes": 45,
        "duration_weeks": 13,
        "starts_on": "2026-01-05",
        "ends_on": "2026-04-03",
        "min_mentor_years": 0,
        "min_mentor_years_in_role": 0,
        "forbid_line_manager": "on",
        "other_coordinators": cast["leader"].email,
    }
    response = client.post(url, data)
    programme = Programme.objects.get(name="Co-coaching for oracy")
    assert response.status_code == 302
    assert programme.template_key == "co-coaching"
    assert set(programme.coordinators.all()) == {cast["coordinator"], cast["leader"]}
    assert "ground_rules" in programme.agreement_template


def test_an_invalid_programme_explains_and_keeps_what_was_typed(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:programme-create") + "?template=blank"
    response = client.post(
        url,
        {
            "name": "Keep my name",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
            "other_coordinators": "nobody@example.org",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Keep my name" in page
    assert "No Tandem account for nobody@example.org" in page


def test_bulk_invitation_names_the_addresses_it_cannot_use(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-invite", args=[cast["programme"].uuid])
    emails = f"{cast['leader'].email}\n{cast['outsider'].email}"
    page = client.post(url, {"emails": emails, "role": "mentor"}).content.decode()
    assert cast["outsider"].email in page
    assert not Enrolment.objects.filter(user=cast["leader"], role="mentor").exists()
    emails = f"{cast['leader'].email}\n{cast['line_manager'].email}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"emails": emails, "role": "mentor"})
    assert response.status_code == 302
    assert Enrolment.objects.filter(status="invited", role="mentor").count() == 2
    assert len(mail.outbox) == 2


def test_the_enrolment_page_says_which_requirements_are_not_met(client, cast):
    client.force_login(cast["coordinator"])
    page = client.get(
        reverse("programmes:enrolment-list", args=[cast["programme"].uuid])
    ).content.decode()
    # Frank applied to mentor with no recorded training.
    assert "Not met: No mentor or coach training is recorded." in page


def test_approving_a_mentor_who_misses_requirements_needs_a_note(client, cast):
    client.force_login(cast["coordinator"])
    application = cast["application"]
    url = reverse("programmes:enrolment-decide", args=[application.uuid])
    response = client.post(url, {"decision": "approve", "note": ""}, follow=True)
    assert "Say why you are approving" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Enrolment.Status.APPLIED
    client.post(
        url, {"decision": "approve", "note": "Training booked for March.", "confirmed": "yes"}
    )
    application.refresh_from_db()
    assert application.status == Enrolment.Status.APPROVED
    assert application.unmet_requirements == ["No mentor or coach training is recorded."]


def test_a_member_applies_with_focus_areas(client, cast):
    client.force_login(cast["line_manager"])
    url = reverse("programmes:programme-apply", args=[cast["programme"].uuid])
    page = client.post(url, {"role": "mentee", "capacity": 1}).content.decode()
    assert "Say what you would like to work on." in page
    response = client.post(
        url,
        {"role": "mentee", "capacity": 1, "focus_areas": "Behaviour", "preferences": "Science"},
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=cast["line_manager"])
    assert (enrolment.status, enrolment.preferences) == ("applied", "Science")


def test_an_invited_person_accepts_and_joins(client, cast):
    enrolment = Enrolment.objects.create(
        programme=cast["programme"], user=cast["leader"], role="mentor", status="invited"
    )
    client.force_login(cast["leader"])
    url = reverse("programmes:enrolment-respond", args=[enrolment.uuid])
    assert client.post(url, {"answer": "accept"}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.APPROVED
