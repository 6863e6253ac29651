"""`{% load resources %}`: "Resources that may help", offered beside Framework items on
other apps' pages (a goal's principle, conversation prompts, the review tool's outcomes,
the health check's weak features).

    {% resources_beside "principle" goal.framework_keys "mentees" %}
    {% resources_beside "effective-feature" weak_feature_keys %}   {# a list: one aside #}
    {% resources_prefetch "review-outcome" %}      {# every outcome, once, before a loop #}

The resources found are kept for the rest of the request, so a list page that shows the
aside for every row runs one query per distinct item at most, and one in all when it
calls `resources_prefetch` first. Nothing is rendered when there is nothing to offer.
"""

from collections.abc import Iterable
from typing import Any

from django import template
from django.http import HttpRequest

from tandem.resources.models import Resource
from tandem.resources.selectors import resources_for_items
from tandem.resources.tags import TAG_KEYS

register = template.Library()

CACHE_ATTRIBUTE = "_tandem_resources_beside"
LIMIT = 3


def _keys(keys: Any) -> list[str]:
    """A key, a list of keys, or a list of (key, text) pairs (the conversation prompts)."""
    if not keys:
        return []
    if isinstance(keys, str):
        return [keys]
    if isinstance(keys, Iterable):
        return [
            str(key[0] if isinstance(key, (tuple, list)) else key)
            for key in keys
            if key and (not isinstance(key, (tuple, list)) or key[0])
        ]
    return [str(keys)]


def _lookup(
    request: HttpRequest | None, kind: str, keys: list[str], audience: str
) -> dict[str, list[Resource]]:
    """The resources for each key, from the request's cache or one query for the rest."""
    if request is None:
        return {}
    cache: dict[tuple[str, str, str], list[Resource]] = getattr(request, CACHE_ATTRIBUTE, {})
    setattr(request, CACHE_ATTRIBUTE, cache)
    missing = [key for key in keys if (kind, key, audience) not in cache]
    if missing:
        found = resources_for_items(
            request.user, [(kind, key) for key in missing], audience=audience or None, limit=LIMIT
        )
        for key in missing:
            cache[(kind, key, audience)] = found.get((kind, key), [])
    return {key: cache[(kind, key, audience)] for key in keys}


@register.simple_tag(takes_context=True)
def resources_prefetch(
    context: template.Context, kind: str, keys: Any = None, audience: str = ""
) -> str:
    """Load the resources for many items in one query before a loop shows them one by one;
    without keys, for every item of the kind (ten principles, five outcomes…)."""
    wanted = _keys(keys) if keys else sorted(TAG_KEYS.get(kind, ()))
    _lookup(context.get("request"), kind, wanted, audience)
    return ""


@register.inclusion_tag("resources/_beside.html", takes_context=True)
def resources_beside(
    context: template.Context,
    kind: str,
    keys: Any,
    audience: str = "",
    *,
    heading_level: int = 2,
    label: str = "Resources that may help",
    about: str = "",
) -> dict[str, Any]:
    """The aside, or nothing. `heading_level` 0 gives a bold line instead of a heading
    (inside a table cell); `about` names the item, so that several asides on one page
    have different names for screen readers ("Resources that may help with …")."""
    by_key = _lookup(context.get("request"), kind, _keys(keys), audience)
    seen: set[int] = set()
    resources: list[Resource] = []
    for found in by_key.values():
        for resource in found:
            if resource.pk not in seen and len(resources) < LIMIT:
                seen.add(resource.pk)
                resources.append(resource)
    return {
        "resources": resources,
        "heading_level": heading_level,
        "label": label,
        "name": f"{label} with {about}" if about else label,
    }
