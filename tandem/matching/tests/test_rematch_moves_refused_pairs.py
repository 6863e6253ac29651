"""A rematch takes in staying mentees whose current pair is no longer possible, and says so.

Cast (tests/cast.py): Dana is with Bob and asks to move; Eve stays with Mia. Then either
Mia becomes Eve's line manager or Mia leaves the programme: Eve's pair cannot stay, so the
rematch finds her a new mentor (or lists her as unplaced) instead of dropping her.
"""

from django.urls import reverse

from tandem.matching import services
from tandem.matching.models import MatchRun
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment
from tandem.testing.workflow import pair


def _pairs(cast: dict) -> None:
    pair(cast["coordinator"], cast["programme"], cast["bob"], cast["dana"])
    pair(cast["coordinator"], cast["programme"], cast["mia"], cast["eve"])


def _rematch_dana(cast: dict) -> MatchRun:
    return services.start_run(
        actor=cast["coordinator"],
        programme=cast["programme"],
        mode="rematch",
        rematch_ids=[cast["dana"].pk],
    )


def _in_scope(run: MatchRun) -> set[int]:
    placed = set(run.proposals.values_list("mentee_id", flat=True))
    return placed | {item["user"] for item in run.unplaced}


def test_a_kept_pair_that_now_breaks_a_rule_moves_its_mentee_into_the_rematch(matching_cast):
    _pairs(matching_cast)
    eve, mia = matching_cast["eve"], matching_cast["mia"]
    Membership.objects.filter(user=eve).update(line_manager=mia)
    run = _rematch_dana(matching_cast)
    assert run.inputs["moved"] == [
        {"user": eve.pk, "mentor": mia.pk, "reason": "mentor is the mentee's line manager"}
    ]
    assert {matching_cast["dana"].pk, eve.pk} <= _in_scope(run)
    assert not run.proposals.filter(mentee=eve, mentor=mia).exists()
    assert any("1 kept pair now breaks a rule" in problem for problem in run.problems)
    assert run.proposals.get(mentee=eve).replaces is not None


def test_a_kept_pair_whose_mentor_left_moves_its_mentee_into_the_rematch(matching_cast):
    _pairs(matching_cast)
    eve = matching_cast["eve"]
    mia = Enrolment.objects.filter(programme=matching_cast["programme"], user=matching_cast["mia"])
    mia.update(status=Enrolment.Status.WITHDRAWN)
    run = _rematch_dana(matching_cast)
    (moved,) = run.inputs["moved"]
    assert moved["user"] == eve.pk
    assert moved["reason"] == "the mentor is no longer a mentor in this programme"
    assert eve.pk in _in_scope(run)
    assert any("no longer a mentor in this programme" in problem for problem in run.problems)


def test_the_rematch_page_and_message_name_who_was_added_and_why(client, matching_cast):
    _pairs(matching_cast)
    Membership.objects.filter(user=matching_cast["eve"]).update(line_manager=matching_cast["mia"])
    client.force_login(matching_cast["coordinator"])
    url = reverse("matching:rematch-start", args=[matching_cast["programme"].uuid])
    response = client.post(url, {"mentees": [matching_cast["dana"].pk]}, follow=True)
    body = response.content.decode()
    assert "1 more mentee was added to this rematch" in body
    assert "Added to this rematch (1)" in body
    assert "Mentor is the mentee&#x27;s line manager." in body
    assert "Eve Mentee" in body
