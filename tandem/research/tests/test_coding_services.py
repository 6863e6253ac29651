"""The coding services: codebook, passes, applying and correcting codes, memos."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tandem.audit.models import AuditEvent
from tandem.research.models import Code, CodedSegment, Memo, Theme
from tandem.research.services import coding as services
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_study_cast()


def started(cast, who="coder", **options):
    return services.start_pass(actor=cast[who], study=cast["study"], **options)


def span_of(document, words):
    start = document.text.index(words)
    return start, start + len(words)


class TestApplyCodes:
    def test_a_coder_codes_a_span_in_their_pass(self, cast):
        coding_pass = started(cast)
        document = cast["document"]
        start, end = span_of(document, "training gave me confidence")
        segments = services.apply_codes(
            actor=cast["coder"],
            document=document,
            codes=[cast["codes"]["safety"], cast["codes"]["barriers"]],
            start=start,
            end=end,
        )
        assert {segment.code for segment in segments} == {
            cast["codes"]["safety"],
            cast["codes"]["barriers"],
        }
        assert all(segment.coding_pass == coding_pass for segment in segments)
        assert segments[0].quote == "training gave me confidence"

    def test_coding_without_a_pass_is_refused(self, cast):
        with pytest.raises(ValidationError, match="Start a coding pass"):
            services.apply_codes(
                actor=cast["coder"],
                document=cast["document"],
                codes=[cast["codes"]["safety"]],
                start=0,
                end=5,
            )

    @pytest.mark.parametrize(
        ("start", "end", "message"),
        [(10, 10, "empty"), (12, 8, "empty"), (0, 10**6, "outside"), (-1, 4, "outside")],
    )
    def test_empty_or_out_of_range_spans_are_refused(self, cast, start, end, message):
        started(cast)
        with pytest.raises(ValidationError, match=message):
            services.apply_codes(
                actor=cast["coder"],
                document=cast["document"],
                codes=[cast["codes"]["safety"]],
                start=start,
                end=end,
            )
        assert not CodedSegment.objects.filter(coder=cast["coder"]).exists()

    def test_whitespace_only_spans_are_refused(self, cast):
        started(cast)
        document = cast["document"]
        gap = document.text.index("\n")
        with pytest.raises(ValidationError, match="only spaces"):
            services.apply_codes(
                actor=cast["coder"],
                document=document,
                codes=[cast["codes"]["safety"]],
                start=gap,
                end=gap + 1,
            )

    def test_the_same_code_on_the_same_span_twice_is_refused(self, cast):
        started(cast)
        document = cast["document"]
        start, end = span_of(document, "nervous at first")
        arguments = {"actor": cast["coder"], "document": document, "start": start, "end": end}
        services.apply_codes(codes=[cast["codes"]["safety"]], **arguments)
        with pytest.raises(ValidationError, match="already coded this passage with “Safe space”"):
            services.apply_codes(
                codes=[cast["codes"]["safety"], cast["codes"]["time"]], **arguments
            )
        # Nothing half-applied: the second code did not go on either.
        assert CodedSegment.objects.filter(coder=cast["coder"]).count() == 1

    def test_another_coder_may_code_the_same_span_and_spans_may_overlap(self, cast):
        started(cast)
        document = cast["document"]
        time = cast["codes"]["time"]
        start, end = span_of(document, "Time is the real problem")
        # The cast's lead coded exactly this span with "Protected time" already.
        services.apply_codes(
            actor=cast["coder"], document=document, codes=[time], start=start, end=end
        )
        services.apply_codes(
            actor=cast["coder"], document=document, codes=[time], start=start + 5, end=end + 10
        )
        assert CodedSegment.objects.filter(document=document, code=time).count() == 3

    def test_a_document_whose_pseudonyms_are_not_reviewed_cannot_be_coded(self, cast):
        started(cast)
        document = cast["document"]
        document.pseudonyms_reviewed_at = None
        document.save(update_fields=["pseudonyms_reviewed_at"])
        with pytest.raises(ValidationError, match="not been reviewed"):
            services.apply_codes(
                actor=cast["coder"],
                document=document,
                codes=[cast["codes"]["safety"]],
                start=0,
                end=5,
            )

    def test_a_reader_cannot_code(self, cast):
        with pytest.raises(PermissionError):
            services.start_pass(actor=cast["reader"], study=cast["study"])

    def test_codes_of_another_study_are_refused(self, cast):
        started(cast)
        other = build_study_cast()
        with pytest.raises(ValidationError, match="this study's codebook"):
            services.apply_codes(
                actor=cast["coder"],
                document=cast["document"],
                codes=[other["codes"]["safety"]],
                start=0,
                end=5,
            )


class TestFindPassage:
    TEXT = "Time matters.\nWe never had  time.\nTime matters, she said. Time\nmatters."

    def test_one_occurrence_whatever_the_whitespace(self):
        start, end = services.locate_passage(self.TEXT, passage="never had time.")
        assert self.TEXT[start:end] == "never had  time."

    def test_line_breaks_and_curly_quotes_match(self):
        text = "She said “it’s fine”\nreally."
        start, end = services.locate_passage(text, passage='said "it\'s fine" really')
        assert text[start:end] == "said “it’s fine”\nreally"

    def test_several_occurrences_ask_which_with_context(self):
        with pytest.raises(services.ChooseOccurrenceError) as raised:
            services.locate_passage(self.TEXT, passage="Time matters")
        occurrences = raised.value.occurrences
        assert [each.match for each in occurrences] == [
            "Time matters",
            "Time matters",
            "Time\nmatters",
        ]
        assert occurrences[1].before.endswith("had  time.\n")
        assert "occur 3 times" in raised.value.messages[0]

    def test_the_chosen_occurrence_is_coded(self):
        start, end = services.locate_passage(self.TEXT, passage="Time matters", occurrence=3)
        assert (start, end) == (self.TEXT.rindex("Time"), len(self.TEXT) - 1)

    def test_words_not_in_the_text_are_refused(self):
        with pytest.raises(ValidationError, match="not in the document"):
            services.locate_passage(self.TEXT, passage="Time flies")

    def test_a_mouse_selection_is_taken_when_it_holds_the_words(self):
        second = self.TEXT.index("Time matters,")
        span = services.locate_passage(
            self.TEXT, passage="Time  matters", start=second, end=second + 12
        )
        assert span == (second, second + 12)

    def test_a_selection_not_matching_the_typed_words_gives_way_to_them(self):
        span = services.locate_passage(self.TEXT, passage="never had time", start=0, end=4)
        assert self.TEXT[span[0] : span[1]] == "never had  time"

    def test_near_picks_the_occurrence_overlapping_the_segment(self):
        second = self.TEXT.index("Time matters,")
        span = services.locate_passage(self.TEXT, passage="Time matters", near=(second, second + 4))
        assert span == (second, second + 12)


class TestCorrectAndRemove:
    def test_a_coder_widens_and_recodes_their_segment_in_their_pass(self, cast):
        started(cast)
        document = cast["document"]
        start, end = span_of(document, "nervous")
        [segment] = services.apply_codes(
            actor=cast["coder"],
            document=document,
            codes=[cast["codes"]["safety"]],
            start=start,
            end=end,
        )
        services.finish_pass(actor=cast["coder"], coding_pass=segment.coding_pass)
        second = started(cast, purpose="second reading")
        wider = span_of(document, "nervous at first")
        services.correct_segment(
            actor=cast["coder"],
            segment=segment,
            code=cast["codes"]["barriers"],
            start=wider[0],
            end=wider[1],
        )
        segment.refresh_from_db()
        assert (segment.code, segment.start, segment.end) == (cast["codes"]["barriers"], *wider)
        assert segment.coding_pass == second
        event = AuditEvent.objects.get(action="research.segment.corrected")
        assert "Pass 2" in event.detail
        assert "“Safe space”" in event.detail

    def test_correcting_to_an_empty_span_is_refused(self, cast):
        # The cast's lead is still in their first pass.
        segment = cast["segments"][0]
        with pytest.raises(ValidationError, match="empty"):
            services.correct_segment(
                actor=cast["lead"], segment=segment, code=segment.code, start=5, end=5
            )

    def test_only_the_coder_corrects_or_removes_a_segment(self, cast):
        started(cast)
        segment = cast["segments"][0]
        with pytest.raises(PermissionError):
            services.correct_segment(
                actor=cast["coder"], segment=segment, code=segment.code, start=0, end=5
            )
        with pytest.raises(PermissionError):
            services.remove_segment(actor=cast["coder"], segment=segment)

    def test_removal_is_recorded_with_the_pass(self, cast):
        segment = cast["segments"][0]
        services.remove_segment(actor=cast["lead"], segment=segment)
        assert not CodedSegment.objects.filter(pk=segment.pk).exists()
        assert "Pass 1" in AuditEvent.objects.get(action="research.segment.removed").detail


class TestPasses:
    def test_pass_numbers_count_up_per_coder_one_at_a_time(self, cast):
        first = started(cast)
        with pytest.raises(ValidationError, match="Finish pass 1"):
            started(cast)
        services.finish_pass(actor=cast["coder"], coding_pass=first)
        second = started(cast, is_blind=True, purpose="second reading: barriers")
        assert (first.number, second.number, second.is_blind) == (1, 2, True)
        # The lead's own numbering is separate (the cast's first pass is theirs).
        services.finish_pass(actor=cast["lead"], coding_pass=cast["pass"])
        assert started(cast, "lead").number == 2

    def test_only_the_coder_finishes_their_pass(self, cast):
        with pytest.raises(PermissionError):
            services.finish_pass(actor=cast["coder"], coding_pass=cast["pass"])


class TestCodebook:
    def test_codes_nest_to_any_depth(self, cast):
        study, lead = cast["study"], cast["lead"]
        top = services.create_code(actor=lead, study=study, name="Conditions", level="selective")
        middle = services.create_code(actor=lead, study=study, name="Workload", parent=top)
        bottom = services.create_code(actor=lead, study=study, name="Marking", parent=middle)
        assert bottom.parent.parent == top

    def test_the_same_name_under_the_same_parent_is_refused(self, cast):
        with pytest.raises(ValidationError, match="already a code called “safe space”"):
            services.create_code(actor=cast["coder"], study=cast["study"], name="safe space")

    def test_moving_a_code_under_its_own_descendant_is_refused(self, cast):
        barriers, time = cast["codes"]["barriers"], cast["codes"]["time"]
        with pytest.raises(ValidationError, match="cannot go under itself"):
            services.edit_code(
                actor=cast["lead"], code=barriers, name="Barriers", parent=time, level="axial"
            )
        with pytest.raises(ValidationError, match="cannot go under itself"):
            services.edit_code(
                actor=cast["lead"], code=barriers, name="Barriers", parent=barriers, level="axial"
            )

    def test_moving_and_changing_level(self, cast):
        safety = cast["codes"]["safety"]
        services.edit_code(
            actor=cast["coder"],
            code=safety,
            name="Safe space",
            parent=cast["codes"]["barriers"],
            level="axial",
            description="Somewhere to admit what is not working.",
        )
        safety.refresh_from_db()
        assert (safety.parent, safety.level) == (cast["codes"]["barriers"], "axial")

    def test_a_reader_cannot_change_the_codebook(self, cast):
        with pytest.raises(PermissionError):
            services.create_code(actor=cast["reader"], study=cast["study"], name="New")

    def test_merge_moves_segments_memos_and_children_and_drops_duplicates(self, cast):
        lead, time, safety = cast["lead"], cast["codes"]["time"], cast["codes"]["safety"]
        document = cast["documents"]["User 1"]
        # The lead coded "made it safe" as Safe space; coding it as Protected time too
        # makes a duplicate once Safe space merges into Protected time.
        start, end = span_of(document, "made it safe")
        services.apply_codes(actor=lead, document=document, codes=[time], start=start, end=end)
        other = span_of(document, "talk to")
        [kept] = services.apply_codes(
            actor=lead, document=document, codes=[safety], start=other[0], end=other[1]
        )
        memo = services.write_memo(
            actor=lead, study=cast["study"], title="Safety", text="Why", code=safety
        )
        child = services.create_code(actor=lead, study=cast["study"], name="Outside", parent=safety)
        moved = services.merge_codes(actor=lead, source=safety, target=time)
        assert moved == 1
        assert not Code.objects.filter(pk=safety.pk).exists()
        kept.refresh_from_db()
        memo.refresh_from_db()
        child.refresh_from_db()
        assert (kept.code, memo.code, child.parent) == (time, time, time)
        assert (
            CodedSegment.objects.filter(document=document, code=time, start=start, end=end).count()
            == 1
        )
        assert (
            "1 segments moved, 1 duplicates dropped"
            in AuditEvent.objects.get(action="research.code.merged").detail
        )

    def test_merge_into_itself_or_its_descendant_is_refused(self, cast):
        barriers, time = cast["codes"]["barriers"], cast["codes"]["time"]
        with pytest.raises(ValidationError, match="sub-code"):
            services.merge_codes(actor=cast["lead"], source=barriers, target=time)
        with pytest.raises(ValidationError, match="itself"):
            services.merge_codes(actor=cast["lead"], source=time, target=time)

    def test_deleting_a_code_in_use_is_refused_unless_its_segments_go_too(self, cast):
        time = cast["codes"]["time"]
        with pytest.raises(services.CodeInUseError) as raised:
            services.delete_code(actor=cast["lead"], code=time)
        assert (raised.value.use.num_segments, raised.value.use.num_documents) == (3, 3)
        assert services.delete_code(actor=cast["lead"], code=time, with_segments=True) == 3
        assert not CodedSegment.objects.filter(code_id=time.pk).exists()
        assert (
            "3 segments in 3 documents"
            in AuditEvent.objects.get(action="research.code.deleted").detail
        )

    def test_a_code_with_children_or_in_a_theme_is_never_deleted(self, cast):
        with pytest.raises(services.CodeInUseError):
            services.delete_code(
                actor=cast["lead"], code=cast["codes"]["barriers"], with_segments=True
            )
        theme = Theme.objects.create(study=cast["study"], name="Time")
        theme.codes.add(cast["codes"]["safety"])
        with pytest.raises(services.CodeInUseError):
            services.delete_code(
                actor=cast["lead"], code=cast["codes"]["safety"], with_segments=True
            )
        assert Code.objects.filter(pk=cast["codes"]["safety"].pk).exists()

    def test_an_unused_code_is_deleted(self, cast):
        unused = services.create_code(actor=cast["coder"], study=cast["study"], name="Unused")
        assert services.delete_code(actor=cast["coder"], code=unused) == 0
        assert not Code.objects.filter(pk=unused.pk).exists()


class TestMemos:
    def test_memos_are_written_edited_and_deleted_by_their_author(self, cast):
        memo = services.write_memo(
            actor=cast["coder"], study=cast["study"], title="Time", text="Everyone mentions time."
        )
        services.edit_memo(actor=cast["coder"], memo=memo, title="Time", text="Nearly everyone.")
        memo.refresh_from_db()
        assert memo.text == "Nearly everyone."
        with pytest.raises(PermissionError):
            services.edit_memo(actor=cast["lead"], memo=memo, title="Mine", text="")
        with pytest.raises(PermissionError):
            services.delete_memo(actor=cast["lead"], memo=memo)
        services.delete_memo(actor=cast["coder"], memo=memo)
        assert not Memo.objects.filter(pk=memo.pk).exists()

    def test_a_memo_on_a_segment_is_also_on_its_document(self, cast):
        segment = cast["segments"][0]
        memo = services.write_memo(
            actor=cast["coder"], study=cast["study"], title="Note", text="Strong.", segment=segment
        )
        assert memo.document == segment.document

    def test_memo_text_is_encrypted_at_rest(self, cast):
        memo = services.write_memo(
            actor=cast["coder"], study=cast["study"], title="Secret", text="Plain words here"
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT text FROM research_memo WHERE id = %s", [memo.pk])
            stored = cursor.fetchone()[0]
        assert "Plain words here" not in stored

    def test_a_memo_needs_a_title_and_text(self, cast):
        with pytest.raises(ValidationError):
            services.write_memo(actor=cast["coder"], study=cast["study"], title=" ", text="")
