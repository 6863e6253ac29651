"""The built-in Framework vocabulary: every item in Tandem's own words, with its source.

Loaded by migration 0002 (and re-loadable with `load_vocabulary`) by kind + key; the keys
themselves are defined once in `tandem.framework.keys`. `views` says whose "at a glance"
page shows the item: l = leaders, m = mentors and coaches, c = mentees and coachees.
One module per topic; this package gathers them.
"""

from tandem.framework.content.base import ItemData
from tandem.framework.content.concepts import (
    APPROACHES,
    COMPARISON_FACETS,
    CORE_CONCEPTS,
    MODEL_DIMENSIONS,
    MODEL_OPTION_TITLES,
)
from tandem.framework.content.features import CHALLENGES, EFFECTIVE_FEATURES
from tandem.framework.content.impacts import IMPACTS
from tandem.framework.content.links import LINKS
from tandem.framework.content.principles import PRINCIPLES
from tandem.framework.content.qualities import MENTOR_QUALITIES
from tandem.framework.content.review import (
    KEY_QUESTION_PROMPTS,
    REVIEW_OUTCOME_GUIDANCE,
    REVIEW_OUTCOME_TITLES,
    key_question_prompts,
    outcome_guidance,
    reviewer_examples,
)
from tandem.framework.content.styles import MENTOR_STYLES

ALL_ITEMS: list[ItemData] = [
    *PRINCIPLES,
    *CORE_CONCEPTS,
    *APPROACHES,
    *MODEL_DIMENSIONS,
    *MENTOR_STYLES,
    *EFFECTIVE_FEATURES,
    *CHALLENGES,
    *IMPACTS,
    *MENTOR_QUALITIES,
]

# The title of every key, for building choices: item titles, then the options of the model
# dimensions and the review outcomes (which are not items of their own). Keys are unique
# across kinds, which tests check.
TITLES: dict[str, str] = {
    **{item.key: item.title for item in ALL_ITEMS},
    **MODEL_OPTION_TITLES,
    **REVIEW_OUTCOME_TITLES,
}

__all__ = [
    "ALL_ITEMS",
    "APPROACHES",
    "CHALLENGES",
    "COMPARISON_FACETS",
    "CORE_CONCEPTS",
    "EFFECTIVE_FEATURES",
    "IMPACTS",
    "KEY_QUESTION_PROMPTS",
    "LINKS",
    "MENTOR_QUALITIES",
    "MENTOR_STYLES",
    "MODEL_DIMENSIONS",
    "PRINCIPLES",
    "REVIEW_OUTCOME_GUIDANCE",
    "TITLES",
    "ItemData",
    "key_question_prompts",
    "outcome_guidance",
    "reviewer_examples",
]
