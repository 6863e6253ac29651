"""The constant comparison assistant: similar passages, suggested codes, the cached index
and merge suggestions."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem.research import comparison
from tandem.research.models import Code, CodedSegment, Participant
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    comparison.forget_indexes()
    return build_study_cast()


def add_segment(cast, pseudonym, needle, code, coder=None):
    document = cast["documents"][pseudonym]
    start = document.text.index(needle)
    return CodedSegment.objects.create(
        document=document,
        code=code,
        start=start,
        end=start + len(needle),
        coder=coder or cast["lead"],
        coding_pass=cast["pass"],
    )


def test_a_passage_finds_the_most_similar_coded_passages_and_suggests_their_codes(cast):
    found = comparison.similar_to_text(cast["study"], "We never find protected time for it")
    assert found.similar, "the three passages about time should be found"
    best = found.similar[0]
    assert "protected time" in best.passage.text
    assert best.pseudonym == "Manager 1"
    assert best.strand == "Key managers"
    assert [code.name for code in best.codes] == ["Protected time"]
    assert found.suggested[0].code == cast["codes"]["time"]
    assert all(item.similarity <= found.similar[0].similarity for item in found.similar)


def test_unrelated_or_empty_text_finds_nothing(cast):
    assert comparison.similar_to_text(cast["study"], "zebra xylophone").similar == ()
    assert comparison.similar_to_text(cast["study"], "the and of").similar == ()


def test_a_segment_is_not_its_own_most_similar_passage(cast):
    segment = cast["segments"][1]  # "Time was hard to find"
    found = comparison.similar_to_segment(cast["study"], segment)
    assert all(
        (item.passage.document_id, item.passage.start) != (segment.document_id, segment.start)
        for item in found.similar
    )


def test_the_index_is_reused_until_a_segment_changes(cast, django_assert_num_queries, monkeypatch):
    study = cast["study"]
    first = comparison.study_index(study)
    # Within the stamp's time to live, no query at all.
    with django_assert_num_queries(0):
        assert comparison.study_index(study) is first
    # Once the stamp is stale (time, or a save elsewhere): three queries, the stamp's
    # segments, participants and documents; the index is not rebuilt when nothing changed.
    comparison.mark_stale()
    with django_assert_num_queries(3):
        assert comparison.study_index(study) is first
    monkeypatch.setattr(comparison, "STAMP_TTL_SECONDS", 0.0)  # as if the time had passed
    with django_assert_num_queries(3):
        assert comparison.study_index(study) is first
    monkeypatch.undo()
    # Saving a segment marks the stamp stale at once (signal), and the index is rebuilt.
    add_segment(cast, "Coach 1", "Listening without judging", cast["codes"]["safety"])
    rebuilt = comparison.study_index(study)
    assert rebuilt is not first
    assert len(rebuilt.passages) == len(first.passages) + 1


def test_a_withdrawn_participants_passages_drop_out(cast):
    study = cast["study"]
    assert comparison.similar_to_text(study, "made it safe").similar
    participant = cast["participants"]["User 1"]
    participant.consent = Participant.Consent.WITHDRAWN
    participant.save(update_fields=["consent"])
    found = comparison.similar_to_text(study, "made it safe")
    assert all(item.pseudonym != "User 1" for item in found.similar)


def test_codes_whose_passages_are_near_duplicates_are_suggested_for_merging(cast):
    study = cast["study"]
    scarce = Code.objects.create(study=study, name="Scarce time", created_by=cast["lead"])
    add_segment(cast, "Coach 1", "Time is the real problem", scarce, coder=cast["coder"])
    add_segment(cast, "User 1", "Time was hard to find", scarce, coder=cast["coder"])
    suggestions = comparison.merge_suggestions(study)
    pairs = {frozenset({s.first.name, s.second.name}) for s in suggestions}
    assert frozenset({"Protected time", "Scarce time"}) in pairs
    assert frozenset({"Safe space", "Scarce time"}) not in pairs
    # A parent and its child are never suggested.
    assert frozenset({"Barriers", "Protected time"}) not in pairs
    suggestion = next(s for s in suggestions if "Scarce time" in {s.first.name, s.second.name})
    assert suggestion.examples
    assert max(suggestion.share_first, suggestion.share_second) == 1.0


def test_the_endpoint_returns_the_fragment_to_htmx_and_the_page_otherwise(cast):
    client = Client()
    client.force_login(cast["coder"])
    url = reverse("research:analysis-similar", args=[cast["study"].uuid])
    fragment = client.get(url, {"text": "protected time"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    assert "Protected time" in fragment.content.decode()
    page = client.get(url, {"text": "protected time"})
    assert b"<html" in page.content
    assert client.get(url, {"segment": "not-a-uuid"}).status_code == 404
