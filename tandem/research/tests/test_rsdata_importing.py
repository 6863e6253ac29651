"""Reading transcripts: each format, encodings and bad files (services.importing)."""

import codecs
import io

import docx
import pytest
from django.core.exceptions import ValidationError

from tandem.research.services.importing import CP1252_NOTICE, read_transcript

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
<v Interviewer>How did you come to the scheme?</v>

2
00:00:04.500 --> 00:00:08.000
<v Pia Participant>I was asked by my head of department.</v>

3
00:00:08.000 --> 00:00:11.250
<v Pia Participant>I was nervous at first.</v>

NOTE this is a comment

4
00:00:12.000 --> 00:00:14.000
Interviewer: What changed?
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Interviewer: Why did the school join?

2
00:00:03,500 --> 00:00:06,000
Max Manager: Retention.

3
00:00:06,000 --> 00:00:09,000
Max Manager: We lose too many teachers.
"""


def test_vtt_keeps_voice_turns_and_merges_one_speakers_cues():
    transcript = read_transcript("interview.vtt", VTT.encode())
    assert transcript.text.split("\n") == [
        "Interviewer: How did you come to the scheme?",
        "Pia Participant: I was asked by my head of department. I was nervous at first.",
        "Interviewer: What changed?",
    ]
    speakers = [(t["speaker"], t["at"]) for t in transcript.turns]
    assert speakers == [
        ("Interviewer", "00:00:01.000"),
        ("Pia Participant", "00:00:04.500"),
        ("Interviewer", "00:00:12.000"),
    ]
    for turn in transcript.turns:
        assert transcript.text[turn["start"] : turn["end"]].startswith(turn["speaker"] + ":")
    assert transcript.source_format == "vtt"


def test_srt_reads_name_prefixes_and_comma_times():
    transcript = read_transcript("interview.srt", SRT.encode())
    assert transcript.text.split("\n")[1] == ("Max Manager: Retention. We lose too many teachers.")
    assert transcript.turns[1]["at"] == "00:00:03.500"


def test_vtt_without_header_is_refused():
    with pytest.raises(ValidationError, match="first line must be"):
        read_transcript("interview.vtt", VTT.replace("WEBVTT", "WEBVIT").encode())


def test_malformed_vtt_timing_names_the_line():
    bad = VTT.replace("00:00:04.500 --> 00:00:08.000", "00:00:04 --> soon")
    with pytest.raises(ValidationError, match=r"Line 8: the timing"):
        read_transcript("interview.vtt", bad.encode())


def test_caption_ending_before_it_starts_is_refused():
    bad = VTT.replace("00:00:04.500 --> 00:00:08.000", "00:00:09.500 --> 00:00:08.000")
    with pytest.raises(ValidationError, match="ends before it starts"):
        read_transcript("interview.vtt", bad.encode())


def test_plain_text_with_speaker_prefixes_gets_turns():
    transcript = read_transcript("a.txt", b"Interviewer: Hello.\nCoach: Hi there.\n\nAn aside.")
    assert [t["speaker"] for t in transcript.turns] == ["Interviewer", "Coach"]
    assert transcript.notice == ""


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Café talk: naïve".encode(),
        "Café talk: naïve".encode("utf-16"),  # with its byte-order mark
        "Café talk: naïve".encode(),
    ],
)
def test_unicode_encodings_are_read(data):
    transcript = read_transcript("a.txt", data)
    assert transcript.text == "Café talk: naïve"
    assert transcript.notice == ""


def test_windows_1252_is_read_with_a_notice():
    transcript = read_transcript("a.txt", "It’s a café".encode("cp1252"))
    assert transcript.text == "It’s a café"
    assert transcript.notice == CP1252_NOTICE


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b"", "empty"),
        ("a.txt", b"  \n\n  ", "empty"),
        ("a.vtt", b"WEBVTT\n\n", "no captions"),
        ("a.txt", b"x" * (5 * 1024 * 1024 + 1), "up to 5 MB"),
        ("a.pdf", b"%PDF-1.4", r"\.txt, \.docx"),
        ("a.txt", bytes(range(128)) * 40, "binary"),
        ("a.txt", bytes(range(256)) * 40, "not text in an encoding"),
        ("a.vtt", "WEBVTT\n\n1\n".encode("utf-16-le") * 50, "binary"),
        ("a.docx", b"PK\x03\x04 but not really a zip archive", "damaged or is not a .docx"),
        ("a.docx", b"just text", "damaged or is not a .docx"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, data, message):
    with pytest.raises(ValidationError, match=message):
        read_transcript(name, data)


def test_docx_paragraphs_become_lines_with_turns():
    word = docx.Document()
    word.add_paragraph("Interviewer: What was it like?")
    word.add_paragraph("Sam User: It felt safe.")
    buffer = io.BytesIO()
    word.save(buffer)
    transcript = read_transcript("interview.docx", buffer.getvalue())
    assert transcript.text == "Interviewer: What was it like?\nSam User: It felt safe."
    assert [t["speaker"] for t in transcript.turns] == ["Interviewer", "Sam User"]
    assert transcript.source_format == "docx"


def test_empty_docx_is_refused():
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(ValidationError, match="empty"):
        read_transcript("interview.docx", buffer.getvalue())
