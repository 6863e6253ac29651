"""Loads the built-in vocabulary (`content`) into FrameworkItem rows, idempotently."""

from collections import defaultdict
from typing import TYPE_CHECKING

from tandem.framework.content import ALL_ITEMS, LINKS

if TYPE_CHECKING:
    from tandem.framework.models import FrameworkItem


def load_vocabulary(item_model: type["FrameworkItem"]) -> int:
    """Create or update every built-in item by kind + key; returns how many were loaded.

    Takes the model class so the data migration can pass its historical model.
    Deployment items (is_builtin=False) are never touched.
    """
    positions: dict[str, int] = defaultdict(int)
    items: dict[tuple[str, str], FrameworkItem] = {}
    for data in ALL_ITEMS:
        positions[data.kind] += 1
        item, _created = item_model.objects.update_or_create(
            kind=data.kind,
            key=data.key,
            defaults={
                "title": data.title,
                "summary": data.summary,
                "description": data.description,
                "audience": data.audience,
                "citation_source": data.source,
                "citation_section": data.section,
                "position": positions[data.kind],
                "is_builtin": True,
                "is_for_leaders": "l" in data.views,
                "is_for_mentors": "m" in data.views,
                "is_for_mentees": "c" in data.views,
                "facets": data.facets,
            },
        )
        items[(data.kind, data.key)] = item
    for first, second in LINKS:
        # Both directions explicitly: historical models in migrations lose `symmetrical`.
        items[first].related.add(items[second])
        items[second].related.add(items[first])
    return len(items)
