"""A participant's own Tandem text as documents, with their agreement (importing)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.evaluation.models import Survey
from tandem.evaluation.services import schedule_survey, submit_response
from tandem.relationships.models import LearningLogEntry
from tandem.research.models import Document, Participant, Study, StudyMember
from tandem.research.services import importing, studies
from tandem.testing.workflow import build_cast


@pytest.fixture
def cast(db):
    cast = build_cast()
    study = Study.objects.create(
        title="Mentoring at Moorland",
        organisation=cast["moorland"],
        programme=cast["programme"],
        research_questions="What helps early-career teachers?",
        ethics_statement="You may withdraw at any time.",
        created_by=cast["coordinator"],
    )
    StudyMember.objects.create(study=study, user=cast["coordinator"], role="lead")
    strand = studies.add_strand(
        actor=cast["coordinator"], study=study, name="Early-career teachers"
    )
    participant = studies.invite_participant(
        actor=cast["coordinator"], study=study, strand=strand, user=cast["mentee"]
    )
    LearningLogEntry.objects.create(
        relationship=cast["relationship"],
        owner=cast["mentee"],
        learned_on=timezone.localdate(),
        learned="Bob Mentor showed me how to wait after a question.",
    )
    today = timezone.localdate()
    survey = schedule_survey(
        actor=cast["coordinator"],
        programme=cast["programme"],
        template_key="mentee-end",
        stage="end",
        opens_on=today - dt.timedelta(days=1),
    )
    Survey.objects.filter(pk=survey.pk).update(closes_on=today + dt.timedelta(days=5))
    survey.refresh_from_db()
    text_questions = survey.questions.filter(kind="text")
    submit_response(
        actor=cast["mentee"],
        survey=survey,
        role="mentee",
        answers={question.pk: "Moorland Academy gave us time." for question in text_questions},
    )
    return cast | {"study": study, "participant": participant}


def test_records_are_imported_one_document_per_kind_pseudonymised(cast):
    participant = cast["participant"]
    studies.decide_consent(
        actor=cast["mentee"], participant=participant, consent=True, shares_tandem_records=True
    )
    documents = importing.import_tandem_records(actor=cast["coordinator"], participant=participant)
    by_kind = {document.kind: document for document in documents}
    assert set(by_kind) == {
        Document.Kind.CONVERSATION,
        Document.Kind.LEARNING_LOG,
        Document.Kind.SURVEY_COMMENT,
    }
    assert "hinge questions for the forces unit" in by_kind["conversation"].text
    # Never private notes.
    assert all("seemed tired" not in document.text for document in documents)
    log = by_kind["learning-log"].text
    assert "Bob Mentor" not in log
    assert "Person 1 showed me" in log
    assert "Organisation 1 gave us time" in by_kind["survey-comment"].text
    assert all(document.pseudonyms_reviewed_at is None for document in documents)
    with pytest.raises(ValidationError, match="nothing new"):
        importing.import_tandem_records(actor=cast["coordinator"], participant=participant)


def test_without_agreeing_to_share_records_nothing_is_imported(cast):
    participant = cast["participant"]
    studies.decide_consent(
        actor=cast["mentee"], participant=participant, consent=True, shares_tandem_records=False
    )
    with pytest.raises(ValidationError, match="not agreed"):
        importing.import_tandem_records(actor=cast["coordinator"], participant=participant)
    assert not Document.objects.filter(participant=participant).exists()
    assert Participant.objects.get(pk=participant.pk).consent == Participant.Consent.GIVEN
