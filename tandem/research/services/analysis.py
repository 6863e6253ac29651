"""Similarities and differences, themes and biographical case summaries.

Everything here reads a study's data through tandem.research.selectors, so a participant
who withdraws drops out of frequencies, themes' quotes and case summaries at once.

**Disclosure.** The research team (leads and coders, who read the transcripts anyway)
sees exact counts. Readers, and anything exported, see figures counting distinct
participants, with cells about fewer than 5 people suppressed; the groups of a breakdown
(strands, organisations, scheme types) are disjoint, so a code's row adds up to its
total and complementary suppression (tandem.evaluation.disclosure) hides a second cell
whenever the hidden cells together cover fewer than 5 people.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, QuerySet

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.evaluation.disclosure import MIN_GROUP_SIZE, rows_to_suppress, total_is_shown
from tandem.evaluation.tables import SUPPRESSED
from tandem.framework.keys import Pairing
from tandem.programmes.models import Enrolment
from tandem.research import policy
from tandem.research.models import CaseSummary, Code, CodedSegment, Participant, Study, Theme
from tandem.research.selectors import (
    analysable_documents,
    analysable_segments,
    consenting_participants,
)

STRAND = "strand"
ORGANISATION = "organisation"
SCHEME = "scheme"
DIMENSIONS = {
    STRAND: "Strand",
    ORGANISATION: "Organisation",
    SCHEME: "Scheme type",
}
HIERARCHICAL = "Hierarchical (expert–novice)"
PEER = "Peer or reciprocal"
NOT_RECORDED = "Not recorded"
TEAM_NOTES = "Research team's notes"
SCHEME_OF_PAIRING: dict[str, str] = {
    Pairing.EXPERT_NOVICE: HIERARCHICAL,
    Pairing.PEER: PEER,
    Pairing.RECIPROCAL: PEER,
}

OVERLAP = "overlap"
SAME_DOCUMENT = "document"
CO_OCCURRENCE_MODES = {
    OVERLAP: "Both codes on overlapping spans of text",
    SAME_DOCUMENT: "Both codes in the same document",
}


# ---- Similarities and differences ----


@dataclass(frozen=True)
class Cell:
    participants: int
    segments: int = 0
    documents: int = 0
    is_suppressed: bool = False

    def __str__(self) -> str:
        return SUPPRESSED if self.is_suppressed else str(self.participants)


@dataclass(frozen=True)
class FrequencyRow:
    code: Code
    cells: tuple[Cell, ...]
    total: Cell


@dataclass(frozen=True)
class FrequencyTable:
    dimension: str
    groups: tuple[str, ...]
    rows: tuple[FrequencyRow, ...]
    is_exact: bool

    @property
    def title(self) -> str:
        return f"Codes by {DIMENSIONS[self.dimension].lower()}"


def scheme_types(study: Study, participants: Iterable[Participant]) -> dict[int, str]:
    """Each participant's scheme type: the pairing of the study's programme, or for a
    partnership's study the programme of the partnership they are enrolled in."""
    participants = list(participants)
    if study.programme is not None:
        label = SCHEME_OF_PAIRING.get(study.programme.pairing, NOT_RECORDED)
        return {p.pk: label for p in participants}
    pairings: dict[int, str] = {}
    if study.partnership_id is not None:
        enrolments = Enrolment.objects.filter(
            programme__partnership_id=study.partnership_id,
            user_id__in=[p.user_id for p in participants if p.user_id],
        ).values_list("user_id", "programme__pairing")
        pairings = dict(enrolments)
    return {
        p.pk: SCHEME_OF_PAIRING.get(pairings.get(p.user_id or 0, ""), NOT_RECORDED)
        for p in participants
    }


def _group_of(study: Study, dimension: str) -> dict[int | None, str]:
    """participant pk (None for the team's own notes) → the group it counts in."""
    participants = list(consenting_participants(study).select_related("strand", "organisation"))
    groups: dict[int | None, str] = {}
    if dimension == STRAND:
        groups = {p.pk: p.strand.name for p in participants}
    elif dimension == ORGANISATION:
        groups = {
            p.pk: p.organisation.name if p.organisation else NOT_RECORDED for p in participants
        }
    elif dimension == SCHEME:
        for pk, label in scheme_types(study, participants).items():
            groups[pk] = label
    else:
        message = f"Unknown breakdown: {dimension}"
        raise ValueError(message)
    groups[None] = TEAM_NOTES
    return groups


