"""A mentee's stated preferences stay private: a mentor is never told that a mentee named
them, nor where in the mentee's list they stood (the mentee-preference points would say)."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tandem.matching import services
from tandem.matching.engine.criteria import Criterion
from tandem.matching.models import MatchRun

PARTS = [
    {
        "criterion": Criterion.MENTEE_PREFERENCE.value,
        "label": "Your stated preference",
        "points": 800,
    },
    {"criterion": Criterion.PHASE.value, "label": "Your phase", "points": 500},
]


@pytest.mark.parametrize(
    ("audience", "is_shown"), [("mentor", False), ("mentee", True), ("coordinator", True)]
)
def test_the_preference_points_are_shown_to_everyone_but_the_mentor(audience, is_shown):
    html = render_to_string("matching/_contributions.html", {"parts": PARTS, "audience": audience})
    assert (": 8 out of 100" in html) is is_shown
    assert ": 5 out of 100" in html


@pytest.mark.django_db
def test_a_mentor_asked_by_a_mentee_who_named_them_first_is_not_told(matching_cast, client):
    programme, dana, coordinator = (
        matching_cast[key] for key in ("programme", "dana", "coordinator")
    )
    client.force_login(coordinator)
    run_start = reverse("matching:run-start", args=[programme.uuid])
    first = matching_cast["mia"]
    services.set_preferences(actor=dana, programme=programme, ranked=[first, None, None])
    client.post(run_start, {"mode": "shortlist", "shortlist_size": 3})
    run = MatchRun.objects.latest("created_at")
    services.send_shortlists(actor=coordinator, run=run)
    offer = run.offers.get(mentee=dana, mentor=first)
    assert any(part["criterion"] == Criterion.MENTEE_PREFERENCE for part in offer.contributions)
    services.choose_offer(actor=dana, offer=offer)
    client.force_login(first)
    page = client.get(reverse("matching:mentor-requests")).content.decode()
    assert "Dana Mentee" in page
    assert "preference" not in page.lower()


@pytest.mark.parametrize(
    ("points", "shown"), [(10_000, "100"), (7_345, "73.5"), (500, "5"), (0, "0"), (-120, "-1.2")]
)
def test_match_scores_are_shown_out_of_100(points, shown):
    html = render_to_string(
        "matching/_contributions.html",
        {
            "parts": [{"criterion": "phase", "label": "Your phase", "points": points}],
            "audience": "mentee",
        },
    )
    assert f": {shown} out of 100" in html
    assert "%" not in html
    assert "points" not in html
