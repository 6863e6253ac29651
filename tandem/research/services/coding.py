"""Coding a study's documents: the codebook, coding passes, coded segments and memos.

Every function here checks the actor's role with `policy.require` (leads and coders code
and keep the codebook; see tandem.research.policy) and runs in a transaction. Offsets are
Python string indices into `Document.text`, end exclusive.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.research import policy
from tandem.research.models import (
    Code,
    CodedSegment,
    CodingPass,
    Document,
    Memo,
    Study,
)

# How much text either side of a passage is shown when it occurs more than once.
CONTEXT_CHARS = 40
# Straight and typographic quotes and dashes count as the same when finding a passage.
_EQUIVALENT = {
    "'": "['\u2018\u2019]",
    "\u2018": "['\u2018\u2019]",
    "\u2019": "['\u2018\u2019]",
    '"': '["\u201c\u201d]',
    "\u201c": '["\u201c\u201d]',
    "\u201d": '["\u201c\u201d]',
    "-": "[-\u2013\u2014]",
    "\u2013": "[-\u2013\u2014]",
    "\u2014": "[-\u2013\u2014]",
}


# ---- the codebook ----


def _check_parent(code: Code | None, parent: Code | None, study: Study) -> None:
    if parent is None:
        return
    if parent.study_id != study.pk:
        raise ValidationError({"parent": "Choose a code from this study's codebook."})
    if code is None or code.pk is None:
        return
    # Walk up from the new parent: meeting the code itself would make a cycle.
    parents = dict(Code.objects.filter(study=study).values_list("pk", "parent_id"))
    ancestor: int | None = parent.pk
    while ancestor is not None:
        if ancestor == code.pk:
            raise ValidationError(
                {"parent": f"“{code.name}” cannot go under itself or one of its own sub-codes."}
            )
        ancestor = parents.get(ancestor)


def _check_name_free(study: Study, parent: Code | None, name: str, code: Code | None) -> None:
    clash = Code.objects.filter(study=study, parent=parent, name__iexact=name)
    if code is not None and code.pk is not None:
        clash = clash.exclude(pk=code.pk)
    if clash.exists():
        where = f"under “{parent.name}”" if parent else "at the top of the codebook"
        raise ValidationError({"name": f"There is already a code called “{name}” {where}."})


@transaction.atomic
def create_code(
    *,
    actor: User,
    study: Study,
    name: str,
    parent: Code | None = None,
    level: str = Code.Level.OPEN,
    description: str = "",
    colour: str = "",
) -> Code:
    """Add a code to the study's codebook; leads and coders may."""
    policy.require(actor, study, policy.CODE)
    name = name.strip()
    _check_parent(None, parent, study)
    _check_name_free(study, parent, name, None)
    code = Code(
        study=study,
        parent=parent,
        name=name,
        level=level,
        description=description,
        colour=colour,
        created_by=actor,
    )
    code.full_clean()
    code.save()
    return code


@transaction.atomic
def edit_code(
    *,
    actor: User,
    code: Code,
    name: str,
    parent: Code | None,
    level: str,
    description: str = "",
    colour: str = "",
) -> Code:
    """Rename, describe, recolour, move (never under itself) or change the level of a code."""
    policy.require(actor, code.study, policy.CODE)
    name = name.strip()
    _check_parent(code, parent, code.study)
    _check_name_free(code.study, parent, name, code)
    code.name, code.parent, code.level = name, parent, level
    code.description, code.colour = description, colour
    code.full_clean()
    code.save(update_fields=["name", "parent", "level", "description", "colour", "updated_at"])
    return code


@dataclass(frozen=True)
class CodeUse:
    """What depends on a code, for the delete and merge pages."""

    num_segments: int
    num_documents: int
    num_children: int
    num_themes: int
    num_quoted: int  # its segments chosen as quotes in themes or case summaries
    num_memos: int

    @property
    def in_use(self) -> bool:
        return bool(self.num_segments or self.num_children or self.num_themes)


def code_use(code: Code) -> CodeUse:
    segments = CodedSegment.objects.filter(code=code)
    counts = segments.aggregate(
        num_segments=Count("pk"), num_documents=Count("document", distinct=True)
    )
    quoted = segments.filter(Q(themes__isnull=False) | Q(case_summaries__isnull=False))
    return CodeUse(
        num_segments=counts["num_segments"],
        num_documents=counts["num_documents"],
        num_children=code.children.count(),
        num_themes=code.themes.count(),
        num_quoted=quoted.distinct().count(),
        num_memos=code.memos.count(),
    )


