"""After a learner asks to leave a mentor, "pair again" refuses that mentor, pre-selects the
learner, and the coordinator may instead decline the request with a reason (seed 002 §4.3.4)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.relationships.models import ChangeRequest, Goal, Relationship
from tandem.relationships.reminders import send_due_reminders
from tandem.relationships.services import lifecycle
from tandem.relationships.services.agreement import current_agreement, sign_agreement
from tandem.testing.factories import TrainingRecordFactory
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


def _end_after_request(cast):
    lifecycle.resolve_change_request(
        actor=cast["coordinator"], change=cast["change"], end_relationship=True, note="Agreed."
    )


def _create_url(cast, change=None):
    url = reverse("relationships:relationship-create", args=[cast["programme"].uuid])
    return f"{url}?change={change.uuid}" if change else url


def _second_mentor(cast):
    mentor = person(cast["moorland"], "Gail Secondmentor", years_in_profession=10)
    TrainingRecordFactory(profile=mentor.profile)
    approve(cast["programme"], mentor, "mentor")
    return mentor


def test_pairing_again_with_the_mentor_left_is_refused_with_a_clear_message(client, cast):
    _end_after_request(cast)
    client.force_login(cast["coordinator"])
    response = client.post(
        _create_url(cast, cast["change"]),
        {"supporter": cast["mentor"].pk, "learners": [cast["mentee"].pk]},
    )
    assert response.status_code == 200
    assert "Dana Mentee asked to leave Bob Mentor" in response.content.decode()
    assert Relationship.objects.filter(programme=cast["programme"]).count() == 1


def test_the_rule_holds_for_every_route_not_only_the_page(cast):
    _end_after_request(cast)
    with pytest.raises(ValidationError, match="asked to leave"):
        pair(cast["coordinator"], cast["programme"], cast["mentor"], cast["mentee"])


def test_a_declined_request_does_not_bar_the_pair(cast):
    lifecycle.decline_change_request(
        actor=cast["coordinator"], change=cast["change"], reason="Give it a term."
    )
    assert lifecycle.refused_pairings([cast["mentee"]], [cast["mentor"]]) == []


def test_a_relationship_ended_as_not_working_bars_the_pair_too(cast):
    lifecycle.decline_change_request(
        actor=cast["coordinator"], change=cast["change"], reason="Give it a term."
    )
    lifecycle.change_relationship_status(
        actor=cast["coordinator"],
        relationship=cast["relationship"],
        transition="end",
        reason=Relationship.EndReason.NOT_WORKING,
    )
    assert lifecycle.refused_pairings([cast["mentee"]], [cast["mentor"]])


def test_pair_again_preselects_the_learner_and_carries_their_goals(client, cast):
    _end_after_request(cast)
    mentor = _second_mentor(cast)
    client.force_login(cast["coordinator"])
    page = client.get(_create_url(cast, cast["change"])).content.decode()
    assert re.search(rf'value="{cast["mentee"].pk}"[^>]*checked', page)
    assert "Tandem will not pair them with the mentor they asked to leave" in page
    response = client.post(
        _create_url(cast, cast["change"]),
        {"supporter": mentor.pk, "learners": [cast["mentee"].pk]},
    )
    assert response.status_code == 302
    new = Relationship.objects.get(members__user=mentor)
    assert new.replaces == cast["relationship"]
    (carried,) = new.goals.all()
    assert carried.carried_from == cast["goal"]
    assert carried.title == cast["goal"].title
    client.force_login(cast["mentee"])
    page = client.get(new.get_absolute_url()).content.decode()
    assert "carried from your previous relationship" in page
    old_page = client.get(cast["relationship"].get_absolute_url()).content.decode()
    assert "carried into the next relationship" in old_page


def test_finished_goals_stay_behind(cast):
    _end_after_request(cast)
    Goal.objects.filter(pk=cast["goal"].pk).update(status=Goal.Status.ACHIEVED)
    mentor = _second_mentor(cast)
    new = pair(
        cast["coordinator"],
        cast["programme"],
        mentor,
        cast["mentee"],
        replaces=cast["relationship"],
    )
    assert not new.goals.exists()


def test_resolving_sends_the_coordinator_to_pair_again_with_the_request(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:change-request-detail", args=[cast["change"].uuid])
    response = client.post(url, {"end_relationship": "on", "note": "New mentor next week."})
    assert response["Location"] == _create_url(cast, cast["change"])


def test_pair_again_with_an_unknown_request_is_404(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:relationship-create", args=[cast["programme"].uuid])
    assert client.get(f"{url}?change=2f1c1f6e-6d7a-4d47-9c6e-0f1f2b1a9c3d").status_code == 404
    assert client.get(f"{url}?change=not-a-uuid").status_code == 200


def test_coordinator_declines_with_a_reason_the_mentee_reads(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:change-request-decline", args=[cast["change"].uuid])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Let us review at half term."})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[cast["mentee"].email]]
    change = ChangeRequest.objects.get(pk=cast["change"].pk)
    assert change.status == ChangeRequest.Status.DECLINED
    assert change.resolution_note == "Let us review at half term."
    assert AuditEvent.objects.filter(action="change-request.declined").count() == 1
    assert Relationship.objects.get(pk=cast["relationship"].pk).status != "ended"
    client.force_login(cast["mentee"])
    page = client.get(cast["relationship"].get_absolute_url()).content.decode()
    assert "Declined" in page
    assert "Let us review at half term." in page


def test_declining_without_a_reason_is_refused(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:change-request-decline", args=[cast["change"].uuid])
    page = client.post(url, {"reason": "  "}).content.decode()
    assert "Say why, for the person who asked." in page
    assert ChangeRequest.objects.get(pk=cast["change"].pk).status == ChangeRequest.Status.OPEN


def test_a_request_cannot_be_declined_twice(cast):
    lifecycle.decline_change_request(actor=cast["coordinator"], change=cast["change"], reason="No")
    with pytest.raises(ValidationError, match="already been dealt with"):
        lifecycle.decline_change_request(
            actor=cast["coordinator"], change=cast["change"], reason="No"
        )


def test_the_mentee_sees_their_request_is_pending_and_the_mentor_does_not(client, cast):
    client.force_login(cast["mentee"])
    page = client.get(cast["relationship"].get_absolute_url()).content.decode()
    assert "Pending:" in page
    client.force_login(cast["mentor"])
    page = client.get(cast["relationship"].get_absolute_url()).content.decode()
    assert "Pending:" not in page
    assert "asked for a change" not in page


def test_an_ended_relationship_asks_nobody_to_sign(client, cast):
    mentor = _second_mentor(cast)
    relationship = pair(cast["coordinator"], cast["programme"], mentor, cast["other_mentee"])
    lifecycle.change_relationship_status(
        actor=cast["coordinator"], relationship=relationship, transition="end", reason="other"
    )
    client.force_login(cast["other_mentee"])
    page = client.get(reverse("relationships:my-mentoring")).content.decode()
    assert "Waiting for your signature" not in page
    client.force_login(mentor)
    page = client.get(reverse("relationships:my-mentees")).content.decode()
    assert "Waiting for your signature" not in page
    assert "sign it" not in page
    agreement = current_agreement(relationship)
    assert agreement is not None
    with pytest.raises(PermissionError, match="ended"):
        sign_agreement(actor=mentor, agreement=agreement)


def test_ended_relationships_get_no_signature_reminders(cast):
    mentor = _second_mentor(cast)
    relationship = pair(cast["coordinator"], cast["programme"], mentor, cast["other_mentee"])
    lifecycle.change_relationship_status(
        actor=cast["coordinator"], relationship=relationship, transition="end", reason="other"
    )
    relationship.agreements.update(created_at=timezone.now() - dt.timedelta(days=5))
    mail.outbox.clear()
    send_due_reminders()
    assert not [m for m in mail.outbox if "signature" in m.subject and mentor.email in m.to]


def test_ending_a_relationship_asks_first_and_says_what_happens(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:relationship-status", args=[cast["relationship"].uuid])
    data = {"transition": "end", "reason": "not-working", "note": "Agreed with both."}
    page = client.post(url, data).content.decode()
    assert "End this relationship?" in page
    assert "Nobody is emailed" in page
    assert "cannot be undone" in page
    assert Relationship.objects.get(pk=cast["relationship"].pk).status != "ended"
    response = client.post(url, data | {"confirmed": "yes"})
    assert response.status_code == 302
    relationship = Relationship.objects.get(pk=cast["relationship"].pk)
    assert relationship.status == "ended"
    assert relationship.end_note == "Agreed with both."


def test_pausing_needs_no_confirmation(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:relationship-status", args=[cast["relationship"].uuid])
    assert client.post(url, {"transition": "pause"}).status_code == 302
    assert Relationship.objects.get(pk=cast["relationship"].pk).status == "paused"
