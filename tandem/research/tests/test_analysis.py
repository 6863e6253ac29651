"""Similarities and differences (frequencies, co-occurrence, suppression), themes and
biographical case summaries."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.evaluation.tables import SUPPRESSED
from tandem.framework.keys import Pairing
from tandem.research.models import CaseSummary, CodedSegment, Document, Participant, Theme
from tandem.research.services import analysis
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_study_cast()


def interview(cast, pseudonym, strand, text, *, code, needle):
    participant = Participant.objects.create(
        study=cast["study"],
        strand=cast["strands"][strand],
        name=f"Real {pseudonym}",
        organisation=cast["moorland"],
        pseudonym=pseudonym,
        consent=Participant.Consent.GIVEN,
    )
    document = Document.objects.create(
        study=cast["study"],
        participant=participant,
        title=f"Interview with {pseudonym}",
        source_format=Document.Format.TXT,
        text=text,
        pseudonyms_reviewed_at=timezone.now(),
    )
    start = text.index(needle)
    CodedSegment.objects.create(
        document=document,
        code=code,
        start=start,
        end=start + len(needle),
        coder=cast["lead"],
        coding_pass=cast["pass"],
    )
    return participant


def test_the_team_sees_exact_counts_by_strand(cast):
    table = analysis.code_frequencies(cast["study"], analysis.STRAND, exact=True)
    assert table.groups == ("Peer coaches", "Service users", "Key managers")
    time_row = next(row for row in table.rows if row.code == cast["codes"]["time"])
    assert [cell.participants for cell in time_row.cells] == [1, 1, 1]
    assert [cell.segments for cell in time_row.cells] == [1, 1, 1]
    assert time_row.total.participants == 3


def test_readers_get_small_cells_suppressed_with_complementary_suppression(cast):
    time = cast["codes"]["time"]
    for number in range(2, 8):  # six more peer coaches talk about time: 7 coaches
        interview(cast, f"Coach {number}", "Peer coaches", "No time.", code=time, needle="No time")

    def row():
        table = analysis.code_frequencies(cast["study"], analysis.STRAND, exact=False)
        return next(row for row in table.rows if row.code == time)

    # 7 coaches, 1 user, 1 manager: the two small cells together cover 2 people, so the
    # coaches' 7 would give them away from the total; it is hidden too, and so is the total.
    assert [str(cell) for cell in row().cells] == [SUPPRESSED] * 3
    assert str(row().total) == SUPPRESSED
    for number in range(2, 5):  # 4 users: the hidden cells now cover 5 people
        interview(cast, f"User {number}", "Service users", "No time.", code=time, needle="No time")
    assert [str(cell) for cell in row().cells] == ["7", SUPPRESSED, SUPPRESSED]
    assert str(row().total) == "12"
    exact = analysis.code_frequencies(cast["study"], analysis.STRAND, exact=True)
    exact_row = next(row for row in exact.rows if row.code == time)
    assert [cell.participants for cell in exact_row.cells] == [7, 4, 1]


def test_a_code_used_by_fewer_than_five_people_is_suppressed_entirely(cast):
    table = analysis.code_frequencies(cast["study"], analysis.STRAND, exact=False)
    safety_row = next(row for row in table.rows if row.code == cast["codes"]["safety"])
    assert all(cell.is_suppressed for cell in safety_row.cells)
    assert str(safety_row.total) == SUPPRESSED


def test_breakdowns_by_organisation_and_scheme_type(cast):
    by_organisation = analysis.code_frequencies(cast["study"], analysis.ORGANISATION, exact=True)
    assert by_organisation.groups == ("Moorland Academy",)
    programme = cast["programme"]
    programme.pairing = Pairing.RECIPROCAL
    programme.save(update_fields=["pairing"])
    cast["study"].refresh_from_db()
    by_scheme = analysis.code_frequencies(cast["study"], analysis.SCHEME, exact=True)
    assert by_scheme.groups == (analysis.PEER,)
    with pytest.raises(ValueError, match="Unknown breakdown"):
        analysis.code_frequencies(cast["study"], "colour", exact=True)


def test_co_occurrence_on_overlapping_spans_differs_from_the_same_document(cast):
    document = cast["documents"]["User 1"]
    safety, time = cast["codes"]["safety"], cast["codes"]["time"]
    overlap = analysis.code_co_occurrence(cast["study"], mode=analysis.OVERLAP, exact=True)
    same_document = analysis.code_co_occurrence(
        cast["study"], mode=analysis.SAME_DOCUMENT, exact=True
    )

    def cell(result, first, second):
        codes = list(result.codes)
        return result.cells[codes.index(first)][codes.index(second)]

    # "made it safe" and "Time was hard to find" are in the same interview, apart.
    assert cell(overlap, safety, time).participants == 0
    assert cell(same_document, safety, time).participants == 1
    assert cell(same_document, safety, safety) is None
    start = document.text.index("made it safe")
    CodedSegment.objects.create(
        document=document, code=time, start=start, end=start + 4, coder=cast["coder"]
    )
    overlap = analysis.code_co_occurrence(cast["study"], mode=analysis.OVERLAP, exact=True)
    assert cell(overlap, safety, time).participants == 1
    suppressed = analysis.code_co_occurrence(cast["study"], mode=analysis.OVERLAP, exact=False)
    assert cell(suppressed, safety, time).is_suppressed


def test_themes_are_built_ordered_and_deleted(cast):
    study, coder = cast["study"], cast["coder"]
    time = cast["codes"]["time"]
    first = analysis.save_theme(
        actor=coder, study=study, name="Time", description="Never enough.", codes=[time]
    )
    second = analysis.save_theme(
        actor=coder, study=study, name="Safety", description="", codes=[cast["codes"]["safety"]]
    )
    assert list(analysis.themes_of(study)) == [first, second]
    analysis.move_theme(actor=coder, theme=second, up=True)
    assert list(analysis.themes_of(study)) == [second, first]
    analysis.set_theme_quotes(actor=coder, theme=first, quotes=[cast["segments"][0]])
    assert list(analysis.quotes_of(study, first)) == [cast["segments"][0]]
    with pytest.raises(ValidationError, match="one of the theme's codes"):
        analysis.set_theme_quotes(actor=coder, theme=first, quotes=[cast["segments"][3]])
    # Taking a code off drops its quotes.
    analysis.save_theme(
        actor=coder, study=study, theme=first, name="Time", description="", codes=[]
    )
    assert not first.quotes.exists()
    analysis.delete_theme(actor=coder, theme=first)
    assert not Theme.objects.filter(pk=first.pk).exists()
    with pytest.raises(PermissionError):
        analysis.delete_theme(actor=cast["reader"], theme=second)


def test_a_theme_with_another_studys_code_is_refused(cast):
    foreign = type(cast["codes"]["time"])(study_id=cast["study"].pk + 1000, name="Elsewhere")
    with pytest.raises(ValidationError, match="own study"):
        analysis.save_theme(
            actor=cast["lead"], study=cast["study"], name="X", description="", codes=[foreign]
        )


def test_a_withdrawn_participants_quotes_leave_the_theme(cast):
    study = cast["study"]
    theme = analysis.save_theme(
        actor=cast["lead"], study=study, name="Time", description="", codes=[cast["codes"]["time"]]
    )
    analysis.set_theme_quotes(actor=cast["lead"], theme=theme, quotes=cast["segments"][:2])
    participant = cast["participants"]["User 1"]
    participant.consent = Participant.Consent.WITHDRAWN
    participant.save(update_fields=["consent"])
    assert list(analysis.quotes_of(study, theme)) == [cast["segments"][0]]


def test_case_summaries_quote_the_participants_own_segments_and_go_on_withdrawal(cast):
    study, coach = cast["study"], cast["participants"]["Coach 1"]
    own = cast["segments"][0]
    summary = analysis.save_case_summary(
        actor=cast["coder"],
        participant=coach,
        path_into_scheme="Asked by the head of department.",
        practice_change="Asks more open questions.",
        quotes=[own],
    )
    assert list(analysis.summary_quotes(study, summary)) == [own]
    with pytest.raises(ValidationError, match="own coded segments"):
        analysis.save_case_summary(
            actor=cast["coder"],
            participant=coach,
            path_into_scheme="x",
            practice_change="y",
            quotes=[cast["segments"][1]],
        )
    # Correcting keeps one summary.
    analysis.save_case_summary(
        actor=cast["lead"], participant=coach, path_into_scheme="a", practice_change="b", quotes=[]
    )
    assert CaseSummary.objects.filter(participant=coach).count() == 1
    coach.consent = Participant.Consent.WITHDRAWN
    coach.save(update_fields=["consent"])
    assert coach not in analysis.case_participants(study)
    with pytest.raises(ValidationError, match="consented"):
        analysis.save_case_summary(
            actor=cast["lead"],
            participant=coach,
            path_into_scheme="a",
            practice_change="b",
            quotes=[],
        )