@transaction.atomic
def merge_codes(*, actor: User, source: Code, target: Code) -> int:
    """Merge `source` into `target`: its segments, sub-codes, memos and theme links move to
    `target` (a segment the same coder already coded with `target` on the same span is
    dropped as a duplicate), then `source` is deleted. Returns how many segments moved."""
    study = source.study
    policy.require(actor, study, policy.CODE)
    if target.study_id != study.pk:
        raise ValidationError("Choose a code from this study's codebook to merge into.")
    if target.pk == source.pk:
        raise ValidationError("A code cannot be merged into itself.")
    parents = dict(Code.objects.filter(study=study).values_list("pk", "parent_id"))
    ancestor: int | None = target.pk
    while ancestor is not None:
        if ancestor == source.pk:
            raise ValidationError(
                f"“{target.name}” is a sub-code of “{source.name}”: merge it the other way "
                "round, or move it out first."
            )
        ancestor = parents.get(ancestor)
    existing = set(
        CodedSegment.objects.filter(code=target).values_list(
            "document_id", "coder_id", "start", "end"
        )
    )
    duplicates: list[int] = []
    moving: list[int] = []
    for segment in CodedSegment.objects.filter(code=source).only(
        "pk", "document_id", "coder_id", "start", "end"
    ):
        key = (segment.document_id, segment.coder_id, segment.start, segment.end)
        (duplicates if key in existing else moving).append(segment.pk)
    # A duplicate's memos and theme quotes go to the segment it duplicates.
    for pk in duplicates:
        twin_of = CodedSegment.objects.get(pk=pk)
        twin = CodedSegment.objects.get(
            code=target,
            document_id=twin_of.document_id,
            coder_id=twin_of.coder_id,
            start=twin_of.start,
            end=twin_of.end,
        )
        Memo.objects.filter(segment=twin_of).update(segment=twin)
        for theme in twin_of.themes.all():
            theme.quotes.add(twin)
        for summary in twin_of.case_summaries.all():
            summary.quotes.add(twin)
    CodedSegment.objects.filter(pk__in=duplicates).delete()
    moved = CodedSegment.objects.filter(pk__in=moving).update(
        code=target, updated_at=timezone.now()
    )
    Memo.objects.filter(code=source).update(code=target)
    Code.objects.filter(parent=source).update(parent=target)
    for theme in source.themes.all():
        theme.codes.add(target)
    source.themes.clear()
    detail = (
        f"Merged “{source.name}” into “{target.name}”: {moved} segments moved, "
        f"{len(duplicates)} duplicates dropped."
    )
    record_event(actor=actor, action="research.code.merged", target=target, detail=detail)
    source.delete()
    return moved


class CodeInUseError(Exception):
    """The code still has segments, sub-codes or themes; `use` says which."""

    def __init__(self, use: CodeUse) -> None:
        super().__init__(use)
        self.use = use


@transaction.atomic
def delete_code(*, actor: User, code: Code, with_segments: bool = False) -> int:
    """Delete a code. A code with sub-codes or in a theme is refused; one with segments is
    refused unless `with_segments` (the person confirmed), and then only if none of them is
    quoted in a theme or case summary. Returns how many segments went with it."""
    policy.require(actor, code.study, policy.CODE)
    use = code_use(code)
    if use.num_children or use.num_themes or use.num_quoted:
        raise CodeInUseError(use)
    if use.num_segments and not with_segments:
        raise CodeInUseError(use)
    _removed, _ = CodedSegment.objects.filter(code=code).delete()
    record_event(
        actor=actor,
        action="research.code.deleted",
        target=code.study,
        detail=f"Deleted code “{code.name}” and {use.num_segments} segments in "
        f"{use.num_documents} documents.",
    )
    code.delete()
    return use.num_segments


# ---- coding passes ----


