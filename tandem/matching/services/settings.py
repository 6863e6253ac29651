"""A programme's matching settings: template defaults, edits, and the engine's config."""

from dataclasses import replace
from types import MappingProxyType

from django.core.exceptions import ValidationError

from tandem.accounts.models import User
from tandem.matching.adapter import programme_config
from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import (
    CRITERION_LABELS,
    Criterion,
    MatchConfig,
    MentorRequirements,
    Policy,
    SameRule,
)
from tandem.matching.models import MatchSettings
from tandem.programmes.models import Programme
from tandem.programmes.policy import require_coordinator

MAX_WEIGHT = 10
# Which settings field makes which criterion a hard rule.
REQUIRED_FIELDS = {
    Criterion.PHASE: "require_phase",
    Criterion.SUBJECT: "require_subject",
    Criterion.LANGUAGE: "require_language",
    Criterion.GEOGRAPHY: "require_region",
}


def template_defaults(programme: Programme) -> dict[str, object]:
    """Field values for a programme's settings, from its template's engine defaults."""
    config = template_config(programme.template_key)
    return {
        "weights": {criterion.value: weight for criterion, weight in config.weights.items()},
        "sector_rule": config.sector_rule.value,
        "organisation_rule": config.organisation_rule.value,
        "policy": config.policy.value,
    }


def get_settings(programme: Programme) -> MatchSettings:
    match_settings, _created = MatchSettings.objects.get_or_create(
        programme=programme, defaults=template_defaults(programme)
    )
    return match_settings


def update_settings(
    *, actor: User, programme: Programme, fields: dict[str, object], weights: dict[str, float]
) -> MatchSettings:
    require_coordinator(actor, programme)
    unknown = set(weights) - set(Criterion)
    if unknown:
        message = f"Unknown criterion: {sorted(unknown)[0]}."
        raise ValidationError(message)
    if any(not 0 <= weight <= MAX_WEIGHT for weight in weights.values()):
        message = f"Each weight must be between 0 and {MAX_WEIGHT}."
        raise ValidationError(message)
    if not any(weights.values()):
        message = "Give at least one criterion a weight above 0, or every pair scores the same."
        raise ValidationError(message)
    match_settings = get_settings(programme)
    for name, value in fields.items():
        setattr(match_settings, name, value)
    match_settings.weights = {key: float(value) for key, value in weights.items() if value}
    match_settings.updated_by = actor
    match_settings.full_clean()
    match_settings.save()
    return match_settings


def engine_config(programme: Programme, snapshot: dict[str, object]) -> MatchConfig:
    """The engine's configuration from a run's settings snapshot plus the programme's rules."""
    base = template_config(programme.template_key)
    weights = snapshot["weights"]
    if not isinstance(weights, dict):
        message = "A run's settings must hold a weight per criterion."
        raise TypeError(message)
    config = replace(
        base,
        # The programme's own rules (training, years, stages, external) are authoritative and
        # laid over by the adapter; the template keeps only its experience-gap rule.
        requirements=MentorRequirements(min_years_ahead=base.requirements.min_years_ahead),
        weights=MappingProxyType({Criterion(key): float(value) for key, value in weights.items()}),
        sector_rule=SameRule(str(snapshot["sector_rule"])),
        organisation_rule=SameRule(str(snapshot["organisation_rule"])),
        policy=Policy(str(snapshot["policy"])),
        min_score=int(snapshot["min_score"]) / 100,  # type: ignore[call-overload]
        quality_penalty=int(snapshot["quality_penalty"]) / 100,  # type: ignore[call-overload]
        # Runs recorded before required rules existed have none.
        required=frozenset(Criterion(key) for key in snapshot.get("required", [])),  # type: ignore[attr-defined]
    )
    return programme_config(programme, config)


def settings_snapshot(match_settings: MatchSettings) -> dict[str, object]:
    return {
        "weights": dict(match_settings.weights),
        "sector_rule": match_settings.sector_rule,
        "organisation_rule": match_settings.organisation_rule,
        "policy": match_settings.policy,
        "quality_penalty": match_settings.quality_penalty,
        "min_score": match_settings.min_score,
        "required": [
            criterion.value
            for criterion, name in REQUIRED_FIELDS.items()
            if getattr(match_settings, name)
        ],
        "shortlist_size": match_settings.shortlist_size,
        "response_days": match_settings.response_days,
    }


def weight_rows(match_settings: MatchSettings) -> list[dict[str, object]]:
    """Criteria with their weight and share of the total, heaviest first, for the summary."""
    weights = {key: float(value) for key, value in match_settings.weights.items() if value}
    total = sum(weights.values()) or 1.0
    rows = [
        {
            "label": CRITERION_LABELS[Criterion(key)],
            "weight": value,
            "percent": round(100 * value / total),
        }
        for key, value in weights.items()
    ]
    return sorted(rows, key=lambda row: -float(row["weight"]))  # type: ignore[arg-type]