def _group_order(study: Study, dimension: str, present: set[str]) -> tuple[str, ...]:
    if dimension == STRAND:
        names = [s.name for s in study.strands.all()]
    elif dimension == SCHEME:
        names = [HIERARCHICAL, PEER]
    else:
        names = sorted(present - {NOT_RECORDED, TEAM_NOTES})
    names += [name for name in (NOT_RECORDED, TEAM_NOTES) if name in present]
    return tuple(name for name in names if name in present or dimension == STRAND)


def code_frequencies(study: Study, dimension: str, *, exact: bool) -> FrequencyTable:
    """Per code and group: coded segments, documents and distinct participants (one SQL
    aggregate). `exact` for the research team; otherwise suppressed for readers/exports."""
    groups_of = _group_of(study, dimension)
    figures = (
        analysable_segments(study)
        .values("code_id", participant_id=F("document__participant_id"))
        .annotate(
            num_segments=Count("pk"),
            num_documents=Count("document_id", distinct=True),
        )
        .order_by()
    )
    per_code: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    people: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for row in figures:
        group = groups_of.get(row["participant_id"], NOT_RECORDED)
        counts = per_code[row["code_id"]][group]
        counts[0] += row["num_segments"]
        counts[1] += row["num_documents"]
        if row["participant_id"] is not None:
            people[row["code_id"]][group].add(row["participant_id"])
    present = {group for by_group in per_code.values() for group in by_group}
    groups = _group_order(study, dimension, present)
    rows = []
    for code in Code.objects.filter(study=study, pk__in=per_code).order_by("name"):
        cells = [
            Cell(
                len(people[code.pk][group]),
                per_code[code.pk][group][0],
                per_code[code.pk][group][1],
            )
            for group in groups
        ]
        total = Cell(
            sum(cell.participants for cell in cells),
            sum(cell.segments for cell in cells),
            sum(cell.documents for cell in cells),
        )
        rows.append(_suppress_row(code, cells, total, exact=exact))
    return FrequencyTable(dimension, groups, tuple(rows), exact)


def _suppress_row(code: Code, cells: list[Cell], total: Cell, *, exact: bool) -> FrequencyRow:
    if exact:
        return FrequencyRow(code, tuple(cells), total)
    sizes = [cell.participants for cell in cells]
    hidden = rows_to_suppress(sizes, is_additive=True)
    shown = tuple(
        Cell(0, is_suppressed=True) if index in hidden else Cell(cell.participants)
        for index, cell in enumerate(cells)
    )
    total_cell = (
        Cell(total.participants) if total_is_shown(sizes, hidden) else Cell(0, is_suppressed=True)
    )
    return FrequencyRow(code, shown, total_cell)


@dataclass(frozen=True)
class CoOccurrence:
    mode: str
    codes: tuple[Code, ...]
    cells: tuple[tuple[Cell | None, ...], ...]  # None on the diagonal
    is_exact: bool
    group: str = ""

    @property
    def label(self) -> str:
        return CO_OCCURRENCE_MODES[self.mode]

    @property
    def rows(self) -> list[tuple[Code, tuple[Cell | None, ...]]]:
        return list(zip(self.codes, self.cells, strict=True))


