"""Reads for the coding pages: the codebook as a tree with its counts, the passes, and a
document's text with its coded segments highlighted.

The highlighted text is built in one sweep over the sorted boundaries of the segments and
of the speaker turns (or lines), so a long transcript with hundreds of segments costs one
pass over the text, with no slicing per segment.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from tandem.research.models import Code, CodedSegment, CodingPass, Participant, Study

# Segments counted on the codebook: in documents that may be analysed (reviewed, and of a
# consenting participant or of nobody), as tandem.research.selectors.analysable_documents.
_ANALYSABLE = Q(segments__document__pseudonyms_reviewed_at__isnull=False) & (
    Q(segments__document__participant__isnull=True)
    | Q(segments__document__participant__consent=Participant.Consent.GIVEN)
)


@dataclass
class CodeNode:
    code: Code
    depth: int
    children: list["CodeNode"] = field(default_factory=list)


def codebook(study: Study) -> list[CodeNode]:
    """The study's codes as a tree (roots first, each level by name), each annotated with
    `num_segments` and `num_documents` counted in one query."""
    codes = list(
        Code.objects.filter(study=study)
        .annotate(
            num_segments=Count("segments", filter=_ANALYSABLE, distinct=True),
            num_documents=Count("segments__document", filter=_ANALYSABLE, distinct=True),
        )
        .order_by("name")
    )
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)

    def grow(parent_id: int | None, depth: int) -> list[CodeNode]:
        return [
            CodeNode(code, depth, grow(code.pk, depth + 1)) for code in children.get(parent_id, [])
        ]

    return grow(None, 0)


def flatten(nodes: list[CodeNode]) -> list[CodeNode]:
    """The tree in reading order (a parent, then its children), for choice lists."""
    flat: list[CodeNode] = []
    for node in nodes:
        flat.append(node)
        flat.extend(flatten(node.children))
    return flat


def code_choices(study: Study) -> list[tuple[Code, str]]:
    """Every code with its path ("Barriers › Protected time"), in codebook order."""
    codes = list(Code.objects.filter(study=study).order_by("name"))
    by_pk = {code.pk: code for code in codes}

    def path(code: Code) -> str:
        names = [code.name]
        seen = {code.pk}
        while code.parent_id is not None and code.parent_id not in seen:
            code = by_pk[code.parent_id]
            seen.add(code.pk)
            names.append(code.name)
        return " › ".join(reversed(names))

    return sorted(((code, path(code)) for code in codes), key=lambda pair: pair[1].lower())


def passes(study: Study) -> "QuerySet[CodingPass]":
    """Every coder's passes with how many segments and documents each coded (one query)."""
    return (
        CodingPass.objects.filter(study=study)
        .select_related("coder")
        .annotate(
            num_segments=Count("segments", distinct=True),
            num_documents=Count("segments__document", distinct=True),
        )
        .order_by("coder__full_name", "number")
    )


@dataclass(frozen=True)
class Mark:
    """A segment as the highlighter sees it."""

    key: int
    start: int
    end: int
    label: str  # its code and coder, in words
    is_own: bool


@dataclass
class Block:
    """A speaker turn, or a line of a text without turns."""

    start: int
    end: int
    speaker: str = ""
    at: str = ""
    parts: list[str] = field(default_factory=list)

    @property
    def html(self) -> SafeString:
        return mark_safe("".join(self.parts))  # noqa: S308 - every piece of text is escaped


def _blocks(text: str, turns: list[dict]) -> list[Block]:
    usable = sorted(
        (
            turn
            for turn in turns
            if isinstance(turn, dict)
            and isinstance(turn.get("start"), int)
            and isinstance(turn.get("end"), int)
            and 0 <= turn["start"] < turn["end"] <= len(text)
        ),
        key=lambda turn: turn["start"],
    )
    blocks: list[Block] = []
    if usable:
        position = 0
        for turn in usable:
            start = max(turn["start"], position)
            if start >= turn["end"]:
                continue  # overlaps the turn before it
            if text[position:start].strip():
                blocks.append(Block(position, start))
            blocks.append(
                Block(start, turn["end"], str(turn.get("speaker", "")), str(turn.get("at") or ""))
            )
            position = turn["end"]
        if text[position:].strip():
            blocks.append(Block(position, len(text)))
        return blocks
    position = 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block(position, position + len(line)))
        position += len(line) + 1
    return blocks


