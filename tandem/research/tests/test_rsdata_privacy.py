"""Research records in the retention schedule, subject access and erasure (tandem.privacy)."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.privacy import retention
from tandem.privacy.models import DisposalLog
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.services.subject_access import collect
from tandem.research.models import (
    CaseSummary,
    CodedSegment,
    Document,
    Participant,
    Pseudonym,
    Study,
    StudyMember,
)
from tandem.research.services import importing, pseudonyms
from tandem.research.tests.cast import build_study_cast


@pytest.fixture
def cast(db):
    return build_study_cast()


def test_participants_and_documents_are_kept_six_years_after_the_study_closes(cast):
    study = cast["study"]
    assert retention.RULES["research.Participant"] == retention.Period(
        "study", anonymise=False, what="research participants and their consent history"
    )
    today = timezone.localdate()
    study.status, study.closed_at = Study.Status.CLOSED, timezone.now() - dt.timedelta(days=365)
    study.save()
    dispose_expired(today=today)
    assert Participant.objects.filter(study=study).count() == 3
    disposals = dispose_expired(today=today + dt.timedelta(days=6 * 366))
    assert {d.model for d in disposals} >= {"research.Document", "research.Participant"}
    assert not Document.objects.filter(study=study).exists()
    assert not Participant.objects.filter(study=study).exists()
    assert not CodedSegment.objects.filter(document__study=study).exists()
    # The study, its codebook and team stay: findings without the people.
    assert Study.objects.filter(pk=study.pk).exists()
    assert StudyMember.objects.filter(study=study).count() == 3
    assert DisposalLog.objects.filter(model="research.Participant", num_records=3).exists()


def test_an_open_study_is_never_disposed_of(cast):
    dispose_expired(today=timezone.localdate() + dt.timedelta(days=20 * 366))
    assert Participant.objects.filter(study=cast["study"]).count() == 3


def test_subject_access_holds_participation_consent_documents_and_passages(cast):
    coach = cast["participants"]["Coach 1"]
    coach.consent_history = [{"consent": "given", "at": "2026-03-01T10:00:00+00:00"}]
    coach.save()
    sections = {section.name: section for section in collect(cast["participant"])}
    (participation,) = sections["research_participation"].rows
    assert participation["pseudonym"] == "Coach 1"
    assert participation["consent_history"][0]["consent"] == "given"
    (document,) = sections["research_documents"].rows
    assert "I ask more open questions" in document["text"]
    (passage,) = sections["research_coded_passages"].rows
    assert passage["quote"] == "Time is the real problem"
    lead_sections = {section.name: section for section in collect(cast["lead"])}
    assert lead_sections["research_team"].rows[0]["role"] == "lead"
    assert lead_sections["research_documents"].rows == []


def test_subject_access_holds_the_case_summary_written_about_them(cast):
    CaseSummary.objects.create(
        participant=cast["participants"]["Coach 1"],
        path_into_scheme="Asked by the head of department",
        practice_change="More open questions in lessons",
        written_by=cast["lead"],
    )
    sections = {section.name: section for section in collect(cast["participant"])}
    (summary,) = sections["research_case_summaries"].rows
    assert summary["pseudonym"] == "Coach 1"
    assert summary["practice_change"] == "More open questions in lessons"
    others = {section.name: section for section in collect(cast["lead"])}
    assert others["research_case_summaries"].rows == []


def test_erasure_deletes_participation_and_pseudonymises_the_team(cast):
    participant_user = cast["participant"]
    # As inviting them would have made it.
    pseudonyms.ensure_participant_pseudonym(cast["participants"]["Coach 1"])
    pending = importing.import_interview(
        actor=cast["lead"],
        study=cast["study"],
        participant=cast["participants"]["User 1"],
        transcript=importing.read_transcript("a.txt", b"Sam User: Pia Participant helped."),
        title="Pending",
    )
    assert Pseudonym.objects.filter(study=cast["study"], replacement="Coach 1").exists()
    erase_person(actor=None, subject=participant_user)
    assert not Participant.objects.filter(user=participant_user).exists()
    assert not Document.objects.filter(pk=cast["document"].pk).exists()
    assert not Pseudonym.objects.filter(study=cast["study"], replacement="Coach 1").exists()
    pending.refresh_from_db()
    assert "Pia" not in pending.original_text
    assert "Pia" not in str(pending.replacements)
    lead = cast["lead"]
    erase_person(actor=None, subject=lead)
    member = StudyMember.objects.get(study=cast["study"], role="lead")
    member.user.refresh_from_db()
    assert member.user.full_name != "Rhea Researcher"
