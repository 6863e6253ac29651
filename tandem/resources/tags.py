"""Which Framework items a resource may be tagged to, and their titles, in one place.

Tags store the stable keys of tandem/framework/keys.py with their kind; the review tool's
five outcomes are stored under the kind "review-outcome" so a resource can sit beside them.
"""

from tandem.framework import keys
from tandem.framework.choices import KIND_TITLES
from tandem.framework.content import TITLES

REVIEW_OUTCOME = "review-outcome"

TAG_KEYS: dict[str, frozenset[str]] = {
    keys.Kind.PRINCIPLE: keys.KEYS_OF_KIND[keys.Kind.PRINCIPLE],
    keys.Kind.CORE_CONCEPT: keys.KEYS_OF_KIND[keys.Kind.CORE_CONCEPT],
    keys.Kind.IMPACT: keys.KEYS_OF_KIND[keys.Kind.IMPACT],
    REVIEW_OUTCOME: frozenset(keys.ReviewOutcome),
    keys.Kind.EFFECTIVE_FEATURE: keys.KEYS_OF_KIND[keys.Kind.EFFECTIVE_FEATURE],
}
TAG_KIND_TITLES: dict[str, str] = {
    keys.Kind.PRINCIPLE: "Principles",
    keys.Kind.CORE_CONCEPT: "Core concepts",
    keys.Kind.IMPACT: KIND_TITLES[keys.Kind.IMPACT] + "s",
    REVIEW_OUTCOME: "Review outcomes",
    keys.Kind.EFFECTIVE_FEATURE: "Effective features",
}
# Principles are listed in the Framework's order; the other kinds likewise (enum order).
_ORDERED: dict[str, list[str]] = {
    keys.Kind.PRINCIPLE: list(keys.Principle),
    keys.Kind.CORE_CONCEPT: list(keys.CoreConcept),
    keys.Kind.IMPACT: list(keys.Impact),
    REVIEW_OUTCOME: list(keys.ReviewOutcome),
    keys.Kind.EFFECTIVE_FEATURE: list(keys.EffectiveFeature),
}


def is_valid_tag(kind: str, key: str) -> bool:
    return key in TAG_KEYS.get(kind, frozenset())


def tag_title(kind: str, key: str) -> str:
    return TITLES.get(key, key)


def tag_value(kind: str, key: str) -> str:
    """How a tag travels in a form or query string: "kind:key"."""
    return f"{kind}:{key}"


def parse_tag_value(value: str) -> tuple[str, str] | None:
    kind, _, key = value.partition(":")
    return (kind, key) if is_valid_tag(kind, key) else None


def tag_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select or checkboxes: (kind title, [(kind:key, title)])."""
    return [
        (
            TAG_KIND_TITLES[kind],
            [(tag_value(kind, str(key)), tag_title(kind, str(key))) for key in members],
        )
        for kind, members in _ORDERED.items()
    ]
