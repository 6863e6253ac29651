"""The run page reports who cannot be placed and why for bad input, never a crash or an
empty page: required rules nobody meets, no places at all, a programme with no mentors,
and shortlists asking for more suggestions than there are mentors."""

from django.urls import reverse

from tandem.matching import services
from tandem.matching.models import MatchRun
from tandem.programmes.models import Enrolment
from tandem.testing.workflow import pair


def _start(client, cast, mode="allocation") -> tuple[MatchRun, str]:
    client.force_login(cast["coordinator"])
    client.post(reverse("matching:run-start", args=[cast["programme"].uuid]), {"mode": mode})
    run = MatchRun.objects.latest("created_at")
    return run, client.get(run.get_absolute_url()).content.decode()


def test_a_coordinator_makes_a_criterion_required_in_the_settings(client, matching_cast):
    client.force_login(matching_cast["coordinator"])
    url = reverse("matching:settings-edit", args=[matching_cast["programme"].uuid])
    assert "Require a phase of education in common" in client.get(url).content.decode()
    data = {
        "policy": "place-everyone",
        "quality_penalty": "30",
        "min_score": "0",
        "sector_rule": "any",
        "organisation_rule": "any",
        "require_phase": "on",
        "shortlist_size": "3",
        "response_days": "5",
        "weight_phase": "3",
    }
    assert client.post(url, data).status_code == 302
    match_settings = services.get_settings(matching_cast["programme"])
    assert match_settings.require_phase
    assert not match_settings.require_region
    assert services.settings_snapshot(match_settings)["required"] == ["phase"]


def test_required_rules_nobody_meets_give_a_clear_report(client, matching_cast):
    # The cast's profiles record no region, so "same region" can never be proved.
    match_settings = services.get_settings(matching_cast["programme"])
    match_settings.require_region = True
    match_settings.save()
    run, page = _start(client, matching_cast)
    assert run.status == MatchRun.Status.DRAFT
    assert run.num_placed == 0
    assert "No mentee can be paired with any mentor under the programme&#x27;s rules" in page
    assert "not in the same region (a required rule) (3)" in page
    assert "Not placed (3)" in page
    for name in ("Dana Mentee", "Eve Mentee", "Finn Mentee"):
        assert name in page


def test_no_places_left_is_reported_per_mentee(client, matching_cast):
    # Bob's one place and one of Mia's are taken by current pairs; Mia line-manages Finn
    # and Nat has no recorded training, so Finn has nobody, for three different reasons.
    cast = matching_cast
    pair(cast["coordinator"], cast["programme"], cast["bob"], cast["dana"])
    pair(cast["coordinator"], cast["programme"], cast["mia"], cast["eve"])
    run, page = _start(client, cast)
    assert run.num_placed == 0
    assert "None of the 3 mentors can be paired with this mentee" in page
    assert "mentor is not taking mentees in this round (1)" in page
    assert "mentor is the mentee&#x27;s line manager (1)" in page
    assert "No mentee can be paired with any mentor" in page  # Finn is the only one


def test_a_programme_without_mentors_says_so(client, matching_cast):
    Enrolment.objects.filter(programme=matching_cast["programme"], role="mentor").update(
        status=Enrolment.Status.WITHDRAWN
    )
    run, page = _start(client, matching_cast)
    assert run.status == MatchRun.Status.DRAFT
    assert "The programme has no mentors, so nobody can be placed." in page
    assert "Not placed (3)" in page
    _run, page = _start(client, matching_cast, mode="shortlist")
    assert "Mentees with fewer suggestions than asked (3)" in page
    assert "nothing to send" in page


def test_short_shortlists_never_blame_the_quality_policy(client, matching_cast):
    match_settings = services.get_settings(matching_cast["programme"])
    match_settings.shortlist_size = 5
    match_settings.policy = "quality"
    match_settings.save()
    run, page = _start(client, matching_cast, mode="shortlist")
    assert run.num_placed == 3
    assert "quality policy" not in page
    assert "5 suggestions asked" in page
    assert {item["reason"] for item in run.unplaced} <= {"fewer-eligible", "shortlists-full"}
    response = client.post(reverse("matching:run-send", args=[run.uuid]), follow=True)
    assert "3 mentees have fewer suggestions than asked (or none)" in response.content.decode()
