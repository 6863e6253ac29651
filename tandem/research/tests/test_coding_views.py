"""The coding pages: codebook, coding a document, passes, merge and delete, memos."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tandem.research.models import Code, CodedSegment, CodingPass, Memo
from tandem.research.services import coding as services
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_study_cast()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def coding_url(cast, document=None):
    document = document or cast["document"]
    return reverse("research:coding", args=[cast["study"].uuid, document.uuid])


def apply_url(cast, document=None):
    document = document or cast["document"]
    return reverse("research:segment-apply", args=[cast["study"].uuid, document.uuid])


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class TestCodebookPage:
    def test_shows_the_tree_with_levels_and_counts(self, cast):
        response = client_for(cast["reader"]).get(
            reverse("research:codebook", args=[cast["study"].uuid])
        )
        html = response.content.decode()
        text = visible_text(html)
        assert "Barriers Axial 0 segments in 0 documents" in text
        assert "Protected time Open 3 segments in 3 documents" in text
        # Protected time is nested inside Barriers' item.
        assert html.index("Barriers") < html.index("Protected time") < html.index("Safe space")
        # Readers see the codebook but neither edit links nor the quotes' pages.
        assert "Edit" not in text
        assert "/codes/new/" not in html

    def test_counts_leave_out_withdrawn_participants(self, cast):
        participant = cast["participants"]["Coach 1"]
        participant.consent = participant.Consent.WITHDRAWN
        participant.save(update_fields=["consent"])
        response = client_for(cast["lead"]).get(
            reverse("research:codebook", args=[cast["study"].uuid])
        )
        assert "Protected time Open 2 segments in 2 documents" in visible_text(
            response.content.decode()
        )

    def test_query_count_does_not_grow_with_codes(self, cast, django_assert_num_queries):
        client = client_for(cast["coder"])
        url = reverse("research:codebook", args=[cast["study"].uuid])
        client.get(url)
        # session, user, study, team role (page), team role (can edit), codes with counts
        with django_assert_num_queries(6):
            client.get(url)
        parent = cast["codes"]["barriers"]
        for number in range(15):
            parent = Code.objects.create(study=cast["study"], name=f"Level {number}", parent=parent)
        with django_assert_num_queries(6):
            response = client.get(url)
        assert "Level 14" in response.content.decode()


class TestCodingPage:
    def test_shows_the_text_with_labelled_highlights_and_the_form(self, cast):
        services.start_pass(actor=cast["coder"], study=cast["study"])
        response = client_for(cast["coder"]).get(coding_url(cast))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Protected time (Rhea Researcher)" in html
        assert 'class="coded coded--other"' in html
        assert "Words to code" in html
        assert "research/coding.js" in html

    def test_the_highlighted_text_keeps_every_character_at_its_offset(self, cast):
        services.start_pass(actor=cast["coder"], study=cast["study"])
        html = client_for(cast["coder"]).get(coding_url(cast)).content.decode()
        text = cast["document"].text
        pieces = re.findall(r'data-start="(\d+)">([^<]*)<', html)
        assert pieces
        for start, piece in pieces:
            unescaped = piece.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            assert text[int(start) : int(start) + len(unescaped)] == unescaped
        covered = "".join(piece for _, piece in pieces)
        assert covered.replace("\n", "") == text.replace("\n", "")

    def test_a_blind_pass_hides_other_coders_segments(self, cast):
        services.start_pass(actor=cast["coder"], study=cast["study"], is_blind=True)
        html = client_for(cast["coder"]).get(coding_url(cast)).content.decode()
        assert "Rhea Researcher" not in html
        assert "coded--other" not in html
        assert "blind pass" in html

    def test_without_a_pass_the_coder_is_asked_to_start_one(self, cast):
        html = client_for(cast["coder"]).get(coding_url(cast)).content.decode()
        assert "Start a coding pass before you code" in html
        assert "Words to code" not in html

    def test_a_document_not_reviewed_is_not_shown_for_coding(self, cast):
        document = cast["document"]
        document.pseudonyms_reviewed_at = None
        document.save(update_fields=["pseudonyms_reviewed_at"])
        html = client_for(cast["coder"]).get(coding_url(cast)).content.decode()
        assert "cannot be coded yet" in html
        assert "open questions" not in html

    def test_query_count_does_not_grow_with_segments(self, cast, django_assert_num_queries):
        coder = cast["coder"]
        services.start_pass(actor=coder, study=cast["study"])
        client = client_for(coder)
        client.get(coding_url(cast))
        # session, user, study, team role, document, pass in progress, segments with their
        # codes, coders and passes, codes for the form, memos
        with django_assert_num_queries(9):
            client.get(coding_url(cast))
        document = cast["document"]
        words = [match.span() for match in re.finditer(r"\w+", document.text)]
        for start, end in words[:40]:
            services.apply_codes(
                actor=coder,
                document=document,
                codes=[cast["codes"]["safety"]],
                start=start,
                end=end,
            )
        services.write_memo(
            actor=coder, study=cast["study"], title="A", text="B", document=document
        )
        with django_assert_num_queries(9):
            response = client.get(coding_url(cast))
        assert response.content.decode().count("Safe space (you)") == 40


class TestApplyingCodes:
    def test_typed_words_are_found_and_coded(self, cast):
        services.start_pass(actor=cast["coder"], study=cast["study"])
        response = client_for(cast["coder"]).post(
            apply_url(cast),
            {"passage": "ask more  open\nquestions", "codes": [cast["codes"]["safety"].pk]},
        )
        assert response.status_code == 302
        segment = CodedSegment.objects.get(coder=cast["coder"])
        assert segment.quote == "ask more open questions"

    def test_a_mouse_selection_is_coded_at_its_offsets(self, cast):
        services.start_pass(actor=cast["coder"], study=cast["study"])
        text = cast["document"].text
        start = text.index("nervous")
        client_for(cast["coder"]).post(
            apply_url(cast),
            {
                "passage": "nervous",
                "start": start,
                "end": start + 7,
                "codes": [cast["codes"]["safety"].pk],
            },
        )
        assert CodedSegment.objects.get(coder=cast["coder"]).start == start

    def test_several_occurrences_are_offered_with_context(self, cast):
        services.start_pass(actor=cast["coder"], study=cast["study"])
        client = client_for(cast["coder"])
        codes = [cast["codes"]["time"].pk]
        response = client.post(apply_url(cast), {"passage": "Interviewer:", "codes": codes})
        html = response.content.decode()
        assert "occur 2 times" in html
        assert "Code occurrence 2" in html
        assert "What changed in your own practice" in html
        assert not CodedSegment.objects.filter(coder=cast["coder"]).exists()
        client.post(apply_url(cast), {"passage": "Interviewer:", "occurrence": 2, "codes": codes})
        segment = CodedSegment.objects.get(coder=cast["coder"])
        assert segment.start == cast["document"].text.rindex("Interviewer:")

    def test_bad_input_is_refused_with_a_message(self, cast):
        services.start_pass(actor=cast["coder"], study=cast["study"])
        client = client_for(cast["coder"])
        codes = [cast["codes"]["time"].pk]
        for data, message in [
            ({"passage": "   ", "codes": codes}, "Select the text to code"),
            ({"passage": "not in the text at all", "codes": codes}, "not in the document"),
            ({"passage": "open questions"}, "This field is required"),
            ({"start": 5, "end": 5, "codes": codes}, "the selection is empty"),
            ({"start": 0, "end": 99999, "codes": codes}, "outside the document"),
        ]:
            response = client.post(apply_url(cast), data)
            assert response.status_code == 400
            assert message in response.content.decode()
        assert not CodedSegment.objects.filter(coder=cast["coder"]).exists()


class TestCorrectingSegments:
    def test_a_segment_is_widened_through_its_words(self, cast):
        segment = cast["segments"][0]  # the lead's "Time is the real problem", pass 1 open
        response = client_for(cast["lead"]).post(
            reverse("research:segment-edit", args=[cast["study"].uuid, segment.uuid]),
            {"code": segment.code_id, "passage": "Time is the real problem: we never had"},
        )
        assert response.status_code == 302
        segment.refresh_from_db()
        assert segment.quote == "Time is the real problem: we never had"

    def test_removing_asks_first_then_removes(self, cast):
        segment = cast["segments"][0]
        url = reverse("research:segment-remove", args=[cast["study"].uuid, segment.uuid])
        client = client_for(cast["lead"])
        assert "Remove this segment?" in client.get(url).content.decode()
        assert CodedSegment.objects.filter(pk=segment.pk).exists()
        client.post(url)
        assert not CodedSegment.objects.filter(pk=segment.pk).exists()


class TestCodebookChanges:
    def test_merge_asks_first(self, cast):
        time, safety = cast["codes"]["time"], cast["codes"]["safety"]
        url = reverse("research:code-merge", args=[cast["study"].uuid, safety.uuid])
        client = client_for(cast["coder"])
        response = client.post(url, {"target": time.pk})
        assert "Merge “Safe space” into “Protected time”?" in response.content.decode()
        assert Code.objects.filter(pk=safety.pk).exists()
        response = client.post(url, {"target": time.pk, "confirmed": "True"})
        assert response.status_code == 302
        assert not Code.objects.filter(pk=safety.pk).exists()

    def test_delete_in_use_offers_merge_or_deleting_its_segments(self, cast):
        time = cast["codes"]["time"]
        url = reverse("research:code-delete", args=[cast["study"].uuid, time.uuid])
        client = client_for(cast["coder"])
        text = visible_text(client.get(url).content.decode())
        assert "This code is in use" in text
        assert "Merge into another code" in text
        assert "Delete the code and its 3 segments in 3 documents" in text
        client.post(url)
        assert Code.objects.filter(pk=time.pk).exists()
        client.post(url, {"with_segments": "1"})
        assert not Code.objects.filter(pk=time.pk).exists()

    def test_a_parent_code_cannot_be_deleted(self, cast):
        barriers = cast["codes"]["barriers"]
        url = reverse("research:code-delete", args=[cast["study"].uuid, barriers.uuid])
        response = client_for(cast["coder"]).post(url, {"with_segments": "1"})
        assert "It has 1 sub-code" in response.content.decode()
        assert Code.objects.filter(pk=barriers.pk).exists()

    def test_moving_a_code_under_its_child_is_refused_on_the_form(self, cast):
        barriers, time = cast["codes"]["barriers"], cast["codes"]["time"]
        url = reverse("research:code-edit", args=[cast["study"].uuid, barriers.uuid])
        response = client_for(cast["coder"]).post(
            url, {"name": "Barriers", "level": "axial", "parent": time.pk}
        )
        assert "cannot go under itself" in response.content.decode()
        barriers.refresh_from_db()
        assert barriers.parent is None


class TestPassesPage:
    def test_lists_each_coders_passes_with_counts(self, cast):
        coding_pass = services.start_pass(
            actor=cast["coder"], study=cast["study"], purpose="second reading: barriers"
        )
        services.apply_codes(
            actor=cast["coder"],
            document=cast["document"],
            codes=[cast["codes"]["time"], cast["codes"]["safety"]],
            start=0,
            end=11,
        )
        text = visible_text(
            client_for(cast["reader"])
            .get(reverse("research:pass-list", args=[cast["study"].uuid]))
            .content.decode()
        )
        assert "Cole Coder 1 second reading: barriers No 2 1 In progress" in text
        assert "Rhea Researcher 1 — No 4 3 In progress" in text
        assert CodingPass.objects.get(pk=coding_pass.pk).finished_at is None


class TestMemoPages:
    def test_a_memo_on_a_code_is_listed_on_its_page_and_the_study_list(self, cast):
        safety = cast["codes"]["safety"]
        client = client_for(cast["coder"])
        response = client.post(
            reverse("research:memo-create", args=[cast["study"].uuid]),
            {"code": str(safety.uuid), "title": "Safety", "text": "Outside the department."},
        )
        assert response.status_code == 302
        memo = Memo.objects.get()
        assert memo.code == safety
        code_page = client.get(
            reverse("research:code-detail", args=[cast["study"].uuid, safety.uuid])
        )
        assert "Outside the department." in code_page.content.decode()
        memo_list = client.get(reverse("research:memo-list", args=[cast["study"].uuid]))
        assert "Outside the department." in memo_list.content.decode()

    def test_a_memo_about_another_studys_code_is_not_found(self, cast):
        other = build_study_cast()
        response = client_for(cast["coder"]).post(
            reverse("research:memo-create", args=[cast["study"].uuid]),
            {"code": str(other["codes"]["safety"].uuid), "title": "X", "text": "Y"},
        )
        assert response.status_code == 404
        assert not Memo.objects.exists()

    def test_deleting_a_memo_asks_first(self, cast):
        memo = services.write_memo(actor=cast["coder"], study=cast["study"], title="T", text="X")
        url = reverse("research:memo-delete", args=[cast["study"].uuid, memo.uuid])
        client = client_for(cast["coder"])
        assert "Delete the memo “T”?" in client.get(url).content.decode()
        assert Memo.objects.filter(pk=memo.pk).exists()
        client.post(url)
        assert not Memo.objects.filter(pk=memo.pk).exists()
