"""Setting up a study, its team and strands; participants' consent and withdrawal; the
upload page (services.studies, views.studies)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.research.models import (
    CodedSegment,
    Document,
    Participant,
    Pseudonym,
    Strand,
    Study,
    StudyMember,
)
from tandem.research.selectors import analysable_documents, analysable_segments
from tandem.research.services import importing, studies
from tandem.research.tests.cast import build_study_cast
from tandem.testing.workflow import person


@pytest.fixture
def cast(db):
    return build_study_cast()


def test_a_coordinator_sets_up_a_study_and_becomes_its_lead(cast, client):
    client.force_login(cast["lead"])
    response = client.post(
        reverse("research:study-create"),
        {
            "title": "Second look",
            "organisation": cast["moorland"].pk,
            "programme": cast["programme"].pk,
            "research_questions": "What works?",
            "ethics_statement": "You may withdraw.",
        },
    )
    study = Study.objects.get(title="Second look")
    assert response.status_code == 302
    assert StudyMember.objects.get(study=study).user == cast["lead"]
    assert study.status == Study.Status.SETTING_UP


def test_a_study_needs_a_subject_of_its_organisation(cast):
    fields = {
        "title": "No subject",
        "organisation": cast["moorland"],
        "research_questions": "Q",
        "ethics_statement": "E",
    }
    with pytest.raises(ValidationError, match="Choose the programme"):
        studies.create_study(actor=cast["lead"], fields=fields)
    with pytest.raises(PermissionError):
        studies.create_study(actor=cast["coder"], fields=fields)


def test_status_moves_one_stage_and_closing_is_dated(cast):
    study, lead = cast["study"], cast["lead"]
    with pytest.raises(ValidationError, match="cannot move"):
        studies.change_status(actor=lead, study=study, status=Study.Status.CLOSED)
    studies.change_status(actor=lead, study=study, status=Study.Status.REPORTED)
    studies.change_status(actor=lead, study=study, status=Study.Status.CLOSED)
    assert study.closed_at is not None
    studies.change_status(actor=lead, study=study, status=Study.Status.REPORTED)
    assert study.closed_at is None


def test_team_changes_keep_a_lead(cast):
    study, lead = cast["study"], cast["lead"]
    own = StudyMember.objects.get(study=study, user=lead)
    with pytest.raises(ValidationError, match="last lead"):
        studies.remove_member(actor=lead, member=own)
    with pytest.raises(ValidationError, match="needs a lead"):
        studies.change_role(actor=lead, member=own, role=StudyMember.Role.CODER)
    with pytest.raises(ValidationError, match="Choose someone"):
        studies.add_member(actor=lead, study=study, user=cast["outsider"], role="coder")
    new = person(cast["moorland"], "Nia New")
    member = studies.add_member(actor=lead, study=study, user=new, role="lead")
    studies.change_role(actor=lead, member=own, role=StudyMember.Role.CODER)
    assert StudyMember.objects.get(study=study, user=lead).role == "coder"
    with pytest.raises(PermissionError):
        studies.add_member(actor=lead, study=study, user=cast["leader"], role="coder")
    studies.remove_member(actor=new, member=own)
    assert not StudyMember.objects.filter(study=study, user=lead).exists()
    with pytest.raises(ValidationError, match="last lead"):
        studies.remove_member(actor=new, member=member)


def test_strands_are_added_renamed_reordered_and_removed_only_when_empty(cast):
    study, lead = cast["study"], cast["lead"]
    governors = studies.add_strand(actor=lead, study=study, name="Governors")
    with pytest.raises(ValidationError, match="already has a strand"):
        studies.add_strand(actor=lead, study=study, name="Governors")
    studies.move_strand(actor=lead, strand=governors, up=True)
    names = list(Strand.objects.filter(study=study).values_list("name", flat=True))
    assert names == ["Peer coaches", "Service users", "Governors", "Key managers"]
    studies.rename_strand(actor=lead, strand=governors, name="Trustees", description="")
    with pytest.raises(ValidationError, match="not empty"):
        studies.remove_strand(actor=lead, strand=cast["strands"]["Peer coaches"])
    studies.remove_strand(actor=lead, strand=governors)
    assert not Strand.objects.filter(name="Trustees").exists()


def test_invited_person_gets_mail_and_a_pseudonym_per_strand(cast):
    study, lead = cast["study"], cast["lead"]
    invited = person(cast["moorland"], "Ivy Invited")
    with pytest.raises(ValidationError, match="Choose someone"):
        studies.invite_participant(
            actor=lead, study=study, strand=cast["strands"]["Peer coaches"], user=cast["outsider"]
        )
    with pytest.raises(ValidationError, match="Choose someone"):
        studies.invite_participant(
            actor=lead,
            study=study,
            strand=cast["strands"]["Peer coaches"],
            user=cast["participant"],
        )
    with pytest.raises(PermissionError):
        studies.invite_participant(
            actor=cast["coder"], study=study, strand=cast["strands"]["Peer coaches"], user=invited
        )
    with django_capture_on_commit():
        participant = studies.invite_participant(
            actor=lead, study=study, strand=cast["strands"]["Peer coaches"], user=invited
        )
    assert participant.pseudonym == "Coach 2"
    assert participant.consent == Participant.Consent.INVITED
    assert mail.outbox[-1].to == [invited.email]
    assert str(participant.uuid) in mail.outbox[-1].body
    assert [p.replacement for p in Pseudonym.objects.filter(study=study)] == ["Coach 2"]
    outside = studies.add_outside_participant(
        actor=lead,
        study=study,
        strand=cast["strands"]["Key managers"],
        name="Mo Governor",
        consent_method="Signed form, 3 March 2026",
    )
    assert outside.pseudonym == "Manager 2"
    assert outside.consent == Participant.Consent.GIVEN
    with pytest.raises(ValidationError, match="how and when"):
        studies.add_outside_participant(
            actor=lead,
            study=study,
            strand=cast["strands"]["Key managers"],
            name="X Y",
            consent_method=" ",
        )


def django_capture_on_commit():
    from django.test import TestCase  # noqa: PLC0415 - only for its on-commit helper

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_pseudonyms_are_editable_unique_and_fixed_after_confirmation(cast):
    lead = cast["lead"]
    coach = cast["participants"]["Coach 1"]
    with pytest.raises(ValidationError, match="has that pseudonym"):
        studies.edit_participant(
            actor=lead,
            participant=coach,
            strand=coach.strand,
            pseudonym="user 1",
            consent_method="",
        )
    # The cast's documents are confirmed already.
    with pytest.raises(ValidationError, match="fixed once"):
        studies.edit_participant(
            actor=lead,
            participant=coach,
            strand=coach.strand,
            pseudonym="Mentor 9",
            consent_method="",
        )
    Document.objects.update(pseudonyms_reviewed_at=None)
    studies.edit_participant(
        actor=lead,
        participant=coach,
        strand=coach.strand,
        pseudonym="Mentor 9",
        consent_method="",
    )
    coach.refresh_from_db()
    assert coach.pseudonym == "Mentor 9"


def test_consent_is_given_by_the_participant_only_and_then_withdrawn(cast, client):
    coach = cast["participants"]["Coach 1"]
    coach.consent = Participant.Consent.INVITED
    coach.save()
    with pytest.raises(PermissionError):
        studies.decide_consent(
            actor=cast["lead"], participant=coach, consent=True, shares_tandem_records=True
        )
    client.force_login(cast["participant"])
    page = client.get(reverse("research:participation", args=[coach.uuid]))
    assert cast["study"].ethics_statement in page.content.decode()
    client.post(
        reverse("research:participation", args=[coach.uuid]),
        {"decision": "give", "shares_tandem_records": "on"},
    )
    coach.refresh_from_db()
    assert coach.consent == Participant.Consent.GIVEN
    assert coach.shares_tandem_records
    assert [entry["consent"] for entry in coach.consent_history] == ["given"]
    confirm = client.get(reverse("research:participation-withdraw", args=[coach.uuid]))
    assert "1 document" in confirm.content.decode()
    assert "1 passage" in confirm.content.decode()
    document = cast["documents"]["Coach 1"]
    assert document in analysable_documents(cast["study"])
    client.post(reverse("research:participation-withdraw", args=[coach.uuid]))
    coach.refresh_from_db()
    assert coach.consent == Participant.Consent.WITHDRAWN
    assert not coach.shares_tandem_records
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not CodedSegment.objects.filter(document_id=document.pk).exists()
    assert analysable_segments(cast["study"]).count() == 3
    with pytest.raises(ValidationError, match="already withdrawn"):
        studies.withdraw(actor=cast["participant"], participant=coach)


def test_a_lead_records_a_withdrawal_by_letter(cast, client):
    manager = cast["participants"]["Manager 1"]
    client.force_login(cast["coder"])
    url = reverse("research:participant-withdraw", args=[cast["study"].uuid, manager.uuid])
    assert client.post(url).status_code == 403
    client.force_login(cast["lead"])
    assert "1 passage" in client.get(url).content.decode()
    client.post(url)
    manager.refresh_from_db()
    assert manager.consent == Participant.Consent.WITHDRAWN
    assert not Document.objects.filter(participant=manager).exists()
    assert manager.consent_history[-1]["by"] == "team"


def test_declining_after_consent_asks_for_withdrawal(cast):
    coach = cast["participants"]["Coach 1"]
    with pytest.raises(ValidationError, match="withdraw"):
        studies.decide_consent(
            actor=cast["participant"],
            participant=coach,
            consent=False,
            shares_tandem_records=False,
        )


def test_bad_upload_keeps_what_was_typed_and_stores_nothing(cast, client):
    client.force_login(cast["lead"])
    before = Document.objects.count()
    response = client.post(
        reverse("research:document-upload", args=[cast["study"].uuid]),
        {
            "participant": cast["participants"]["User 1"].pk,
            "title": "Second interview with User 1",
            "kind": "interview",
            "duration_minutes": "45",
            "file": SimpleUploadedFile("b.vtt", b"WEBVTT\n\n1\n00:01 --> later\nHello"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "the timing" in html
    assert 'value="Second interview with User 1"' in html
    assert 'value="45"' in html
    assert Document.objects.count() == before


def test_upload_goes_to_review_with_names_replaced(cast, client):
    client.force_login(cast["lead"])
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Rhea Researcher>Hello Sam.\n\n"
        "00:00:02.000 --> 00:00:05.000\n<v Sam User>Hello. Moorland Academy was good.\n"
    )
    response = client.post(
        reverse("research:document-upload", args=[cast["study"].uuid]),
        {
            "participant": cast["participants"]["User 1"].pk,
            "title": "Second interview",
            "kind": "interview",
            "file": SimpleUploadedFile("b.vtt", vtt.encode("utf-16")),
        },
    )
    document = Document.objects.get(title="Second interview")
    assert response["Location"].endswith(f"/documents/{document.uuid}/review/")
    assert document.text.split("\n")[1] == "User 1: Hello. Organisation 1 was good."
    assert document.turns[1]["speaker"] == "User 1"
    review = client.get(response["Location"]).content.decode()
    assert "Sam User" in review
    client.post(response["Location"], {"form": "confirm"})
    document.refresh_from_db()
    assert document.pseudonyms_reviewed_at is not None
    assert "Sam User" not in client.get(document.get_absolute_url()).content.decode()


def test_tandem_records_need_the_participants_agreement(cast):
    coach = cast["participants"]["Coach 1"]
    with pytest.raises(ValidationError, match="not agreed"):
        importing.import_tandem_records(actor=cast["lead"], participant=coach)
    coach.shares_tandem_records = True
    coach.save()
    with pytest.raises(ValidationError, match="nothing new"):
        importing.import_tandem_records(actor=cast["lead"], participant=coach)
    with pytest.raises(ValidationError, match="no Tandem account"):
        importing.import_tandem_records(
            actor=cast["lead"], participant=cast["participants"]["User 1"]
        )
