"""The anonymisation check: names a reader could recognise, found in a case study's text.

Before a case study is submitted, its text is scanned for the full names of the
organisation's current members, of the people on its programmes, and of the people the
authors listed as identifiable. Each hit is listed in context. A hit is resolved when the
name is replaced in the text, or when the person is listed as identifiable and has given
consent (then the name may stay). Full names only: a first name alone matches too much
ordinary text to be useful, so authors are asked to check for those themselves.
"""

import re
from dataclasses import dataclass

from tandem.casestudies.models import CaseStudy, IdentifiablePerson
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment

# The fields read by the public (the title and summary included).
TEXT_FIELDS = [
    ("title", "Title"),
    ("summary", "Summary"),
    ("context", "Context"),
    ("what_they_did", "What we did"),
    ("challenges", "Challenges"),
    ("what_worked", "What worked"),
    ("evidence_of_impact", "Evidence of impact"),
]
CONTEXT_CHARS = 40
MIN_NAME_LENGTH = 4  # shorter "names" (initials, test accounts) match ordinary words


@dataclass(frozen=True)
class Hit:
    name: str
    field: str  # the field's label
    before: str
    match: str
    after: str
    user_id: int | None


def _known_names(case_study: CaseStudy) -> dict[str, int | None]:
    """Full name (lower case) → the Tandem user it belongs to, if any."""
    names: dict[str, int | None] = {}
    members = Membership.objects.current().filter(organisation=case_study.organisation_id)
    enrolled = Enrolment.objects.filter(programme__organisations=case_study.organisation_id)
    for queryset in (members, enrolled):
        for user_id, full_name in queryset.values_list("user_id", "user__full_name"):
            if len(full_name.strip()) >= MIN_NAME_LENGTH:
                names.setdefault(full_name.strip().lower(), user_id)
    for person in case_study.identifiable_people.all():
        if len(person.name.strip()) >= MIN_NAME_LENGTH:
            names.setdefault(person.name.strip().lower(), person.user_id)
    return names


def consented_names(case_study: CaseStudy) -> set[str]:
    return {
        name.strip().lower()
        for name in case_study.identifiable_people.filter(
            consent=IdentifiablePerson.Consent.GIVEN
        ).values_list("name", flat=True)
    }


def scan(case_study: CaseStudy) -> list[Hit]:
    """Every unresolved mention of a known name in the case study's text, in context."""
    names = _known_names(case_study)
    cleared = consented_names(case_study)
    pending = {name: user_id for name, user_id in names.items() if name not in cleared}
    if not pending:
        return []
    # Longest first, so "Ann Lee-Smith" is found whole rather than as "Ann Lee".
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(name) for name in sorted(pending, key=len, reverse=True))
        + r")\b",
        re.IGNORECASE,
    )
    hits = []
    for field, label in TEXT_FIELDS:
        text = getattr(case_study, field)
        for found in pattern.finditer(text):
            start, end = found.span()
            hits.append(
                Hit(
                    name=found.group(0),
                    field=label,
                    before=text[max(0, start - CONTEXT_CHARS) : start],
                    match=found.group(0),
                    after=text[end : end + CONTEXT_CHARS],
                    user_id=pending[found.group(0).lower()],
                )
            )
    return hits
