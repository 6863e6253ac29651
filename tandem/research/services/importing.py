"""Importing a study's data: interview transcripts (TXT, DOCX, WebVTT or SubRip captions)
and, with a participant's consent, their own Tandem text.

Transcripts are read whole before anything is saved: a file that cannot be read raises a
ValidationError with a message saying why, and nothing is stored. Text is decoded as UTF-8
(with or without a byte-order mark) or UTF-16 with a byte-order mark; anything else is read
as Windows-1252, with a notice asking the lead to check accented letters. Captions keep
their speaker turns, from `<v Name>` voice tags or "Name:" prefixes, consecutive cues of
one speaker merged into one turn; the text reads as "Speaker: words" lines and each turn
records its character offsets and the time of its first caption.
"""

import codecs
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.evaluation.models import Answer, QuestionKind
from tandem.relationships.models import Conversation, LearningLogEntry
from tandem.research import policy
from tandem.research.models import Document, Participant, Study
from tandem.research.services import pseudonyms

MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = {".txt": "txt", ".docx": "docx", ".vtt": "vtt", ".srt": "srt"}
CP1252_NOTICE = (
    "The file was not saved as UTF-8, so it was read as Windows-1252 (Western European). "
    "Check that accented letters and quotation marks look right."
)
# Control characters other than tab, line feed, form feed and carriage return: text has
# none, so more than a trace means the file is not text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
TIMING = re.compile(
    r"^(?P<start>(?:\d{1,2}:)?\d{2}:\d{2}[.,]\d{3})\s+-->\s+"
    r"(?P<end>(?:\d{1,2}:)?\d{2}:\d{2}[.,]\d{3})(?:\s+.*)?$"
)
VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
TAG = re.compile(r"</?[^>]*>")
# "Name:" at the start of a line: one to four words starting with a capital, or a label
# such as "Interviewer" or "Speaker 2".
PREFIX = re.compile(r"^(?P<name>[A-Z][\w'’.-]*(?: [A-Z0-9][\w'’.-]*){0,3}):\s+(?P<words>\S.*)$")


@dataclass
class Transcript:
    source_format: str
    text: str
    turns: list[dict[str, Any]] = field(default_factory=list)
    notice: str = ""


