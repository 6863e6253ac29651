"""Reads for the public pages: one table (Publication), filtered by indexed columns."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from tandem.casestudies.models import Publication, PublicationTag

# What a list row shows: no long text is read for the list.
LIST_FIELDS = [
    "id",
    "uuid",
    "title",
    "summary",
    "organisation_name",
    "sector",
    "phase_name",
    "approach",
    "group_format",
    "pairing",
    "published_at",
]


def published(filters: dict[str, str]) -> "QuerySet[Publication]":
    """Published case studies, newest first, narrowed by the public list's filters."""
    rows = Publication.objects.all()
    for field in ("sector", "approach", "group_format", "pairing"):
        if field in filters:
            rows = rows.filter(**{field: filters[field]})
    if "phase" in filters:
        rows = rows.filter(phase_key=filters["phase"])
    if "item" in filters:
        tagged = PublicationTag.objects.filter(publication=OuterRef("pk"), key=filters["item"])
        rows = rows.filter(Exists(tagged))
    if "q" in filters:
        words = filters["q"].split()[:6]
        for word in words:
            rows = rows.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(organisation_name__icontains=word)
            )
    return rows.order_by("-published_at", "-id")


def list_rows(filters: dict[str, str]) -> "QuerySet[Publication]":
    return published(filters).only(*LIST_FIELDS)