def code_co_occurrence(
    study: Study,
    *,
    mode: str = OVERLAP,
    exact: bool,
    dimension: str = "",
    group: str = "",
) -> CoOccurrence:
    """Pairs of codes found together (on overlapping spans, or in the same document), as
    distinct participants and, for the team, segments' documents; optionally within one
    group of a breakdown. Cells are not additive, so readers get primary suppression."""
    if mode not in CO_OCCURRENCE_MODES:
        message = f"Unknown co-occurrence: {mode}"
        raise ValueError(message)
    groups_of = _group_of(study, dimension) if dimension else {}
    rows = analysable_segments(study).values_list(
        "document_id", "document__participant_id", "code_id", "start", "end"
    )
    by_document: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    participant_of: dict[int, int | None] = {}
    for document_id, participant_id, code_id, start, end in rows:
        if dimension and groups_of.get(participant_id, NOT_RECORDED) != group:
            continue
        by_document[document_id].append((start, end, code_id))
        participant_of[document_id] = participant_id
    pairs_people: dict[tuple[int, int], set[int]] = defaultdict(set)
    pairs_documents: dict[tuple[int, int], set[int]] = defaultdict(set)
    for document_id, spans in by_document.items():
        for pair in _pairs_in(spans, mode):
            pairs_documents[pair].add(document_id)
            person = participant_of[document_id]
            if person is not None:
                pairs_people[pair].add(person)
    code_ids = sorted({code_id for spans in by_document.values() for _, _, code_id in spans})
    codes = tuple(Code.objects.filter(pk__in=code_ids).order_by("name"))
    matrix = []
    for a in codes:
        line: list[Cell | None] = []
        for b in codes:
            if a.pk == b.pk:
                line.append(None)
                continue
            pair = (min(a.pk, b.pk), max(a.pk, b.pk))
            n = len(pairs_people.get(pair, ()))
            if exact:
                line.append(Cell(n, documents=len(pairs_documents.get(pair, ()))))
            else:
                # Zero reveals nothing about anyone; 1-4 people could be recognised.
                line.append(Cell(0, is_suppressed=True) if 0 < n < MIN_GROUP_SIZE else Cell(n))
        matrix.append(tuple(line))
    return CoOccurrence(mode, codes, tuple(matrix), exact, group)


def _pairs_in(spans: list[tuple[int, int, int]], mode: str) -> set[tuple[int, int]]:
    if mode == SAME_DOCUMENT:
        present = sorted({code_id for _, _, code_id in spans})
        return {(a, b) for i, a in enumerate(present) for b in present[i + 1 :]}
    found = set()
    ordered = sorted(spans)
    for i, (_start, end, code) in enumerate(ordered):
        for other_start, _, other_code in ordered[i + 1 :]:
            if other_start >= end:
                break
            if other_code != code:
                found.add((min(code, other_code), max(code, other_code)))
    return found


# ---- Themes ----


def themes_of(study: Study) -> "QuerySet[Theme]":
    return Theme.objects.filter(study=study).prefetch_related("codes")


def quote_candidates(study: Study, codes: Iterable[Code]) -> "QuerySet[CodedSegment]":
    """Segments that may support a theme: analysable segments of its codes."""
    return (
        analysable_segments(study)
        .filter(code__in=list(codes))
        .select_related("document__participant__strand")
        .order_by("document__participant__strand__position", "document__title", "start")
    )


def quotes_of(study: Study, theme: Theme) -> "QuerySet[CodedSegment]":
    """A theme's chosen quotes that may still be shown (a withdrawn participant's go)."""
    return (
        analysable_segments(study)
        .filter(themes=theme)
        .select_related("document__participant__strand")
        .order_by("document__participant__strand__position", "document__title", "start")
    )


def themes_with_quotes(study: Study) -> list[tuple[Theme, list[CodedSegment]]]:
    """Every theme in order with its showable quotes, in three queries whatever the number
    of themes (themes, their codes, the quotes with document, participant and strand)."""
    themes = list(themes_of(study))
    quotes: dict[int, list[CodedSegment]] = defaultdict(list)
    segments = (
        analysable_segments(study)
        .filter(themes__in=themes)
        .annotate(theme_pk=F("themes__pk"))
        .select_related("document__participant__strand")
        .order_by("document__participant__strand__position", "document__title", "start")
    )
    for segment in segments:
        quotes[segment.theme_pk].append(segment)
    return [(theme, quotes[theme.pk]) for theme in themes]


def case_summaries(study: Study) -> list[tuple[Participant, CaseSummary | None, list]]:
    """Consenting participants with their summary and its quotes, in two queries."""
    participants = list(case_participants(study))
    quotes: dict[int, list[CodedSegment]] = defaultdict(list)
    segments = (
        analysable_segments(study)
        .filter(case_summaries__participant__in=participants)
        .annotate(summary_pk=F("case_summaries__pk"))
        .order_by("start")
    )
    for segment in segments:
        quotes[segment.summary_pk].append(segment)
    result = []
    for participant in participants:
        summary = getattr(participant, "case_summary", None)
        result.append((participant, summary, quotes[summary.pk] if summary else []))
    return result


def _check_quotes(study: Study, quotes: Iterable[CodedSegment], codes: Iterable[Code]) -> None:
    allowed = set(quote_candidates(study, codes).values_list("pk", flat=True))
    if any(segment.pk not in allowed for segment in quotes):
        message = "A quote must be a coded segment of one of the theme's codes."
        raise ValidationError(message)


