"""Pseudonymisation of a study's documents on import, and the lead's review of it.

Names of people known to Tandem (members of the study's organisations, the programme's
enrolled people, the team and the participants), the organisations' names and the places
the lead lists on the study are replaced by stable pseudonyms from the study's `Pseudonym`
table: the same original gets the same replacement in every document. Matching is
case-insensitive and on whole words, longest name first, so "Pia Participant" is replaced
as one name before "Pia" alone; a first name alone gets its person's replacement, unless
two known people share it (then it becomes "[name]", for the lead to check).

A participant's replacement is their pseudonym ("Coach 3"); other people become
"Person N", organisations "Organisation N", places "Place N". Rows are created only for
names that occur, so a large organisation's staff list is not copied into every study.

The original text is kept, encrypted, until the lead confirms the replacements, so a
replacement can be undone or a missed name added and the text recomputed from the source;
confirming empties it. Each replacement records its offsets in the source and in the
analysed text, so turns' offsets follow the text.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Enrolment
from tandem.research import policy
from tandem.research.models import CodedSegment, Document, Participant, Pseudonym, Study

AMBIGUOUS = "[name]"
PREFIX: dict[str, str] = {
    Pseudonym.Kind.PERSON: "Person",
    Pseudonym.Kind.ORGANISATION: "Organisation",
    Pseudonym.Kind.PLACE: "Place",
}


def normalise(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Variant:
    """A form of a name that is looked for: the full original or a first name alone."""

    kind: str
    original: str  # the full name the replacement belongs to
    replacement: str  # empty until a Pseudonym row is made for it


def study_organisations(study: Study) -> list[Organisation]:
    organisations: dict[int, Organisation] = {study.organisation_id: study.organisation}
    if study.programme is not None:
        organisations |= {o.pk: o for o in study.programme.organisations.all()}
    if study.partnership is not None:
        organisations |= {o.pk: o for o in study.partnership.organisations.all()}
    return list(organisations.values())


def known_people(study: Study) -> list[str]:
    """Full names of everyone Tandem knows in the study's organisations and programme."""
    organisations = [o.pk for o in study_organisations(study)]
    in_study = Q(
        memberships__in=Membership.objects.current().filter(organisation__in=organisations)
    )
    in_study |= Q(study_memberships__study=study) | Q(research_participations__study=study)
    if study.programme_id:
        in_study |= Q(enrolments__in=Enrolment.objects.filter(programme_id=study.programme_id))
    names = set(User.objects.filter(in_study).values_list("full_name", flat=True))
    names |= set(
        Participant.objects.filter(study=study, user__isnull=True).values_list("name", flat=True)
    )
    return sorted(name for name in names if name and name.strip())


def place_names(study: Study) -> list[str]:
    return [line.strip() for line in study.place_names.splitlines() if line.strip()]


def candidate_table(study: Study) -> dict[str, Variant]:
    """normalised form → variant, for every name that may be replaced in this study."""
    table: dict[str, Variant] = {}
    existing = {normalise(p.original): p for p in Pseudonym.objects.filter(study=study)}
    participant_names = {
        normalise(p.user.full_name if p.user else p.name): p.pseudonym
        for p in Participant.objects.filter(study=study).select_related("user")
    }

    def replacement_for(kind: str, original: str) -> str:
        key = normalise(original)
        if key in existing:
            return existing[key].replacement
        return participant_names.get(key, "") if kind == Pseudonym.Kind.PERSON else ""

    people = known_people(study)
    first_names: dict[str, set[str]] = {}
    for name in people:
        words = name.split()
        if len(words) > 1:
            first_names.setdefault(normalise(words[0]), set()).add(name)
    for name, owners in first_names.items():
        if len(owners) > 1:
            table[name] = Variant(Pseudonym.Kind.PERSON, "", AMBIGUOUS)
        else:
            (owner,) = owners
            table[name] = Variant(
                Pseudonym.Kind.PERSON, owner, replacement_for(Pseudonym.Kind.PERSON, owner)
            )
    for kind, names in [
        (Pseudonym.Kind.PERSON, people),
        (Pseudonym.Kind.ORGANISATION, [o.name for o in study_organisations(study)]),
        (Pseudonym.Kind.PLACE, place_names(study)),
    ]:
        for name in names:
            table[normalise(name)] = Variant(kind, name, replacement_for(kind, name))
    # Names the lead added by hand on a review page, or kept from earlier imports.
    for key, row in existing.items():
        table.setdefault(key, Variant(row.kind, row.original, row.replacement))
    return table


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """Whole-word, case-insensitive, longest first; spaces match any run of white space."""
    if not names:
        return None
    forms = sorted({normalise(n) for n in names}, key=lambda n: (-len(n), n))
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in n.split()) for n in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def next_replacement(study: Study, kind: str, taken: set[str]) -> str:
    number = 1
    while f"{PREFIX[kind]} {number}" in taken:
        number += 1
    return f"{PREFIX[kind]} {number}"


