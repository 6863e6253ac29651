"""System checks: every model of a Tandem app has a retention rule, and the periods parse.

`tandem check` (and so every `tandem migrate`, `runserver` and test run) fails when a new
model ships without a rule in `privacy.retention.RULES`.
"""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.checks import Error, register

from tandem.privacy import retention


def models_without_rules(rules: dict[str, retention.Rule]) -> list[str]:
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("tandem.") and model._meta.label not in rules
    )


@register()
def check_retention_rules(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[Error]:
    rules = retention.RULES
    errors = [
        Error(
            f"{label} has no retention rule.",
            hint="Add it to RULES in tandem/privacy/retention.py.",
            id="privacy.E001",
        )
        for label in models_without_rules(rules)
    ]
    errors += [
        Error(
            f"{label} is disposed of with {rule.parent}, which has no retention rule.",
            id="privacy.E002",
        )
        for label, rule in rules.items()
        if isinstance(rule, retention.WithParent) and rule.parent not in rules
    ]
    errors += [
        Error(f"{label} names the unknown period '{rule.period}'.", id="privacy.E003")
        for label, rule in rules.items()
        if isinstance(rule, retention.Period) and rule.period not in retention.PERIODS
    ]
    for name, text in getattr(settings, "TANDEM_RETENTION", {}).items():
        if name not in retention.PERIODS:
            known = ", ".join(retention.PERIODS)
            errors.append(
                Error(
                    f"TANDEM_RETENTION names no period '{name}' (known: {known}).",
                    id="privacy.E004",
                )
            )
            continue
        try:
            retention.parse_period(text)
        except ValueError as error:
            errors.append(Error(f"TANDEM_RETENTION {name}: {error}", id="privacy.E005"))
    return errors
