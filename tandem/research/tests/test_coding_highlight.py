"""The coding page's highlighter: one sweep over segment and turn boundaries."""

import re

from tandem.research.coding_reads import Mark, highlight, transcript_html

TEXT = "A: one two three\nB: four five <six>"
TURNS = [
    {"speaker": "A", "start": 0, "end": 16, "at": "00:00:01.000"},
    {"speaker": "B", "start": 17, "end": len(TEXT)},
]


def pieces(html: str) -> list[tuple[int, str]]:
    found = re.findall(r'data-start="(\d+)">([^<]*)<', html)
    return [(int(start), text.replace("&lt;", "<").replace("&gt;", ">")) for start, text in found]


def test_overlapping_segments_across_turns_keep_every_offset():
    marks = [
        Mark(key=1, start=7, end=24, label="Time (you)", is_own=True),
        Mark(key=2, start=11, end=29, label="Safety (Cole)", is_own=False),
    ]
    blocks = highlight(TEXT, TURNS, marks)
    assert [block.speaker for block in blocks] == ["A", "B"]
    html = transcript_html(blocks)
    for start, piece in pieces(html):
        assert TEXT[start : start + len(piece)] == piece
    assert "".join(piece for _, piece in pieces(html)) == TEXT.replace("\n", "")
    # Each segment is named where it starts; the overlap is marked as both coders'.
    assert html.count("Time (you)") == 1
    assert html.count("Safety (Cole)") == 1
    assert 'class="coded coded--both" data-start="11"' in html
    assert "00:00:01.000" in html
    assert "&lt;six&gt;" in html


def test_a_segment_starting_at_a_line_break_is_labelled_on_the_next_line():
    blocks = highlight(TEXT, [], [Mark(key=1, start=16, end=20, label="Start", is_own=True)])
    assert "Start" not in "".join(blocks[0].parts)
    assert "".join(blocks[1].parts).startswith('<span class="segment-label"')


def test_segments_outside_the_text_are_clipped():
    blocks = highlight(TEXT, [], [Mark(key=1, start=30, end=500, label="End", is_own=True)])
    assert "End" in "".join(blocks[-1].parts)