@transaction.atomic
def save_theme(
    *,
    actor: User,
    study: Study,
    theme: Theme | None = None,
    name: str,
    description: str,
    codes: Iterable[Code],
) -> Theme:
    """Create or edit a theme and its codes (coders and leads). Quotes of codes no longer
    attached are dropped."""
    policy.require(actor, study, policy.CODE)
    codes = list(codes)
    if any(code.study_id != study.pk for code in codes):
        message = "A theme's codes come from its own study's codebook."
        raise ValidationError(message)
    if theme is None:
        position = Theme.objects.filter(study=study).aggregate(top=Max("position"))["top"] or 0
        theme = Theme(study=study, created_by=actor, position=position + 1)
    theme.name, theme.description = name, description
    theme.full_clean()
    theme.save()
    theme.codes.set(codes)
    theme.quotes.remove(*theme.quotes.exclude(code__in=codes))
    return theme


@transaction.atomic
def set_theme_quotes(*, actor: User, theme: Theme, quotes: Iterable[CodedSegment]) -> None:
    """Choose the theme's supporting quotes among its codes' segments (coders and leads)."""
    policy.require(actor, theme.study, policy.CODE)
    quotes = list(quotes)
    _check_quotes(theme.study, quotes, theme.codes.all())
    theme.quotes.set(quotes)


@transaction.atomic
def move_theme(*, actor: User, theme: Theme, up: bool) -> None:
    """Swap the theme with its neighbour in the report's order."""
    policy.require(actor, theme.study, policy.CODE)
    ordered = list(Theme.objects.filter(study=theme.study).order_by("position", "name"))
    for position, item in enumerate(ordered):  # make positions distinct first
        item.position = position
    index = next(i for i, item in enumerate(ordered) if item.pk == theme.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index].position, ordered[other].position = other, index
    Theme.objects.bulk_update(ordered, ["position"])


@transaction.atomic
def delete_theme(*, actor: User, theme: Theme) -> None:
    """Delete a theme (its codes and segments stay); coders and leads."""
    policy.require(actor, theme.study, policy.CODE)
    theme.delete()


# ---- Biographical case summaries ----


def case_participants(study: Study) -> "QuerySet[Participant]":
    """Consenting participants, each with their summary if written."""
    return (
        consenting_participants(study)
        .select_related("strand", "case_summary")
        .order_by("strand__position", "pseudonym")
    )


def own_segments(study: Study, participant: Participant) -> "QuerySet[CodedSegment]":
    return (
        analysable_segments(study)
        .filter(document__participant=participant)
        .order_by("document__title", "start")
    )


def summary_quotes(study: Study, summary: CaseSummary) -> "QuerySet[CodedSegment]":
    return own_segments(study, summary.participant).filter(case_summaries=summary)


@transaction.atomic
def save_case_summary(
    *,
    actor: User,
    participant: Participant,
    path_into_scheme: str,
    practice_change: str,
    quotes: Iterable[CodedSegment],
) -> CaseSummary:
    """Write or correct a consenting participant's case summary, linking quotes from their
    own coded segments (coders and leads)."""
    study = participant.study
    policy.require(actor, study, policy.CODE)
    if not participant.in_analysis:
        message = "Only a participant who has consented has a case summary."
        raise ValidationError(message)
    quotes = list(quotes)
    allowed = set(own_segments(study, participant).values_list("pk", flat=True))
    if any(segment.pk not in allowed for segment in quotes):
        message = "A case summary quotes the participant's own coded segments only."
        raise ValidationError(message)
    summary = CaseSummary.objects.filter(participant=participant).first() or CaseSummary(
        participant=participant, written_by=actor
    )
    summary.path_into_scheme = path_into_scheme
    summary.practice_change = practice_change
    summary.full_clean()
    summary.save()
    summary.quotes.set(quotes)
    record_event(actor=actor, action="research.case-summary.write", target=summary)
    return summary


def consenting_count_by_strand(study: Study) -> list[tuple[str, int]]:
    counts = dict(
        consenting_participants(study)
        .values("strand_id")
        .annotate(n=Count("pk"))
        .values_list("strand_id", "n")
    )
    return [(strand.name, counts.get(strand.pk, 0)) for strand in study.strands.all()]


def num_analysable_documents(study: Study) -> int:
    return analysable_documents(study).count()