def extension(name: str) -> str:
    name = name.lower()
    return name[name.rfind(".") :] if "." in name else ""


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and a notice about its encoding (empty when it was Unicode)."""
    notice = ""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text, notice = data.decode("cp1252"), CP1252_NOTICE
    except UnicodeDecodeError as error:
        message = (
            "The file is not text in an encoding Tandem can read (UTF-8, UTF-16 or Windows-1252)."
        )
        raise ValidationError(message) from error
    if len(CONTROL.findall(text)) > max(2, len(text) // 1000):
        message = (
            "The file does not look like text: it holds binary data. Save the transcript as plain "
            "text, Word or captions and try again."
        )
        raise ValidationError(message)
    text = CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return text, notice


def check_not_empty(text: str) -> None:
    if not text.strip():
        message = "The file is empty: there is no text to import."
        raise ValidationError(message)


def turns_from_lines(lines: list[tuple[str, str, str]]) -> tuple[str, list[dict[str, Any]]]:
    """(speaker, words, time) → text of "Speaker: words" lines and turns with offsets,
    consecutive lines of one speaker merged."""
    merged: list[list[str]] = []
    for speaker, words, at in lines:
        if merged and speaker and merged[-1][0] == speaker:
            merged[-1][1] += " " + words
        else:
            merged.append([speaker, words, at])
    parts: list[str] = []
    turns: list[dict[str, Any]] = []
    position = 0
    for speaker, words, at in merged:
        line = f"{speaker}: {words}" if speaker else words
        turns.append({"speaker": speaker, "start": position, "end": position + len(line), "at": at})
        parts.append(line)
        position += len(line) + 1
    return "\n".join(parts), turns


def parse_plain(text: str) -> Transcript:
    """Plain text as it is; lines starting "Name:" become speaker turns."""
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    turns = []
    position = 0
    for line in text.split("\n"):
        match = PREFIX.match(line)
        if match:
            turns.append(
                {
                    "speaker": match.group("name"),
                    "start": position,
                    "end": position + len(line),
                    "at": "",
                }
            )
        position += len(line) + 1
    return Transcript(Document.Format.TXT, text, turns)


def read_docx(data: bytes) -> str:
    import docx  # noqa: PLC0415 - python-docx is only needed for Word uploads

    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        message = "The Word file could not be read: it is damaged or is not a .docx document."
        raise ValidationError(message) from error
    except Exception as error:
        message = "The Word file could not be read: it is damaged or is not a .docx document."
        raise ValidationError(message) from error
    return "\n".join(paragraph.text for paragraph in word.paragraphs)


def caption_time(stamp: str) -> str:
    """'01:02.5' forms → '00:01:02.500'."""
    stamp = stamp.replace(",", ".")
    if stamp.count(":") == 1:
        stamp = "00:" + stamp
    hours, minutes, seconds = stamp.split(":")
    return f"{int(hours):02d}:{minutes}:{seconds}"


def cue_speaker(payload: str, previous: str) -> tuple[str, str]:
    voice = VOICE.search(payload)
    words = " ".join(TAG.sub("", payload).split())
    if voice:
        return " ".join(voice.group(1).split()), words
    match = PREFIX.match(words)
    if match:
        return match.group("name"), match.group("words")
    return previous, words


def parse_captions(text: str, source_format: str) -> Transcript:
    """WebVTT or SubRip cues → speaker turns."""
    lines = text.split("\n")
    number = 0
    if source_format == Document.Format.VTT:
        if not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
            message = 'This is not a WebVTT file: its first line must be "WEBVTT".'
            raise ValidationError(message)
        number = 1
    cues: list[tuple[str, str, str]] = []
    speaker = ""
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        block_start = number
        block = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number].strip())
            number += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = next((i for i, line in enumerate(block) if "-->" in line), None)
        if timing_at is None or timing_at > 1:
            message = (
                f"Line {block_start + 1}: a caption has no timing line (00:01:02.500 --> "
                "00:01:05.000)."
            )
            raise ValidationError(message)
        match = TIMING.match(block[timing_at])
        if match is None:
            message = (
                f'Line {block_start + timing_at + 1}: the timing "{block[timing_at][:60]}" is '
                "not in the form 00:01:02.500 --> 00:01:05.000."
            )
            raise ValidationError(message)
        start, end = caption_time(match.group("start")), caption_time(match.group("end"))
        if end < start:
            message = f"Line {block_start + timing_at + 1}: the caption ends before it starts."
            raise ValidationError(message)
        payload = " ".join(block[timing_at + 1 :])
        speaker, words = cue_speaker(payload, speaker)
        if words:
            cues.append((speaker, words, start))
    if not cues:
        message = "The file has no captions with text in them."
        raise ValidationError(message)
    body, turns = turns_from_lines(cues)
    return Transcript(source_format, body, turns)


def read_transcript(name: str, data: bytes) -> Transcript:
    """Read an uploaded transcript, or raise ValidationError saying what is wrong with it."""
    kind = EXTENSIONS.get(extension(name))
    if kind is None:
        message = "Upload a transcript as .txt, .docx, .vtt or .srt."
        raise ValidationError(message)
    if len(data) > MAX_BYTES:
        message = f"The file is {len(data) / 1_048_576:.1f} MB; transcripts may be up to 5 MB."
        raise ValidationError(message)
    if not data.strip():
        message = "The file is empty: there is no text to import."
        raise ValidationError(message)
    if kind == "docx":
        text, notice = read_docx(data), ""
        check_not_empty(text)
        transcript = parse_plain(text)
        transcript.source_format = Document.Format.DOCX
        return transcript
    text, notice = decode(data)
    check_not_empty(text)
    transcript = parse_plain(text) if kind == "txt" else parse_captions(text, kind)
    transcript.notice = notice
    return transcript


def check_interview_date(study: Study, interviewed_on: dt.date | None) -> None:
    if interviewed_on is None:
        return
    if interviewed_on > timezone.localdate():
        message = "The interview date is in the future."
        raise ValidationError({"interviewed_on": message})
    if interviewed_on < timezone.localdate(study.created_at):
        message = (
            "The interview date is before the study was set up "
            f"({timezone.localdate(study.created_at):%d %B %Y})."
        )
        raise ValidationError({"interviewed_on": message})


def _store_source(document: Document, transcript: Transcript) -> None:
    document.source_format = transcript.source_format
    document.original_text = transcript.text
    document.turns = transcript.turns
    document.pseudonyms_reviewed_at = None
    pseudonyms.apply_to_document(document)


@transaction.atomic
def import_interview(
    *,
    actor: User,
    study: Study,
    participant: Participant | None,
    transcript: Transcript,
    title: str,
    kind: str = Document.Kind.INTERVIEW,
    interviewed_on: dt.date | None = None,
    interviewer: User | None = None,
    duration_minutes: int | None = None,
) -> Document:
    """Store a read transcript as a document awaiting pseudonym review. Leads only."""
    policy.require(actor, study, policy.MANAGE)
    if participant is not None and participant.study_id != study.pk:
        message = "Choose a participant of this study."
        raise ValidationError({"participant": message})
    if participant is not None and participant.consent != Participant.Consent.GIVEN:
        message = f"{participant.pseudonym} has not given research consent."
        raise ValidationError({"participant": message})
    check_interview_date(study, interviewed_on)
    document = Document(
        study=study,
        participant=participant,
        kind=kind,
        title=title,
        interviewed_on=interviewed_on,
        interviewer=interviewer,
        duration_minutes=duration_minutes,
        added_by=actor,
    )
    _store_source(document, transcript)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def edit_document(*, actor: User, document: Document, **fields: Any) -> Document:
    """Correct a document's title, kind, date, interviewer or duration. Leads only."""
    policy.require(actor, document.study, policy.MANAGE)
    check_interview_date(document.study, fields.get("interviewed_on", document.interviewed_on))
    for name, value in fields.items():
        setattr(document, name, value)
    document.full_clean()
    document.save(update_fields=[*fields, "updated_at"])
    return document