def open_pass(study: Study, coder: User) -> CodingPass | None:
    """The coder's pass in progress in this study, if any."""
    return (
        CodingPass.objects.filter(study=study, coder=coder, finished_at__isnull=True)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def start_pass(
    *, actor: User, study: Study, purpose: str = "", is_blind: bool = False
) -> CodingPass:
    """Start the actor's next reading of the study's documents (one at a time)."""
    policy.require(actor, study, policy.CODE)
    current = open_pass(study, actor)
    if current is not None:
        raise ValidationError(f"Finish pass {current.number} before you start another.")
    last = (
        CodingPass.objects.select_for_update()
        .filter(study=study, coder=actor)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    coding_pass = CodingPass(
        study=study, coder=actor, number=(last or 0) + 1, purpose=purpose.strip(), is_blind=is_blind
    )
    coding_pass.full_clean()
    coding_pass.save()
    return coding_pass


@transaction.atomic
def finish_pass(*, actor: User, coding_pass: CodingPass) -> CodingPass:
    """Finish the actor's own pass."""
    policy.require(actor, coding_pass.study, policy.CODE)
    if coding_pass.coder_id != actor.pk:
        raise PermissionError("Only the coder finishes their own pass.")
    if coding_pass.finished_at is None:
        coding_pass.finished_at = timezone.now()
        coding_pass.save(update_fields=["finished_at", "updated_at"])
    return coding_pass


# ---- finding a passage ----


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    before: str
    match: str
    after: str


def passage_pattern(passage: str) -> re.Pattern[str] | None:
    """A pattern that finds the passage whatever the whitespace (line breaks, double spaces)
    between its words, and whichever quote marks or dashes it was typed with."""
    words = passage.split()
    if not words:
        return None
    parts = ["".join(_EQUIVALENT.get(char, re.escape(char)) for char in word) for word in words]
    return re.compile(r"\s+".join(parts))


def find_passage(text: str, passage: str) -> list[Occurrence]:
    """Every place the passage occurs in the text, with some context either side."""
    pattern = passage_pattern(passage)
    if pattern is None:
        return []
    return [
        Occurrence(
            start=found.start(),
            end=found.end(),
            before=text[max(0, found.start() - CONTEXT_CHARS) : found.start()],
            match=found.group(),
            after=text[found.end() : found.end() + CONTEXT_CHARS],
        )
        for found in pattern.finditer(text)
    ]


def same_words(first: str, second: str) -> bool:
    return first.split() == second.split()


class ChooseOccurrenceError(ValidationError):
    """The passage occurs more than once: the person picks one (`occurrences`)."""

    def __init__(self, occurrences: list[Occurrence]) -> None:
        super().__init__(
            f"These words occur {len(occurrences)} times in the document: choose which one to code."
        )
        self.occurrences = occurrences


def locate_passage(
    text: str,
    *,
    passage: str,
    start: int | None = None,
    end: int | None = None,
    occurrence: int | None = None,
    near: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """The span to code. A selection made with the mouse (`start`, `end`) is taken as it is
    when it holds the typed words (or none were typed); otherwise the words are found in the
    text, whatever the whitespace. Found more than once, `occurrence` (1-based) picks one,
    or the one overlapping `near` (a segment being corrected); failing that the person is
    asked (ChooseOccurrenceError)."""
    has_selection = start is not None and end is not None
    if has_selection and (not passage.strip() or same_words(text[start:end], passage)):
        return start, end  # type: ignore[return-value]
    found = find_passage(text, passage)
    if not found:
        raise ValidationError(
            {
                "passage": "These words are not in the document. Check them against the text "
                "(spaces and line breaks do not matter)."
            }
        )
    if occurrence is not None and 1 <= occurrence <= len(found):
        chosen = found[occurrence - 1]
        return chosen.start, chosen.end
    if len(found) > 1 and near is not None:
        overlapping = [each for each in found if each.start < near[1] and near[0] < each.end]
        if len(overlapping) == 1:
            found = overlapping
    if len(found) > 1:
        raise ChooseOccurrenceError(found)
    return found[0].start, found[0].end


# ---- coded segments ----


def check_span(document: Document, start: int, end: int) -> None:
    """Refuse spans that are empty, only whitespace, or outside the document's text."""
    if start < 0 or end > len(document.text):
        raise ValidationError("The selection is outside the document's text.")
    if end <= start:
        raise ValidationError("Select some text to code: the selection is empty.")
    if not document.text[start:end].strip():
        raise ValidationError("Select some words to code: the selection is only spaces.")


def _require_codable(actor: User, document: Document) -> CodingPass:
    policy.require(actor, document.study, policy.CODE)
    if document.pseudonyms_reviewed_at is None:
        raise ValidationError(
            "This document's pseudonyms have not been reviewed yet, so it cannot be coded."
        )
    coding_pass = open_pass(document.study, actor)
    if coding_pass is None:
        raise ValidationError("Start a coding pass before you code, so the reading is recorded.")
    return coding_pass


@transaction.atomic
def apply_codes(
    *, actor: User, document: Document, codes: list[Code], start: int, end: int
) -> list[CodedSegment]:
    """Code a span of a document with one or more codes, in the actor's pass in progress.
    Refuses an empty or out-of-range span and a code the actor already applied there."""
    coding_pass = _require_codable(actor, document)
    check_span(document, start, end)
    if not codes:
        raise ValidationError({"codes": "Choose at least one code."})
    if any(code.study_id != document.study_id for code in codes):
        raise ValidationError({"codes": "Choose codes from this study's codebook."})
    already = set(
        CodedSegment.objects.filter(
            document=document, coder=actor, start=start, end=end, code__in=codes
        ).values_list("code__name", flat=True)
    )
    if already:
        names = ", ".join(f"“{name}”" for name in sorted(already))
        raise ValidationError({"codes": f"You have already coded this passage with {names}."})
    segments = [
        CodedSegment(
            document=document, code=code, start=start, end=end, coder=actor, coding_pass=coding_pass
        )
        for code in codes
    ]
    for segment in segments:
        segment.full_clean(validate_unique=False)
    return CodedSegment.objects.bulk_create(segments)


@transaction.atomic
def correct_segment(
    *, actor: User, segment: CodedSegment, code: Code, start: int, end: int
) -> CodedSegment:
    """Change a segment's code or span (the coder's own), in the actor's pass in progress,
    which the segment then belongs to; the change is written to the audit log."""
    document = segment.document
    coding_pass = _require_codable(actor, document)
    if segment.coder_id != actor.pk:
        raise PermissionError("Only the coder who coded a segment corrects it.")
    check_span(document, start, end)
    if code.study_id != document.study_id:
        raise ValidationError({"code": "Choose a code from this study's codebook."})
    duplicate = CodedSegment.objects.filter(
        document=document, coder=actor, code=code, start=start, end=end
    ).exclude(pk=segment.pk)
    if duplicate.exists():
        raise ValidationError(f"You have already coded this passage with “{code.name}”.")
    before = f"“{segment.code.name}” {segment.start}–{segment.end}"
    segment.code, segment.start, segment.end = code, start, end
    segment.coding_pass = coding_pass
    segment.full_clean(validate_unique=False)
    segment.save(update_fields=["code", "start", "end", "coding_pass", "updated_at"])
    record_event(
        actor=actor,
        action="research.segment.corrected",
        target=segment,
        detail=f"Pass {coding_pass.number}: {before} → “{code.name}” {start}–{end}.",
    )
    return segment


@transaction.atomic
def remove_segment(*, actor: User, segment: CodedSegment) -> None:
    """Remove the actor's own segment (after they confirmed), recorded with their pass."""
    coding_pass = _require_codable(actor, segment.document)
    if segment.coder_id != actor.pk:
        raise PermissionError("Only the coder who coded a segment removes it.")
    record_event(
        actor=actor,
        action="research.segment.removed",
        target=segment.document,
        detail=f"Pass {coding_pass.number}: removed “{segment.code.name}” "
        f"{segment.start}–{segment.end}.",
    )
    segment.delete()


# ---- memos ----


@transaction.atomic
def write_memo(
    *,
    actor: User,
    study: Study,
    title: str,
    text: str,
    code: Code | None = None,
    document: Document | None = None,
    segment: CodedSegment | None = None,
) -> Memo:
    """Write a memo on the study, or on one of its codes, documents or segments."""
    policy.require(actor, study, policy.CODE)
    for about in (code, document):
        if about is not None and about.study_id != study.pk:
            raise ValidationError("The memo must be about something in this study.")
    if segment is not None:
        if segment.document.study_id != study.pk:
            raise ValidationError("The memo must be about something in this study.")
        document = segment.document
    memo = Memo(
        study=study,
        author=actor,
        title=title.strip(),
        text=text,
        code=code,
        document=document,
        segment=segment,
    )
    memo.full_clean()
    memo.save()
    return memo


@transaction.atomic
def edit_memo(*, actor: User, memo: Memo, title: str, text: str) -> Memo:
    """Change a memo's title or text; its author may."""
    policy.require(actor, memo.study, policy.CODE)
    if memo.author_id != actor.pk:
        raise PermissionError("Only a memo's author changes it.")
    memo.title, memo.text = title.strip(), text
    memo.full_clean()
    memo.save(update_fields=["title", "text", "updated_at"])
    return memo


@transaction.atomic
def delete_memo(*, actor: User, memo: Memo) -> None:
    """Delete a memo (after its author confirmed)."""
    policy.require(actor, memo.study, policy.CODE)
    if memo.author_id != actor.pk:
        raise PermissionError("Only a memo's author deletes it.")
    memo.delete()
