"""Erasure: the service's effects, the two-person approval pages and `tandem erase`."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.evaluation.models import Answer, ReportSnapshot
from tandem.evaluation.tests.cast import add_surveys, answer_all
from tandem.organisations.models import Membership
from tandem.privacy.models import ErasureRequest
from tandem.privacy.services.erasure import erase_person, is_erased, pseudonym_for
from tandem.privacy.services.requests import request_erasure
from tandem.relationships.models import Conversation, Goal, PrivateNote, Relationship
from tandem.relationships.services import lifecycle, record
from tandem.testing.twofactor import give_two_factor
from tandem.testing.workflow import approve, person


@pytest.fixture
def leads(cast):
    """Two data-protection leads of Moorland: one asks, the other approves."""
    first = person(cast["moorland"], "Priya Lead")
    second = person(cast["moorland"], "Sam Second")
    Membership.objects.filter(user__in=[first, second]).update(data_protection_lead=True)
    give_two_factor(first)  # data-protection leads must have set up two-factor
    give_two_factor(second)
    return first, second


def test_erasure_keeps_figures_and_removes_the_person(cast, django_capture_on_commit_callbacks):
    mentee = cast["mentee"]
    survey = add_surveys(cast)["mentee-end"]
    texts = {q.key: "Dana's own words" for q in survey.questions.filter(kind="text")}
    answer_all(survey, mentee, "mentee", 4, **texts)
    evidence = cast["evidence"]
    stored_name, storage = evidence.file.name, evidence.file.storage
    assert storage.exists(stored_name)
    pseudonym = pseudonym_for(mentee)

    with django_capture_on_commit_callbacks(execute=True):
        assert erase_person(actor=None, subject=mentee) == pseudonym

    mentee.refresh_from_db()
    assert mentee.full_name == pseudonym == pseudonym_for(mentee)  # stable
    assert is_erased(mentee)
    assert not mentee.is_active
    assert not mentee.has_usable_password()
    assert not storage.exists(stored_name)
    # Both members' notes on the pair's conversations are destroyed, ciphertext and all.
    assert not PrivateNote.objects.filter(conversation__relationship=cast["relationship"]).exists()
    assert Goal.objects.get(pk=cast["goal"].pk).title == "[erased]"
    # The figures stay: the relationship, her numeric survey answers, her enrolment.
    assert Relationship.objects.filter(pk=cast["relationship"].pk).exists()
    answers = Answer.objects.filter(response__respondent=mentee)
    assert answers.exclude(number=None).exists()
    assert not answers.exclude(text="").exists()
    assert not Membership.objects.current().filter(user=mentee).exists()
    assert AuditEvent.objects.filter(action="person.erased", object_uuid=mentee.uuid).exists()


def test_erasing_twice_changes_nothing_more(cast):
    pseudonym = erase_person(actor=None, subject=cast["mentee"])
    assert erase_person(actor=None, subject=cast["mentee"]) == pseudonym


def test_two_leads_are_needed_and_approval_asks_first(client, cast, leads):
    first, second = leads
    mentee = cast["mentee"]
    client.force_login(first)
    response = client.post(
        reverse("privacy:erasure-request", args=[mentee.uuid]), {"reason": "Her email of 3 May."}
    )
    erasure = ErasureRequest.objects.get(subject=mentee)
    assert response["Location"] == reverse("privacy:erasure-detail", args=[erasure.uuid])
    detail = reverse("privacy:erasure-detail", args=[erasure.uuid])
    # The lead who asked cannot approve.
    refused = client.post(detail, {"decision": "approve", "confirm": "on"})
    assert "A different data-protection lead must approve" in refused.content.decode()
    client.force_login(second)
    # Approval without ticking the confirmation changes nothing.
    unconfirmed = client.post(detail, {"decision": "approve"})
    assert unconfirmed.context["form"].errors["confirm"] == [
        "Tick to confirm that erasure cannot be undone."
    ]
    assert not is_erased(User.objects.get(pk=mentee.pk))
    client.post(detail, {"decision": "approve", "confirm": "on"})
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.COMPLETED
    assert erasure.decided_by == second
    assert erasure.pseudonym == pseudonym_for(mentee)
    assert is_erased(User.objects.get(pk=mentee.pk))
    # A decided request cannot be decided again.
    assert client.post(detail, {"decision": "cancel"}).status_code == 403


def test_lead_who_asked_may_cancel(client, cast, leads):
    first, _second = leads
    erasure = request_erasure(
        actor=first, subject=cast["mentee"], organisation=cast["moorland"], reason="Mistake."
    )
    client.force_login(first)
    client.post(reverse("privacy:erasure-detail", args=[erasure.uuid]), {"decision": "cancel"})
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.CANCELLED
    assert not is_erased(User.objects.get(pk=cast["mentee"].pk))


def test_request_is_refused_for_oneself_and_when_one_is_open(cast, leads):
    first, second = leads
    with pytest.raises(ValidationError, match="Another data-protection lead must ask"):
        request_erasure(actor=first, subject=first, organisation=cast["moorland"], reason="x")
    request_erasure(actor=first, subject=cast["mentee"], organisation=cast["moorland"], reason="x")
    with pytest.raises(ValidationError, match="already been asked for"):
        request_erasure(
            actor=second, subject=cast["mentee"], organisation=cast["moorland"], reason="y"
        )


def test_reason_is_required_with_a_message(client, cast, leads):
    client.force_login(leads[0])
    response = client.post(reverse("privacy:erasure-request", args=[cast["mentee"].uuid]), {})
    assert response.context["form"].errors["reason"] == ["This field is required."]


def test_command_asks_first_and_refuses_a_mismatch(cast, monkeypatch):
    email = cast["mentee"].email
    monkeypatch.setattr("builtins.input", lambda prompt: "someone@else.org")
    with pytest.raises(CommandError, match="did not match"):
        call_command("erase", email)
    assert not is_erased(User.objects.get(pk=cast["mentee"].pk))
    monkeypatch.setattr("builtins.input", lambda prompt: email.upper())
    call_command("erase", email)
    assert is_erased(User.objects.get(pk=cast["mentee"].pk))


def test_command_refuses_unknown_and_erased_people(cast):
    with pytest.raises(CommandError, match="Nobody in Tandem"):
        call_command("erase", "nobody@example.org", "--yes")
    call_command("erase", cast["mentor"].email, "--yes")
    erased = User.objects.get(pk=cast["mentor"].pk)
    with pytest.raises(CommandError, match="already been erased"):
        call_command("erase", erased.email, "--yes")


def test_in_a_group_only_the_persons_own_entries_and_name_go(cast):
    mentee, other = cast["mentee"], cast["other_mentee"]
    # Dana asked to leave Bob (the cast's change request), so Tandem will not group them
    # again: the group has a facilitator she has not asked to leave.
    mentor = person(cast["moorland"], "Gail Facilitator", years_in_profession=10)
    approve(cast["programme"], mentor, "mentor")
    group = pair_group(cast, [(mentor, "facilitator"), (mentee, "mentee"), (other, "mentee")])
    dana_goal = add_goal(group, mentee, "Dana's goal")
    eve_goal = add_goal(group, other, "Eve's goal")
    summary = f"{mentee.full_name} and Eve compared exit tickets."
    conversation = record.log_conversation(
        actor=mentor,
        relationship=group,
        fields={
            "status": Conversation.Status.HELD,
            "starts_at": timezone.now() - dt.timedelta(days=1),
            "duration_minutes": 60,
            "mode": Conversation.Mode.GROUP_SESSION,
            "summary": summary,
        },
        agenda=[],
        actions=[],
        private_note="Eve's facilitator note.",
    )

    pseudonym = erase_person(actor=None, subject=mentee)

    assert Goal.objects.get(pk=dana_goal.pk).title == "[erased]"
    assert Goal.objects.get(pk=eve_goal.pk).title == "Eve's goal"
    conversation.refresh_from_db()
    assert conversation.summary == f"{pseudonym} and Eve compared exit tickets."
    # The facilitator's own note in a group is theirs, and stays.
    assert PrivateNote.objects.filter(conversation=conversation, author=mentor).exists()


def pair_group(cast, members):
    return lifecycle.create_relationship(
        actor=cast["coordinator"],
        programme=cast["programme"],
        members=[(user, role, False) for user, role in members],
    )


def add_goal(relationship, owner, title):
    return record.add_goal(
        actor=owner,
        relationship=relationship,
        fields={
            "title": title,
            "why_it_matters": "Because.",
            "success_criteria": "Seen in lessons.",
            "target_on": timezone.localdate(),
        },
    )


def test_name_is_replaced_in_stored_text_and_json_whatever_its_letters(cast):
    mentee = cast["mentee"]
    User.objects.filter(pk=mentee.pk).update(full_name='Zoë "Z" O\'Brien')
    mentee.refresh_from_db()
    AuditEvent.objects.create(
        actor=cast["coordinator"],
        action="conversation.read",
        object_type="relationships.conversation",
        object_uuid=cast["conversation"].uuid,
        detail='Read for ZOË "Z" O\'BRIEN at her request',
    )
    snapshot = ReportSnapshot.objects.create(
        programme=cast["programme"], tables=[{"note": 'Zoë "Z" O\'Brien', "n": 5}]
    )
    pseudonym = erase_person(actor=None, subject=mentee)
    detail = AuditEvent.objects.get(action="conversation.read").detail
    assert detail == f"Read for {pseudonym} at her request"
    snapshot.refresh_from_db()
    assert snapshot.tables == [{"note": pseudonym, "n": 5}]