def pseudonym_for(study: Study, variant: Variant, cache: dict[str, str]) -> str:
    """The variant's stable replacement, creating the study's Pseudonym row if needed."""
    if variant.replacement:
        return variant.replacement
    key = normalise(variant.original)
    if key not in cache:
        taken = set(Pseudonym.objects.filter(study=study).values_list("replacement", flat=True))
        taken |= set(Participant.objects.filter(study=study).values_list("pseudonym", flat=True))
        replacement = next_replacement(study, variant.kind, taken)
        Pseudonym.objects.create(
            study=study, kind=variant.kind, original=variant.original, replacement=replacement
        )
        cache[key] = replacement
    return cache[key]


def pseudonymise(
    study: Study, source: str, *, skip: frozenset[int] = frozenset()
) -> tuple[str, list[dict[str, Any]]]:
    """The source text with known names replaced, and the replacements made (or skipped:
    those whose source offset is in `skip`, undone by the lead)."""
    table = candidate_table(study)
    pattern = name_pattern(list(table))
    if pattern is None:
        return source, []
    cache: dict[str, str] = {}
    parts: list[str] = []
    replacements: list[dict[str, Any]] = []
    position = 0
    length = 0
    for match in pattern.finditer(source):
        variant = table[normalise(match.group(0))]
        parts.append(source[position : match.start()])
        length += match.start() - position
        position = match.end()
        undone = match.start() in skip
        replacement = pseudonym_for(study, variant, cache)
        shown = match.group(0) if undone else replacement
        replacements.append(
            {
                "source_start": match.start(),
                "source_end": match.end(),
                "start": length,
                "end": length + len(shown),
                "original": match.group(0),
                "replacement": replacement,
                "kind": variant.kind,
                "undone": undone,
            }
        )
        parts.append(shown)
        length += len(shown)
    parts.append(source[position:])
    return "".join(parts), replacements


def map_offset(offset: int, replacements: list[dict[str, Any]]) -> int:
    """Where a source offset (not inside a name) lies in the pseudonymised text."""
    shift = 0
    for made in replacements:
        if made["source_end"] <= offset:
            shift += (made["end"] - made["start"]) - (made["source_end"] - made["source_start"])
    return offset + shift


def apply_to_document(document: Document, *, skip: frozenset[int] = frozenset()) -> None:
    """Recompute the document's text, turns and replacements from its original text."""
    study = document.study
    text, replacements = pseudonymise(study, document.original_text, skip=skip)
    turns = []
    for turn in document.turns:
        source = turn.get("source") or [turn["start"], turn["end"], turn.get("speaker", "")]
        speaker = pseudonymise(study, source[2])[0] if source[2] else ""
        turns.append(
            {
                "speaker": speaker,
                "start": map_offset(source[0], replacements),
                "end": map_offset(source[1], replacements),
                "at": turn.get("at", ""),
                "source": source,
            }
        )
    document.text = text
    document.turns = turns
    document.replacements = replacements
    document.num_words = len(text.split())


def _unreviewed(actor: User, document: Document) -> None:
    policy.require(actor, document.study, policy.MANAGE)
    if document.pseudonyms_reviewed_at is not None:
        message = "The replacements in this document have already been confirmed."
        raise ValidationError(message)


