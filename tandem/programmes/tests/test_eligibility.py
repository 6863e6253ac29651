"""Learner eligibility rules (seed 002 §2.3.5: EPD took teachers in their second and third
years): checked on application, invitation, acceptance and approval, with messages naming
the rule and what the person's profile says; approve-all leaves those who do not meet them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.organisations.models import Phase
from tandem.people.models import Profile
from tandem.programmes.models import Enrolment
from tandem.programmes.services import (
    apply_to_programme,
    approve_all_eligible,
    bulk_approval_plan,
    decide_enrolment,
    invite_people,
    respond_to_invitation,
)
from tandem.testing.workflow import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def epd(cast):
    """Teachers in years 2-3 (1 to 2 completed years); Yan is in year 2, Zoe in year 8."""
    programme = cast["programme"]
    programme.eligible_min_years = 1
    programme.eligible_max_years = 2
    programme.eligible_career_stages = ["early-career", "experienced"]
    programme.save()
    yan = person(
        cast["moorland"],
        "Yan Yeartwo",
        career_stage="early-career",
        years_in_profession=1,
        years_in_role=1,
    )
    zoe = person(
        cast["moorland"], "Zoe Yeareight", career_stage="experienced", years_in_profession=8
    )
    return {**cast, "yan": yan, "zoe": zoe}


def test_application_is_refused_naming_the_rule_and_the_profile(epd):
    with pytest.raises(ValidationError) as error:
        apply_to_programme(actor=epd["zoe"], programme=epd["programme"], role="mentee", details={})
    text = " ".join(error.value.messages)
    assert "Years in the profession: the profile says 8; this programme takes 1 to 2." in text
    assert not Enrolment.objects.filter(user=epd["zoe"]).exists()


def test_eligible_application_is_accepted(epd):
    enrolment = apply_to_programme(
        actor=epd["yan"], programme=epd["programme"], role="mentee", details={}
    )
    assert enrolment.status == Enrolment.Status.APPLIED


def test_mentors_are_not_held_to_the_learner_rules(epd):
    enrolment = apply_to_programme(
        actor=epd["zoe"], programme=epd["programme"], role="mentor", details={}
    )
    assert enrolment.status == Enrolment.Status.APPLIED


def test_invitation_is_refused_for_anyone_ineligible(epd):
    with pytest.raises(ValidationError, match="Zoe Yeareight does not meet"):
        invite_people(
            actor=epd["coordinator"],
            programme=epd["programme"],
            users=[epd["yan"], epd["zoe"]],
            role="mentee",
        )
    assert not Enrolment.objects.filter(user__in=[epd["yan"], epd["zoe"]]).exists()


def test_career_stage_role_years_and_phase_rules_each_say_what_the_profile_says(epd):
    programme = epd["programme"]
    programme.eligible_min_years = None
    programme.eligible_max_years = None
    programme.eligible_career_stages = ["headteacher"]
    programme.eligible_max_years_in_role = 1
    programme.save()
    programme.eligible_phases.set([Phase.objects.get(key="primary")])
    Profile.objects.filter(user=epd["zoe"]).update(years_in_role=4)  # of 8 years
    epd["zoe"].profile.phases.set([Phase.objects.get(key="secondary")])
    with pytest.raises(ValidationError) as error:
        apply_to_programme(actor=epd["zoe"], programme=programme, role="mentee", details={})
    text = " ".join(error.value.messages)
    assert "Career stage: the profile says experienced; this programme takes headteacher." in text
    assert "Years in current role: the profile says 4; this programme takes at most 1." in text
    assert "Phase: the profile says Secondary; this programme takes Primary." in text


def test_approval_and_acceptance_are_refused_when_the_profile_no_longer_fits(epd):
    programme, coordinator = epd["programme"], epd["coordinator"]
    uli = person(epd["moorland"], "Uli Invited", years_in_profession=2, years_in_role=1)
    applied = apply_to_programme(actor=epd["yan"], programme=programme, role="mentee", details={})
    (invited,) = invite_people(actor=coordinator, programme=programme, users=[uli], role="mentee")
    Profile.objects.filter(user__in=[epd["yan"], uli]).update(years_in_profession=5)
    with pytest.raises(ValidationError, match="the profile says 5"):
        decide_enrolment(actor=coordinator, enrolment=applied, approve=True, note="Keen")
    with pytest.raises(ValidationError, match="the profile says 5"):
        respond_to_invitation(actor=uli, enrolment=invited, accept=True)
    applied.refresh_from_db()
    assert applied.status == Enrolment.Status.APPLIED


def test_approve_all_skips_the_ineligible_with_the_reason(epd):
    programme = epd["programme"]
    yan = apply_to_programme(actor=epd["yan"], programme=programme, role="mentee", details={})
    zoe = Enrolment.objects.create(
        programme=programme, user=epd["zoe"], role="mentee", status=Enrolment.Status.APPLIED
    )
    enrolments = list(Enrolment.objects.filter(programme=programme).select_related("user"))
    approvable, left = bulk_approval_plan(programme, enrolments)
    assert yan in approvable
    reasons = dict(left)[zoe]
    assert reasons[0] == "Does not meet the eligibility rules."
    assert "the profile says 8" in reasons[1]
    approved, _skipped = approve_all_eligible(
        actor=epd["coordinator"], programme=programme, enrolment_uuids=[yan.uuid, zoe.uuid]
    )
    assert approved == [yan]
    zoe.refresh_from_db()
    assert zoe.status == Enrolment.Status.APPLIED


def test_enrolment_list_shows_the_unmet_rules(epd, client):
    Enrolment.objects.create(
        programme=epd["programme"], user=epd["zoe"], role="mentee", status="applied"
    )
    client.force_login(epd["coordinator"])
    response = client.get(reverse("programmes:enrolment-list", args=[epd["programme"].uuid]))
    assert "Not met: Years in the profession: the profile says 8" in response.content.decode()


def test_apply_page_shows_the_refusal(epd, client):
    client.force_login(epd["zoe"])
    response = client.post(
        reverse("programmes:programme-apply", args=[epd["programme"].uuid]),
        {"role": "mentee", "capacity": 1, "focus_areas": "Behaviour"},
    )
    assert response.status_code == 200
    assert "this programme takes 1 to 2" in response.content.decode()


def test_programme_refuses_rules_that_cannot_be_met(epd):
    programme = epd["programme"]
    programme.eligible_min_years, programme.eligible_max_years = 3, 1
    with pytest.raises(ValidationError, match="must be at least the fewest"):
        programme.full_clean()


def test_accepting_an_invitation_when_no_longer_eligible_shows_why(epd, client):
    (invited,) = invite_people(
        actor=epd["coordinator"], programme=epd["programme"], users=[epd["yan"]], role="mentee"
    )
    Profile.objects.filter(user=epd["yan"]).update(years_in_profession=3)
    client.force_login(epd["yan"])
    response = client.post(
        reverse("programmes:enrolment-respond", args=[invited.uuid]),
        {"answer": "accept"},
        follow=True,
    )
    assert "the profile says 3; this programme takes 1 to 2" in response.content.decode()
    invited.refresh_from_db()
    assert invited.status == Enrolment.Status.INVITED


def test_phases_are_set_with_the_programme(epd):
    from tandem.programmes.services import update_programme  # noqa: PLC0415

    programme = epd["programme"]
    primary = Phase.objects.get(key="primary")
    update_programme(
        actor=epd["coordinator"],
        programme=programme,
        fields={"eligible_phases": [primary]},
        organisations=[epd["moorland"]],
        coordinators=[],
    )
    assert list(programme.eligible_phases.all()) == [primary]


def test_enrolment_list_queries_do_not_grow_with_ineligible_people(epd, client):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.force_login(epd["coordinator"])
    url = reverse("programmes:enrolment-list", args=[epd["programme"].uuid])
    Enrolment.objects.create(
        programme=epd["programme"], user=epd["zoe"], role="mentee", status="applied"
    )
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for number in range(3):
        late = person(epd["moorland"], f"Late {number}", years_in_profession=9, years_in_role=2)
        Enrolment.objects.create(
            programme=epd["programme"], user=late, role="mentee", status="applied"
        )
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)
    assert response.content.decode().count("the profile says 9;") == 3
    # The eligibility check adds three queries whatever the numbers: the programme's phases,
    # the learners' profiles and their phases.
    assert len(second) == len(first)
