"""Pseudonymisation on import and its review (services.pseudonyms)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.research.models import CodedSegment, Document, Pseudonym
from tandem.research.selectors import analysable_documents
from tandem.research.services import importing, pseudonyms
from tandem.research.tests.cast import build_study_cast
from tandem.testing.workflow import person


@pytest.fixture
def cast(db):
    cast = build_study_cast()
    study = cast["study"]
    study.place_names = "Little Snoring\nHaworth"
    study.save(update_fields=["place_names"])
    return cast


def upload(cast, text, name="a.txt", participant="Coach 1"):
    return importing.import_interview(
        actor=cast["lead"],
        study=cast["study"],
        participant=cast["participants"][participant],
        transcript=importing.read_transcript(name, text.encode()),
        title="Interview",
    )


def test_known_names_organisations_and_places_are_replaced(cast):
    document = upload(
        cast,
        "Interviewer: Tell me about Moorland Academy.\n"
        "Pia Participant: Cole coder helped me; Olive Leader's support in Little Snoring "
        "mattered. Sam User agreed.",
    )
    text = document.text
    for name in ["Moorland", "Pia", "Cole", "Olive", "Little Snoring", "Sam"]:
        assert name not in text
    assert "Coach 1: Cole" not in text
    assert text.startswith("Interviewer: Tell me about Organisation 1.\nCoach 1: Person ")
    assert "Place 1" in text
    assert "User 1 agreed" in text
    # "Leader's": the possessive keeps its ending; "coder" (lower case) is still Cole's surname
    # only as part of the full name, which is replaced whole.
    assert "'s support" in text
    assert document.original_text.startswith("Interviewer: Tell me about Moorland Academy.")
    assert document.turns[1]["speaker"] == "Coach 1"
    line = text[document.turns[1]["start"] : document.turns[1]["end"]]
    assert line.startswith("Coach 1: ")
    assert line.endswith("User 1 agreed.")


def test_replacements_are_stable_across_documents_and_case(cast):
    first = upload(cast, "Olive Leader and COLE CODER met in Haworth.")
    second = upload(cast, "later olive leader said haworth was cold", participant="User 1")
    olive = first.text.split(" and ")[0]
    assert olive.startswith("Person ")
    assert second.text.startswith(f"later {olive} said Place ")
    assert first.text.endswith(second.text.split(" said ")[1].split(" was")[0] + ".")
    assert Pseudonym.objects.filter(study=cast["study"]).count() == 3


def test_whole_words_only_and_first_names_alone(cast):
    document = upload(cast, "Pia said Piano lessons help; Olive oil is not Olive.")
    assert document.text == "Coach 1 said Piano lessons help; Person 1 oil is not Person 1."


def test_shared_first_name_is_marked_for_the_lead(cast):
    person(cast["moorland"], "Pia Second")
    document = upload(cast, "Pia said so, and Pia Participant agreed.")
    assert document.text == "[name] said so, and Coach 1 agreed."


def test_undo_add_and_confirm(cast):
    lead = cast["lead"]
    document = upload(cast, "Olive sent Mrs Bloggs to Crumpton. Olive agreed.")
    first_olive = document.replacements[0]
    pseudonyms.undo_replacement(
        actor=lead, document=document, source_start=first_olive["source_start"]
    )
    assert document.text.startswith("Olive sent Mrs Bloggs")
    assert document.text.endswith("Person 1 agreed.")
    pseudonyms.add_name(actor=lead, document=document, kind="person", original="Mrs  Bloggs")
    document.refresh_from_db()
    assert document.text == "Olive sent Person 2 to Crumpton. Person 1 agreed."
    pseudonyms.add_name(actor=lead, document=document, kind="place", original="crumpton")
    document.refresh_from_db()
    assert document.text == "Olive sent Person 2 to Place 1. Person 1 agreed."
    pseudonyms.redo_replacement(
        actor=lead, document=document, source_start=first_olive["source_start"]
    )
    document.refresh_from_db()
    assert document.text == "Person 1 sent Person 2 to Place 1. Person 1 agreed."
    # A later document uses the name added on review.
    later = upload(cast, "Mrs Bloggs again.", participant="User 1")
    assert later.text == "Person 2 again."

    pseudonyms.confirm_replacements(actor=lead, document=document)
    document.refresh_from_db()
    assert document.pseudonyms_reviewed_at is not None
    assert document.original_text == ""
    assert document.replacements == []
    with pytest.raises(ValidationError, match="already been confirmed"):
        pseudonyms.undo_replacement(actor=lead, document=document, source_start=0)


def test_only_leads_review(cast):
    document = upload(cast, "Olive agreed.")
    with pytest.raises(PermissionError):
        pseudonyms.confirm_replacements(actor=cast["coder"], document=document)


def test_unreviewed_documents_are_not_analysable(cast):
    document = upload(cast, "Olive agreed.")
    assert document not in analysable_documents(cast["study"])
    pseudonyms.confirm_replacements(actor=cast["lead"], document=document)
    assert document in analysable_documents(cast["study"])


def test_interview_date_cannot_be_in_the_future_or_before_the_study(cast):
    transcript = importing.read_transcript("a.txt", b"Hello.")
    today = timezone.localdate()
    for day, message in [
        (today + dt.timedelta(days=1), "future"),
        (today - dt.timedelta(days=400), "before the study"),
    ]:
        with pytest.raises(ValidationError, match=message):
            importing.import_interview(
                actor=cast["lead"],
                study=cast["study"],
                participant=None,
                transcript=transcript,
                title="Notes",
                interviewed_on=day,
            )
    assert not Document.objects.filter(title="Notes").exists()


def test_text_cannot_be_replaced_once_coded(cast):
    document = cast["document"]
    transcript = importing.read_transcript("a.txt", b"A corrected text.")
    with pytest.raises(ValidationError, match="has been coded"):
        importing.replace_text(actor=cast["lead"], document=document, transcript=transcript)
    uncoded = upload(cast, "Olive first draft.")
    importing.replace_text(actor=cast["lead"], document=uncoded, transcript=transcript)
    uncoded.refresh_from_db()
    assert uncoded.text == "A corrected text."
    assert uncoded.pseudonyms_reviewed_at is None
    assert CodedSegment.objects.filter(document=document).exists()
