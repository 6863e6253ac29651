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

from django.db.models import Count, Q, QuerySet
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


def segment_marks(segments: list[CodedSegment], viewer_pk: int) -> list[Mark]:
    return [
        Mark(
            key=segment.pk,
            start=segment.start,
            end=segment.end,
            label=(
                f"{segment.code.name} (you)"
                if segment.coder_id == viewer_pk
                else f"{segment.code.name} ({segment.coder.full_name})"
            ),
            is_own=segment.coder_id == viewer_pk,
        )
        for segment in segments
    ]