@transaction.atomic
def undo_replacement(*, actor: User, document: Document, source_start: int) -> None:
    """Put one replaced name back (it was not a name, e.g. "Will" as a verb). Leads only."""
    _unreviewed(actor, document)
    skip = {made["source_start"] for made in document.replacements if made["undone"]}
    if source_start not in {made["source_start"] for made in document.replacements}:
        message = "That replacement is no longer in the document."
        raise ValidationError(message)
    apply_to_document(document, skip=frozenset(skip | {source_start}))
    document.save(update_fields=["text", "turns", "replacements", "num_words", "updated_at"])


@transaction.atomic
def redo_replacement(*, actor: User, document: Document, source_start: int) -> None:
    """Replace again a name whose replacement was undone. Leads only."""
    _unreviewed(actor, document)
    skip = {made["source_start"] for made in document.replacements if made["undone"]}
    apply_to_document(document, skip=frozenset(skip - {source_start}))
    document.save(update_fields=["text", "turns", "replacements", "num_words", "updated_at"])


@transaction.atomic
def add_name(*, actor: User, document: Document, kind: str, original: str) -> Pseudonym:
    """Add a name the import missed; it is replaced in this and every later document of
    the study, and in every document still awaiting review. Leads only."""
    _unreviewed(actor, document)
    study = document.study
    original = " ".join(original.split())
    if len(original) < 2:
        message = "Type the name to replace (at least two letters)."
        raise ValidationError(message)
    if kind not in Pseudonym.Kind.values:
        message = "Choose whether it is a person, an organisation or a place."
        raise ValidationError(message)
    existing = {normalise(p.original): p for p in Pseudonym.objects.filter(study=study)}
    pseudonym = existing.get(normalise(original))
    if pseudonym is None:
        taken = {p.replacement for p in existing.values()}
        taken |= set(Participant.objects.filter(study=study).values_list("pseudonym", flat=True))
        pseudonym = Pseudonym.objects.create(
            study=study,
            kind=kind,
            original=original,
            replacement=next_replacement(study, kind, taken),
        )
    for pending in Document.objects.filter(study=study, pseudonyms_reviewed_at__isnull=True):
        skip = frozenset(made["source_start"] for made in pending.replacements if made["undone"])
        apply_to_document(pending, skip=skip)
        pending.save(update_fields=["text", "turns", "replacements", "num_words", "updated_at"])
    return pseudonym


@transaction.atomic
def confirm_replacements(*, actor: User, document: Document) -> None:
    """The lead has checked the replacements: the document may now be coded, and its
    original text and the record of what was replaced are deleted. Leads only."""
    _unreviewed(actor, document)
    document.pseudonyms_reviewed_at = timezone.now()
    document.original_text = ""
    document.replacements = []
    document.turns = [{k: v for k, v in turn.items() if k != "source"} for turn in document.turns]
    document.save(
        update_fields=[
            "pseudonyms_reviewed_at",
            "original_text",
            "replacements",
            "turns",
            "updated_at",
        ]
    )


def ensure_participant_pseudonym(participant: Participant) -> None:
    """Keep the study's Pseudonym row for a participant's name in step with their pseudonym."""
    name = participant.user.full_name if participant.user else participant.name
    if not name.strip():
        return
    key = normalise(name)
    for row in Pseudonym.objects.filter(study=participant.study, kind=Pseudonym.Kind.PERSON):
        if normalise(row.original) == key:
            if row.replacement != participant.pseudonym:
                row.replacement = participant.pseudonym
                row.save(update_fields=["replacement", "updated_at"])
            return
    Pseudonym.objects.filter(study=participant.study, replacement=participant.pseudonym).delete()
    Pseudonym.objects.create(
        study=participant.study,
        kind=Pseudonym.Kind.PERSON,
        original=name,
        replacement=participant.pseudonym,
    )


def has_coding(document: Document) -> bool:
    return CodedSegment.objects.filter(document=document).exists()
