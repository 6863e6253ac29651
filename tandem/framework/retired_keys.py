"""Keys Tandem once stored that name nothing in the Framework, and the keys they meant.

Before the vocabulary was encoded once (`keys.py`), the programmes app kept its own copy of
the principle, feature and approach keys, and seven of them differed from the Framework's.
Data migrations rewrite stored values with `current_key` and `current_keys`; plain Python,
so a migration can import it without loading models.
"""

from tandem.framework.keys import Approach, EffectiveFeature, Principle

RETIRED_KEYS: dict[str, str] = {
    "using-resources": Principle.USING_RESOURCES_EFFECTIVELY.value,
    "monitoring-quality-assurance": EffectiveFeature.MONITORING_AND_QUALITY_ASSURANCE.value,
    "recruitment-allocation": EffectiveFeature.RECRUITMENT_AND_ALLOCATION.value,
    "clear-focus-learning-contract": EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT.value,
    "organisational-culture": EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING.value,
    "mentor-qualities-skills": EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS.value,
    "group-supervision": Approach.GROUP_REFLECTIVE_SUPERVISION.value,
}


def current_key(key: str) -> str:
    """The Framework key a stored key stands for: itself unless it is a retired one."""
    return RETIRED_KEYS.get(key, key)


def current_keys(stored: list[str]) -> list[str]:
    """A stored list of keys with retired ones replaced, in order, without duplicates."""
    return list(dict.fromkeys(current_key(key) for key in stored))
