"""Runs as records: allocate, review, edit, publish; shortlists; rematch; bad input."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.matching import selectors, services
from tandem.matching.models import MatchRun, OfferStatus, ShortlistOffer
from tandem.programmes.models import Enrolment
from tandem.relationships.models import ChangeRequest, Relationship, RelationshipMember
from tandem.relationships.services import lifecycle
from tandem.testing.workflow import pair


def _run(cast: dict, mode: str = "allocation", **kwargs: object) -> MatchRun:
    return services.start_run(
        actor=cast["coordinator"], programme=cast["programme"], mode=mode, **kwargs
    )


def _pairs(run: MatchRun) -> dict[str, str]:
    return {
        proposal.mentee.full_name: proposal.mentor.full_name
        for proposal in run.proposals.select_related("mentee", "mentor")
    }


def test_allocation_run_is_recorded_with_proposals_and_explanations(matching_cast):
    run = _run(matching_cast)
    assert run.status == MatchRun.Status.DRAFT
    pairs = _pairs(run)
    # Three places (Bob 1, Mia 2) for three mentees; Nat is untrained; Finn never gets Mia.
    assert len(pairs) == 3
    assert pairs["Finn Mentee"] == "Bob Mentor"
    assert sorted(pairs.values()) == ["Bob Mentor", "Mia Mentor", "Mia Mentor"]
    assert run.is_certified_optimal
    assert run.num_placed == 3
    assert run.num_mentees == 3
    assert run.num_mentors == 3
    assert run.num_places == 3  # Nat's place does not count: he fails the requirements
    assert run.created_by == matching_cast["coordinator"]
    assert run.options["weights"]  # the settings as they were are kept with the run
    assert sorted(run.inputs["mentees"]) == sorted(
        matching_cast[key].pk for key in ("dana", "eve", "finn")
    )
    proposal = run.proposals.first()
    assert proposal.points > 0
    assert proposal.contributions[0]["points"] >= proposal.contributions[-1]["points"] > 0
    assert {"criterion", "label", "points"} <= set(proposal.contributions[0])
    assert run.objective == sum(run.proposals.values_list("points", flat=True))
    assert Relationship.objects.filter(programme=matching_cast["programme"]).count() == 0


def test_only_coordinators_run_matching(matching_cast):
    with pytest.raises(PermissionError):
        services.start_run(
            actor=matching_cast["dana"], programme=matching_cast["programme"], mode="allocation"
        )


def test_editing_refuses_barred_and_full_mentors_and_can_leave_unplaced(matching_cast):
    run = _run(matching_cast)
    finn, mia, nat, bob = (matching_cast[key] for key in ("finn", "mia", "nat", "bob"))
    with pytest.raises(ValidationError, match="line manager"):
        services.edit_proposal(actor=matching_cast["coordinator"], run=run, mentee=finn, mentor=mia)
    with pytest.raises(ValidationError, match="requirements"):
        services.edit_proposal(actor=matching_cast["coordinator"], run=run, mentee=finn, mentor=nat)
    dana = matching_cast["dana"]
    with pytest.raises(ValidationError, match="no places left"):
        services.edit_proposal(actor=matching_cast["coordinator"], run=run, mentee=dana, mentor=bob)
    services.edit_proposal(actor=matching_cast["coordinator"], run=run, mentee=finn, mentor=None)
    run.refresh_from_db()
    assert "Finn Mentee" not in _pairs(run)
    assert [item["user"] for item in run.unplaced] == [finn.pk]
    # Bob is free now, so Dana can move to him; the pair is re-explained and flagged.
    services.edit_proposal(actor=matching_cast["coordinator"], run=run, mentee=dana, mentor=bob)
    proposal = run.proposals.get(mentee=dana)
    assert proposal.mentor == bob
    assert proposal.is_edited
    assert proposal.contributions


def test_publishing_forms_relationships_once(matching_cast):
    run = _run(matching_cast)
    mail.outbox.clear()
    created = services.publish_run(actor=matching_cast["coordinator"], run=run)
    assert created == 3
    run.refresh_from_db()
    assert run.status == MatchRun.Status.PUBLISHED
    assert run.published_by == matching_cast["coordinator"]
    members = set(
        RelationshipMember.objects.filter(
            relationship__programme=matching_cast["programme"]
        ).values_list("user__full_name", "role")
    )
    assert ("Finn Mentee", "mentee") in members
    assert ("Bob Mentor", "mentor") in members
    assert all(proposal.relationship_id for proposal in run.proposals.all())
    with pytest.raises(ValidationError, match="Only a draft"):
        services.publish_run(actor=matching_cast["coordinator"], run=run)
    # Mentees already paired are not matched again.
    assert _run(matching_cast).num_mentees == 0


def test_publishing_is_all_or_nothing(matching_cast):
    run = _run(matching_cast)
    matching_cast["enrolments"]["bob"].status = Enrolment.Status.WITHDRAWN
    matching_cast["enrolments"]["bob"].save()
    with pytest.raises(ValidationError, match="Nothing was published") as error:
        services.publish_run(actor=matching_cast["coordinator"], run=run)
    assert "Bob Mentor" in str(error.value)
    assert Relationship.objects.count() == 0
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT


def test_programme_without_mentors_reports_every_mentee(matching_cast):
    Enrolment.objects.filter(role="mentor").update(status=Enrolment.Status.WITHDRAWN)
    run = _run(matching_cast)
    assert run.status == MatchRun.Status.DRAFT
    assert run.num_placed == 0
    assert any("no mentors" in problem for problem in run.problems)
    assert {item["user"] for item in run.unplaced} == {
        matching_cast[key].pk for key in ("dana", "eve", "finn")
    }
    assert all(item["message"] for item in run.unplaced)


def test_a_shortlist_round_with_no_suggestions_cannot_be_sent(matching_cast, client):
    Enrolment.objects.filter(role="mentor").update(status=Enrolment.Status.WITHDRAWN)
    run = _run(matching_cast, mode="shortlist")
    assert run.num_placed == 0
    client.force_login(matching_cast["coordinator"])
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Send the shortlists" not in page
    assert "nothing to send" in page
    with pytest.raises(ValidationError, match="nothing to send"):
        services.send_shortlists(actor=matching_cast["coordinator"], run=run)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert mail.outbox == []


def test_large_runs_go_to_the_background_worker(
    matching_cast, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_MATCH_INLINE_MENTEES = 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = _run(matching_cast)
    assert run.status == MatchRun.Status.QUEUED
    assert run.proposals.count() == 0
    for callback in callbacks:
        callback()  # the immediate task backend in tests computes it now
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert run.progress == 100
    assert run.proposals.count() == 3


def _open_round(cast: dict) -> MatchRun:
    run = _run(cast, mode="shortlist")
    assert run.status == MatchRun.Status.DRAFT
    services.send_shortlists(actor=cast["coordinator"], run=run)
    run.refresh_from_db()
    return run


def test_shortlists_are_sent_and_respect_rules(matching_cast, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run = _open_round(matching_cast)
    assert run.status == MatchRun.Status.OPEN
    offers = ShortlistOffer.objects.filter(run=run)
    # k = 3 but only Bob and Mia are eligible, and Finn only Bob.
    assert {offer.mentor.full_name for offer in offers.filter(mentee=matching_cast["finn"])} == {
        "Bob Mentor"
    }
    assert offers.filter(mentee=matching_cast["dana"]).count() == 2
    assert not offers.filter(mentor=matching_cast["nat"]).exists()
    assert all(len(message.to) == 1 and not message.bcc for message in mail.outbox)
    assert {message.to[0] for message in mail.outbox} == {
        matching_cast[key].email for key in ("dana", "eve", "finn")
    }


def test_choose_decline_choose_again_accept(matching_cast, django_capture_on_commit_callbacks):
    run = _open_round(matching_cast)
    dana, bob, mia = matching_cast["dana"], matching_cast["bob"], matching_cast["mia"]
    first = ShortlistOffer.objects.get(run=run, mentee=dana, mentor=bob)
    second = ShortlistOffer.objects.get(run=run, mentee=dana, mentor=mia)
    with pytest.raises(PermissionError):
        services.choose_offer(actor=matching_cast["eve"], offer=first)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.choose_offer(actor=dana, offer=first)
    first.refresh_from_db()
    assert first.status == OfferStatus.CHOSEN
    assert first.respond_by - first.chosen_at == dt.timedelta(days=5)
    assert mail.outbox[0].to == [bob.email]
    with pytest.raises(ValidationError, match="waiting for an answer"):
        services.choose_offer(actor=dana, offer=second)
    with pytest.raises(PermissionError):
        services.answer_offer(actor=mia, offer=first, accept=True)
    services.answer_offer(actor=bob, offer=first, accept=False)
    first.refresh_from_db()
    assert first.status == OfferStatus.DECLINED
    services.choose_offer(actor=dana, offer=second)
    answered = services.answer_offer(actor=mia, offer=second, accept=True)
    assert answered.status == OfferStatus.ACCEPTED
    relationship = answered.relationship
    assert set(relationship.members.values_list("user__full_name", flat=True)) == {
        "Dana Mentee",
        "Mia Mentor",
    }
    assert selectors.round_progress(run) == {
        "mentees": 3,
        "accepted": 1,
        "waiting": 0,
        "to_choose": 2,
    }
    # A decline is remembered: the next round does not suggest Bob to Dana again.
    services.close_round(actor=matching_cast["coordinator"], run=run)
    Relationship.objects.all().delete()
    later = _run(matching_cast, mode="shortlist")
    assert not ShortlistOffer.objects.filter(run=later, mentee=dana, mentor=bob).exists()


def test_a_full_mentor_closes_their_other_suggestions(matching_cast):
    run = _open_round(matching_cast)
    bob = matching_cast["bob"]
    finn_offer = ShortlistOffer.objects.get(run=run, mentee=matching_cast["finn"], mentor=bob)
    dana_offer = ShortlistOffer.objects.get(run=run, mentee=matching_cast["dana"], mentor=bob)
    services.choose_offer(actor=matching_cast["finn"], offer=finn_offer)
    services.answer_offer(actor=bob, offer=finn_offer, accept=True)
    dana_offer.refresh_from_db()
    assert dana_offer.status == OfferStatus.CLOSED
    with pytest.raises(ValidationError, match="no longer available"):
        services.choose_offer(actor=matching_cast["dana"], offer=dana_offer)


def test_unanswered_choices_expire_so_the_mentee_can_choose_again(matching_cast):
    run = _open_round(matching_cast)
    dana, bob = matching_cast["dana"], matching_cast["bob"]
    offer = ShortlistOffer.objects.get(run=run, mentee=dana, mentor=bob)
    services.choose_offer(actor=dana, offer=offer)
    assert services.expire_overdue(timezone.now() + dt.timedelta(days=6)) == 1
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
    with pytest.raises(ValidationError, match="time to answer has passed"):
        services.answer_offer(actor=bob, offer=offer, accept=True)
    other = ShortlistOffer.objects.get(run=run, mentee=dana, mentor=matching_cast["mia"])
    assert services.choose_offer(actor=dana, offer=other).status == OfferStatus.CHOSEN


def test_mentees_waiting_on_an_answer_are_left_out_of_an_allocation(matching_cast):
    run = _open_round(matching_cast)
    offer = ShortlistOffer.objects.get(
        run=run, mentee=matching_cast["finn"], mentor=matching_cast["bob"]
    )
    services.choose_offer(actor=matching_cast["finn"], offer=offer)
    hybrid = _run(matching_cast)
    assert matching_cast["finn"].pk not in hybrid.inputs["mentees"]
    # Bob's one place is promised to Finn while he decides.
    assert "Bob Mentor" not in _pairs(hybrid).values()


def test_rematch_moves_only_the_chosen_mentee_and_links_the_relationships(matching_cast):
    coordinator, dana, eve, bob, mia = (
        matching_cast[key] for key in ("coordinator", "dana", "eve", "bob", "mia")
    )
    old = pair(coordinator, matching_cast["programme"], bob, dana)
    kept = pair(coordinator, matching_cast["programme"], mia, eve)
    change = lifecycle.request_change_of_mentor(actor=dana, relationship=old, reason="Timings.")
    run = _run(matching_cast, mode="rematch", rematch_ids=[dana.pk])
    assert _pairs(run) == {"Dana Mentee": "Mia Mentor"}  # never back to Bob
    services.publish_run(actor=coordinator, run=run)
    old.refresh_from_db()
    change.refresh_from_db()
    assert old.status == Relationship.Status.ENDED
    assert old.end_reason == Relationship.EndReason.CHANGE_OF_MENTOR
    assert change.status == ChangeRequest.Status.RESOLVED
    new = run.proposals.get().relationship
    assert new.replaces == old
    kept.refresh_from_db()
    assert kept.status != Relationship.Status.ENDED


def test_rematch_needs_someone_to_move(matching_cast):
    with pytest.raises(ValidationError):
        _run(matching_cast, mode="rematch", rematch_ids=[])


def test_settings_validation(matching_cast):
    programme = matching_cast["programme"]
    defaults = services.get_settings(programme)
    assert defaults.weights["phase"] == 3  # the ECF template's defaults
    with pytest.raises(ValidationError, match="at least one"):
        services.update_settings(
            actor=matching_cast["coordinator"], programme=programme, fields={}, weights={"phase": 0}
        )
    with pytest.raises(ValidationError, match="between 0 and 10"):
        services.update_settings(
            actor=matching_cast["coordinator"],
            programme=programme,
            fields={},
            weights={"phase": 11},
        )
    with pytest.raises(PermissionError):
        services.update_settings(
            actor=matching_cast["dana"], programme=programme, fields={}, weights={"phase": 1}
        )


def test_stated_preferences_count_in_the_score_and_stay_private(matching_cast):
    programme, dana, mia, bob = (matching_cast[key] for key in ("programme", "dana", "mia", "bob"))
    services.set_preferences(actor=dana, programme=programme, ranked=[None, mia, None])
    assert list(dana.mentor_preferences.values_list("rank", "mentor_id")) == [(1, mia.pk)]
    run = _run(matching_cast)
    proposal = run.proposals.get(mentee=dana)
    labels = {part["label"] for part in proposal.contributions}
    assert proposal.mentor == mia
    assert "Your stated preference" in labels
    eve = run.proposals.get(mentee=matching_cast["eve"])
    assert "Your stated preference" not in {part["label"] for part in eve.contributions}
    # Naming the same mentor twice, a non-mentor, or stating wishes when not a mentee fails.
    with pytest.raises(ValidationError, match="once only"):
        services.set_preferences(actor=dana, programme=programme, ranked=[bob, bob])
    with pytest.raises(ValidationError, match="programme's mentors"):
        services.set_preferences(actor=dana, programme=programme, ranked=[matching_cast["eve"]])
    with pytest.raises(PermissionError):
        services.set_preferences(actor=bob, programme=programme, ranked=[mia])
    assert dana.mentor_preferences.count() == 1  # a refused change keeps the old wishes


def test_the_programme_not_the_template_decides_mentor_training(matching_cast):
    programme = matching_cast["programme"]
    programme.requires_mentor_training = False
    programme.save()
    run = _run(matching_cast)
    # Nat (untrained) now counts; the ECF template's own training rule does not apply.
    assert run.num_places == 4
    programme.requires_mentor_training = True
    programme.save()
    assert _run(matching_cast).num_places == 3


def test_stored_choices_mirror_the_engines_rules_and_policies():
    from tandem.matching import models  # noqa: PLC0415
    from tandem.matching.engine import criteria  # noqa: PLC0415

    assert set(models.SameRule.values) == {rule.value for rule in criteria.SameRule}
    assert set(models.Policy.values) == {policy.value for policy in criteria.Policy}
