"""The engine's configuration for a programme template, from the catalogue's defaults.

One catalogue (tandem.programmes.templates_catalogue) names the templates and carries their
matching weights and rules; this module reads no database, so the benchmark and the
engine's tests name their configurations by the same template keys.
"""

from types import MappingProxyType

from tandem.matching.engine.criteria import (
    Criterion,
    MatchConfig,
    MentorRequirements,
    SameRule,
)
from tandem.programmes.templates_catalogue import matching_defaults


def template_config(template_key: str) -> MatchConfig:
    """The engine's starting configuration for programmes made from a template."""
    defaults = matching_defaults(template_key)
    return MatchConfig(
        weights=MappingProxyType(
            {Criterion(key): weight for key, weight in defaults.weights.items()}
        ),
        sector_rule=SameRule(defaults.sector_rule),
        organisation_rule=SameRule(defaults.organisation_rule),
        is_peer=defaults.is_peer,
        ideal_gap=defaults.ideal_gap,
        requirements=MentorRequirements(min_years_ahead=defaults.min_years_ahead),
    )


# Where a group run's choices start, per programme template (the coordinator can change
# them for each run). Work discussion groups mix less and more experienced staff (seed 002,
# the work discussion groups of its review); groups of supervision keep phases together.
GROUP_DEFAULTS: dict[str, dict[str, object]] = {
    "work-discussion-groups": {
        "min_size": 5,
        "max_size": 8,
        "phase_mix": "any",
        "subject_mix": "any",
        "experience_mix": "diverse",
    },
    "group-supervision": {
        "min_size": 4,
        "max_size": 6,
        "phase_mix": "similar",
        "subject_mix": "any",
        "experience_mix": "any",
    },
}
GROUP_FALLBACK = GROUP_DEFAULTS["group-supervision"]


def group_defaults(template_key: str) -> dict[str, object]:
    """A group run's starting choices for programmes made from a template."""
    return dict(GROUP_DEFAULTS.get(template_key, GROUP_FALLBACK))
