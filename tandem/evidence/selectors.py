"""Reads for dashboards, synthesis pages and exports."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from tandem.evidence.models import (
    APPENDIX_C_FIELDS,
    STRENGTH_MEANINGS,
    LiteratureBase,
    ReviewTag,
    Source,
    SourceReview,
    SourceStatus,
    Strength,
)
from tandem.evidence.references import FIELDS


def progress(base: LiteratureBase) -> list[tuple[str, str, int]]:
    """(status, label, number of sources) for every status, in order; one query."""
    counts = dict(
        Source.objects.filter(base=base)
        .values_list("status")
        .annotate(number=Count("pk"))
        .values_list("status", "number")
    )
    return [(value, label, counts.get(value, 0)) for value, label in SourceStatus.choices]


def agreed_reviews(bases: QuerySet[LiteratureBase]) -> QuerySet[SourceReview]:
    """The agreed, recorded reviews of the bases' sources, ready to list (3 queries)."""
    return (
        SourceReview.objects.filter(
            is_agreed=True, submitted_at__isnull=False, source__base__in=bases
        )
        .select_related("source", "source__base")
        .prefetch_related(Prefetch("tags", queryset=ReviewTag.objects.order_by("kind", "key")))
        .order_by("source__title_key", "source__year")
    )


def tagged_to(reviews: QuerySet[SourceReview], kind: str, key: str) -> QuerySet[SourceReview]:
    return reviews.filter(tags__kind=kind, tags__key=key).distinct()


def strength_counts(reviews: list[SourceReview]) -> list[tuple[str, str, int]]:
    """(label, meaning, number of distinct sources) per strength, strongest first. These
    count sources, not people, so nothing is suppressed."""
    sources: dict[str, set[int]] = {value: set() for value in Strength.values}
    for review in reviews:
        sources[review.strength].add(review.source_id)
    return [
        (label, STRENGTH_MEANINGS[Strength(value)], len(sources[value]))
        for value, label in Strength.choices
    ]


CSV_HEADER = [
    "Source",
    "Evidence base",
    "Year",
    "DOI",
    *[label for _name, label, _hint in APPENDIX_C_FIELDS],
    "Strength of evidence",
    "Framework items",
    "Moderation note",
    "Agreed on",
]


def csv_rows(reviews: QuerySet[SourceReview]) -> list[list[object]]:
    """One row per agreed review with every Appendix C field (text neutralised by the
    shared CSV writer)."""
    rows: list[list[object]] = [[*CSV_HEADER]]
    for review in reviews:
        rows.append(
            [
                str(review.source),
                review.source.base.title,
                review.source.year,
                review.source.doi,
                *[text for _name, _label, text in review.appendix_c()],
                review.get_strength_display(),
                "; ".join(f"{tag.kind}:{tag.key}" for tag in review.tags.all()),
                review.moderation_note,
                review.submitted_at.date() if review.submitted_at else None,
            ]
        )
    return rows


def reference_dicts(sources: QuerySet[Source]) -> list[dict[str, Any]]:
    """Each source's reference fields, with a citation key, for BibTeX and RIS export."""
    rows = []
    taken: set[str] = set()
    for source in sources:
        row: dict[str, Any] = {name: getattr(source, name) for name in FIELDS}
        surname = (source.author_list or ["source"])[0].split(",")[0].split()[-1]
        base_key = "".join(char for char in surname if char.isalnum()) + str(source.year or "")
        key, number = base_key or "source", 1
        while key in taken:
            number += 1
            key = f"{base_key}{chr(96 + number) if number <= 26 else number}"
        taken.add(key)
        row["key"] = key
        rows.append(row)
    return rows