@transaction.atomic
def replace_text(*, actor: User, document: Document, transcript: Transcript) -> Document:
    """Replace a document's text with a corrected transcript, before coding starts. Leads
    only; the replacements must be reviewed again."""
    policy.require(actor, document.study, policy.MANAGE)
    if pseudonyms.has_coding(document):
        message = (
            "This document has been coded, so its text can no longer be replaced: the coded "
            "passages would no longer match. Add the corrected transcript as a new document "
            "instead."
        )
        raise ValidationError(message)
    _store_source(document, transcript)
    document.full_clean()
    document.save()
    return document


def _records(participant: Participant, study: Study) -> dict[str, list[tuple[str, str]]]:
    """(date, text) entries of each kind of the participant's own Tandem text."""
    user = participant.user
    # Only what they wrote in the programme(s) the study is about.
    programmes: list[int] = []
    if study.programme_id is not None:
        programmes = [study.programme_id]
    elif study.partnership is not None:
        programmes = list(study.partnership.programmes.values_list("pk", flat=True))
    conversations = Conversation.objects.filter(
        relationship__members__user=user,
        relationship__programme_id__in=programmes,
        status=Conversation.Status.HELD,
    ).exclude(summary="")
    logs = LearningLogEntry.objects.filter(owner=user, relationship__programme_id__in=programmes)
    answers = (
        Answer.objects.filter(
            response__respondent=user,
            response__survey__programme_id__in=programmes,
            question__kind=QuestionKind.TEXT,
        )
        .exclude(text="")
        .select_related("response", "question")
    )
    return {
        Document.Kind.CONVERSATION: [
            (f"{c.starts_at:%d %B %Y}", c.summary)
            for c in conversations.distinct().order_by("starts_at")
        ],
        Document.Kind.LEARNING_LOG: [
            (f"{e.learned_on:%d %B %Y}", e.learned) for e in logs.order_by("learned_on")
        ],
        Document.Kind.SURVEY_COMMENT: [
            (f"{a.response.submitted_at:%d %B %Y}", f"{a.question.text}\n{a.text}")
            for a in answers.order_by("response__submitted_at", "question__position")
        ],
    }


@transaction.atomic
def import_tandem_records(*, actor: User, participant: Participant) -> list[Document]:
    """One document per kind of the participant's shared Tandem text (conversation
    summaries, learning log, survey comments), never private notes; only with their
    research consent and their agreement to use their records. Leads only."""
    study = participant.study
    policy.require(actor, study, policy.MANAGE)
    if participant.user_id is None:
        message = "This participant has no Tandem account, so there are no Tandem records to use."
        raise ValidationError(message)
    if participant.consent != Participant.Consent.GIVEN or not participant.shares_tandem_records:
        message = f"{participant.pseudonym} has not agreed that their Tandem records may be used."
        raise ValidationError(message)
    existing = set(
        Document.objects.filter(
            participant=participant, source_format=Document.Format.TANDEM
        ).values_list("kind", flat=True)
    )
    created = []
    for kind, entries in _records(participant, study).items():
        if not entries or kind in existing:
            continue
        lines = [(date, " ".join(text.split()), date) for date, text in entries]
        text, turns = turns_from_lines([(f"{date}", words, at) for date, words, at in lines])
        document = Document(
            study=study,
            participant=participant,
            kind=kind,
            title=f"{Document.Kind(kind).label}: {participant.pseudonym}",
            added_by=actor,
        )
        _store_source(document, Transcript(Document.Format.TANDEM, text, turns))
        document.full_clean()
        document.save()
        created.append(document)
    if not created:
        message = (
            "There is nothing new to import: no shared Tandem text, or it was imported already."
        )
        raise ValidationError(message)
    return created
