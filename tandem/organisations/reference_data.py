"""Education phases, loaded by a data migration so every installation shares the keys."""

from django.apps.registry import Apps

PHASES = [
    ("early-years", "Early years"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("post-16", "Post-16 and further education"),
    ("special", "Special and alternative provision"),
    ("all-through", "All-through"),
    ("higher-education", "Higher education"),
    ("not-phase-specific", "Not phase-specific"),
]


def load(apps: Apps) -> None:
    """Create or update the phases; `apps` is a migration's app registry or django.apps."""
    phase_model = apps.get_model("organisations", "Phase")
    for position, (key, name) in enumerate(PHASES):
        phase_model.objects.update_or_create(key=key, defaults={"name": name, "position": position})
