"""What the team is told about a case before it is submitted: section lengths against
their limits, references and sources against their maximums, and the outputs and impact
events that fall outside the eligibility windows the team set.

Plain reads, shown on every page that saves (so the checks work without JavaScript; the
word counter in static/impact/word-count.js counts the same way while typing).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import formats

from tandem.impact.models import (
    CaseSection,
    CorroboratingSource,
    ImpactCaseStudy,
    ImpactEvent,
    ResearchOutput,
    SectionKind,
)

WORDS = re.compile(r"\S+")


def count_words(text: str) -> int:
    """Words as the counter in the browser counts them: runs of non-space characters."""
    return len(WORDS.findall(text))


def word_limit(case: ImpactCaseStudy, kind: str) -> int | None:
    return {
        SectionKind.SUMMARY: case.summary_word_limit,
        SectionKind.RESEARCH: case.research_word_limit,
        SectionKind.DETAILS: case.details_word_limit,
    }.get(SectionKind(kind))


@dataclass(frozen=True)
class SectionCount:
    section: CaseSection
    words: int
    limit: int | None  # words; None for the sections limited by their number of items
    items: int | None = None  # references or sources
    item_limit: int | None = None

    @property
    def is_over(self) -> bool:
        over_words = self.limit is not None and self.words > self.limit
        over_items = self.item_limit is not None and (self.items or 0) > self.item_limit
        return over_words or over_items

    @property
    def message(self) -> str:
        if self.limit is not None:
            if self.words > self.limit:
                return (
                    f"{self.words} words: {self.words - self.limit} over the limit of "
                    f"{self.limit}. Shorten it before you submit."
                )
            return f"{self.words} of {self.limit} words."
        noun = "references" if self.section.kind == SectionKind.REFERENCES else "sources"
        if self.is_over:
            return (
                f"{self.items} {noun}: the limit is {self.item_limit}. Choose the strongest "
                f"{self.item_limit}."
            )
        return f"{self.items} of up to {self.item_limit} {noun}."


def section_counts(
    case: ImpactCaseStudy,
    sections: list[CaseSection],
    num_outputs: int,
    num_sources: int,
) -> list[SectionCount]:
    counts = []
    for section in sections:
        words = count_words(section.text)
        if section.kind == SectionKind.REFERENCES:
            counts.append(SectionCount(section, words, None, num_outputs, case.max_references))
        elif section.kind == SectionKind.SOURCES:
            counts.append(SectionCount(section, words, None, num_sources, case.max_sources))
        else:
            counts.append(SectionCount(section, words, word_limit(case, section.kind)))
    return counts


def _day(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def window_problems(
    case: ImpactCaseStudy, outputs: list[ResearchOutput], events: list[ImpactEvent]
) -> list[str]:
    """Outputs outside the research period and impact events outside the impact period."""
    research = f"{_day(case.research_starts_on)} to {_day(case.research_ends_on)}"
    impact = f"{_day(case.impact_starts_on)} to {_day(case.impact_ends_on)}"
    problems = [
        f"The output \u201c{output.title}\u201d ({_day(output.published_on)}) is outside the "
        f"research period ({research})."
        for output in outputs
        if not case.research_starts_on <= output.published_on <= case.research_ends_on
    ]
    problems += [
        f"The impact event \u201c{event.description[:80]}\u201d ({_day(event.happened_on)}) is "
        f"outside the impact period ({impact})."
        for event in events
        if not case.impact_starts_on <= event.happened_on <= case.impact_ends_on
    ]
    first_output = min((output.published_on for output in outputs), default=None)
    problems += [
        f"The impact event \u201c{event.description[:80]}\u201d ({_day(event.happened_on)}) comes "
        f"before the first underpinning output ({_day(first_output)}): impact follows research."
        for event in events
        if first_output is not None and event.happened_on < first_output
    ]
    return problems


def verified_sources(sources: list[CorroboratingSource]) -> list[CorroboratingSource]:
    return [source for source in sources if source.status == CorroboratingSource.Status.VERIFIED]