def highlight(text: str, turns: list[dict], marks: list[Mark]) -> list[Block]:
    """The text as blocks of HTML: every piece between two boundaries is a `span` (or a
    `mark` when coded) carrying its offset in `data-start`, and each segment begins with a
    label naming its code, so the coding is read in words, not colour alone."""
    blocks = _blocks(text, turns)
    if not blocks:
        return []
    opens: dict[int, list[Mark]] = defaultdict(list)
    closes: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        start, end = max(0, mark.start), min(len(text), mark.end)
        if start < end:
            opens[start].append(mark)
            closes[end].append(mark)
    cuts = sorted(
        {0, len(text)}
        | {block.start for block in blocks}
        | {block.end for block in blocks}
        | opens.keys()
        | closes.keys()
    )
    active: dict[int, Mark] = {}
    pending: list[Mark] = []
    index = 0
    for start, end in pairwise(cuts):
        for mark in closes.get(start, ()):
            active.pop(mark.key, None)
        for mark in opens.get(start, ()):
            active[mark.key] = mark
            pending.append(mark)
        while index < len(blocks) and blocks[index].end <= start:
            index += 1
        if index == len(blocks):
            break
        block = blocks[index]
        if start < block.start:
            continue  # the line break between two lines: labels wait for the next piece
        parts = block.parts
        for mark in pending:
            parts.append(
                f'<span class="segment-label" data-owner="{"own" if mark.is_own else "other"}">'
                f"{escape(mark.label)}</span>"
            )
        pending = []
        piece = escape(text[start:end], quote=False)
        if active:
            kinds = {mark.is_own for mark in active.values()}
            kind = "both" if len(kinds) == 2 else ("own" if True in kinds else "other")
            parts.append(f'<mark class="coded coded--{kind}" data-start="{start}">{piece}</mark>')
        else:
            parts.append(f'<span data-start="{start}">{piece}</span>')
    return blocks


@dataclass(frozen=True)
class SegmentRow:
    """A coded segment as the coding page lists it (read with values_list: a long
    transcript has hundreds, and model instances for each cost more than the page may)."""

    pk: int
    uuid: UUID
    start: int
    end: int
    coder_id: int
    code_name: str
    coder_name: str
    pass_number: int | None


SEGMENT_ROW_FIELDS = (
    "pk",
    "uuid",
    "start",
    "end",
    "coder_id",
    "code__name",
    "coder__full_name",
    "coding_pass__number",
)


def segment_rows(segments: "QuerySet[CodedSegment]") -> list[SegmentRow]:
    return [SegmentRow(*values) for values in segments.values_list(*SEGMENT_ROW_FIELDS)]


def transcript_html(blocks: list[Block]) -> SafeString:
    """The blocks as paragraphs, each turn led by its speaker (and caption time)."""
    html = []
    for block in blocks:
        speaker = ""
        if block.speaker:
            at = f' <span class="turn-time">{escape(block.at)}</span>' if block.at else ""
            speaker = f'<span class="turn-speaker">{escape(block.speaker)}{at}</span> '
        html.append(
            f'<p class="turn">{speaker}<span class="turn-text">{"".join(block.parts)}</span></p>'
        )
    return mark_safe("".join(html))  # noqa: S308 - the parts and speakers are escaped


def segment_marks(rows: list[SegmentRow], viewer_pk: int) -> list[Mark]:
    return [
        Mark(
            key=row.pk,
            start=row.start,
            end=row.end,
            label=(
                f"{row.code_name} (you)"
                if row.coder_id == viewer_pk
                else f"{row.code_name} ({row.coder_name})"
            ),
            is_own=row.coder_id == viewer_pk,
        )
        for row in rows
    ]


def excerpt(text: str, start: int, end: int, limit: int = 160) -> str:
    if end - start <= limit:
        return text[start:end]
    return f"{text[start : start + limit // 2]} … {text[end - limit // 2 : end]}"


_PLACEHOLDER = UUID(int=0)


def segment_table(rows: list[SegmentRow], viewer_pk: int, study: Study, text: str) -> SafeString:
    """The coding page's table rows of segments: passage, code, coder and pass, and the
    links to correct, remove or write a memo. Built here rather than in a template loop,
    which costs several times more for the hundreds of rows of a long transcript."""
    # Each URL reversed once, then filled in per row.
    edit = reverse("research:segment-edit", args=[study.uuid, _PLACEHOLDER])
    remove = reverse("research:segment-remove", args=[study.uuid, _PLACEHOLDER])
    memo = reverse("research:memo-create", args=[study.uuid]) + "?segment="
    placeholder = str(_PLACEHOLDER)
    html = []
    for row in rows:
        code = escape(row.code_name)
        where = f"“{code}” at {row.start}"
        own = row.coder_id == viewer_pk
        who = "You" if own else escape(row.coder_name)
        if row.pass_number is not None:
            who += f", pass {row.pass_number}"
        links = []
        if own:
            links.append(
                f'<a href="{edit.replace(placeholder, str(row.uuid))}">Correct'
                f'<span class="visually-hidden"> {where}</span></a>'
            )
            links.append(
                f'<a href="{remove.replace(placeholder, str(row.uuid))}">Remove'
                f'<span class="visually-hidden"> {where}</span></a>'
            )
        links.append(
            f'<a href="{memo}{row.uuid}">Memo<span class="visually-hidden"> on {where}</span></a>'
        )
        html.append(
            f"<tr><td>{escape(excerpt(text, row.start, row.end))}</td><td>{code}</td>"
            f"<td>{who}</td><td>{' '.join(links)}</td></tr>"
        )
    return mark_safe("".join(html))  # noqa: S308 - every value from the database is escaped
