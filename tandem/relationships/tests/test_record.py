"""Goals, conversations, evidence and time: the shared record."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.framework.keys import Principle
from tandem.relationships.models import AgendaItem, Conversation, EvidenceItem, Goal

pytestmark = pytest.mark.django_db


def test_a_conversation_records_who_raised_each_agenda_item(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("relationships:conversation-add", args=[cast["relationship"].uuid])
    mentee, mentor = str(cast["mentee"].pk), str(cast["mentor"].pk)
    data = {
        "status": "held",
        "starts_at": "2026-03-02T15:30",
        "duration_minutes": 50,
        "mode": "observation-debrief",
        "summary": "Debrief of the Year 9 lesson.",
        "agenda-TOTAL_FORMS": 4,
        "agenda-INITIAL_FORMS": 0,
        "agenda-0-text": "Pace in the starter",
        "agenda-0-raised_by": mentee,
        "agenda-1-text": "Seating plan",
        "agenda-1-raised_by": mentor,
        "actions-TOTAL_FORMS": 3,
        "actions-INITIAL_FORMS": 0,
        "actions-0-description": "Try a timer",
        "actions-0-owner": mentee,
        "actions-0-due_on": "2026-03-09",
        "body": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    # The summary is encrypted at rest, so the new conversation is found by its mode.
    conversation = Conversation.objects.get(mode="observation-debrief")
    assert conversation.summary == "Debrief of the Year 9 lesson."
    raised = {
        item.text: item.raised_by for item in AgendaItem.objects.filter(conversation=conversation)
    }
    assert raised == {"Pace in the starter": cast["mentee"], "Seating plan": cast["mentor"]}
    assert conversation.actions.get().owner == cast["mentee"]


def test_an_invalid_conversation_keeps_everything_typed(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("relationships:conversation-add", args=[cast["relationship"].uuid])
    data = {
        "status": "held",
        # 31 February: each box is a number, but the date does not exist.
        "starts_at_day": "31",
        "starts_at_month": "2",
        "starts_at_year": "2026",
        "starts_at_time": "15:30",
        "duration_minutes": 50,
        "mode": "video",
        "summary": "A long summary I do not want to lose.",
        "agenda-TOTAL_FORMS": 4,
        "agenda-INITIAL_FORMS": 0,
        "agenda-0-text": "An item with no owner",
        "actions-TOTAL_FORMS": 3,
        "actions-INITIAL_FORMS": 0,
        "body": "My private thoughts",
    }
    page = client.post(url, data).content.decode()
    assert "There is a problem" in page
    assert "The date must be a real date" in page
    assert "Say who raised this item" in page
    assert "A long summary I do not want to lose." in page
    assert "My private thoughts" in page


def test_concurrent_summary_edits_are_detected(client, cast):
    conversation = cast["conversation"]
    url = reverse("relationships:conversation-edit", args=[conversation.uuid])
    base = {
        "status": "held",
        "starts_at": timezone.localtime(conversation.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 45,
        "mode": "in-person",
        "evidence_discussed": "",
        "version": conversation.version,
    }
    client.force_login(cast["mentor"])
    assert client.post(url, base | {"summary": "Mentor's summary"}).status_code == 302
    client.force_login(cast["mentee"])
    response = client.post(url, base | {"summary": "Mentee's summary"})
    page = response.content.decode()
    assert "Someone else saved a change" in page
    assert "Mentee&#x27;s summary" in page
    conversation.refresh_from_db()
    assert conversation.summary == "Mentor's summary"


def test_only_the_learner_owns_and_edits_goals(client, cast):
    goal = cast["goal"]
    client.force_login(cast["mentor"])
    url = reverse("relationships:goal-edit", args=[goal.uuid])
    assert client.get(url).status_code == 403
    client.force_login(cast["mentee"])
    data = {
        "title": "Better hinge questions",
        "why_it_matters": goal.why_it_matters,
        "success_criteria": goal.success_criteria,
        "target_on": goal.target_on.isoformat(),
        "status": "in-progress",
        "version": goal.version,
    }
    assert client.post(url, data).status_code == 302
    assert Goal.objects.get(pk=goal.pk).version == goal.version + 1


def test_uploads_are_checked_by_type_and_size(client, cast, settings):
    client.force_login(cast["mentee"])
    url = reverse("relationships:evidence-add", args=[cast["relationship"].uuid])
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf", "application/pdf")
    page = client.post(url, {"title": "Plan", "file": fake}).content.decode()
    assert "do not match its .pdf name" in page
    script = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    page = client.post(url, {"title": "Plan", "file": script}).content.decode()
    assert "Upload a PDF, PNG, JPEG or Word" in page
    settings.TANDEM_MAX_EVIDENCE_BYTES = 10
    big = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 " + b"x" * 100, "application/pdf")
    page = client.post(url, {"title": "Plan keeps", "file": big}).content.decode()
    assert "the limit is" in page
    assert "Plan keeps" in page


def test_evidence_is_stored_outside_the_web_root_and_served_through_the_policy(client, cast):
    evidence = EvidenceItem.objects.get()
    path = evidence.file.path
    assert not path.startswith(str(settings.STATIC_ROOT))
    assert "/static/" not in path
    client.force_login(cast["mentor"])
    response = client.get(reverse("relationships:evidence-download", args=[evidence.uuid]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="evidence.download", actor=cast["mentor"]).exists()


def test_reads_of_someone_elses_content_are_audited(client, cast):
    conversation = cast["conversation"]  # written by the mentor
    url = reverse("relationships:conversation-detail", args=[conversation.uuid])
    client.force_login(cast["mentor"])
    client.get(url)
    assert not AuditEvent.objects.filter(action="conversation.read").exists()
    client.force_login(cast["mentee"])
    client.get(url)
    event = AuditEvent.objects.get(action="conversation.read")
    assert (event.actor, event.object_uuid) == (cast["mentee"], conversation.uuid)
    client.force_login(cast["coordinator"])
    client.get(reverse("relationships:change-request-detail", args=[cast["change"].uuid]))
    assert AuditEvent.objects.filter(
        action="change-request.read", actor=cast["coordinator"]
    ).exists()


def test_coordinator_sees_metadata_but_never_content(client, cast):
    client.force_login(cast["coordinator"])
    for url in (
        reverse("relationships:relationship-detail", args=[cast["relationship"].uuid]),
        reverse("relationships:programme-overview", args=[cast["programme"].uuid]),
    ):
        page = client.get(url).content.decode()
        assert "Dana Mentee" in page
        assert "hinge" not in page.lower()
        assert "questioning" not in page.lower()
        assert "tired" not in page


def test_time_adds_up_contact_and_non_contact(client, cast):
    client.force_login(cast["mentor"])
    page = client.get(cast["relationship"].get_absolute_url()).content.decode()
    assert "Contact time: 45 minutes" in page
    assert "Non-contact time: 30 minutes" in page


def test_coordinator_metadata_page_shows_counts(client, cast):
    client.force_login(cast["coordinator"])
    page = client.get(cast["relationship"].get_absolute_url()).content.decode()
    assert "1 held of" in page
    assert "Signed by everyone (version 1)" in page


def test_goals_refer_to_framework_principles_by_known_key(cast):
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    goal = cast["goal"]
    assert goal.framework_keys == [Principle.CHALLENGING_PERSONAL_GOALS]
    goal.framework_keys = ["not-a-principle"]
    with pytest.raises(ValidationError, match="Unknown framework key"):
        goal.full_clean()
