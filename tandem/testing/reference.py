"""Reference data (phases, subjects, languages, framework items…) for tests.

Data migrations load it once per test database, but every transactional test (the
browser tests among them) ends by flushing every table, taking it with it. This puts it
back, through the same `reference_data.load(apps)` functions the migrations call.
"""

import importlib

from django.apps import apps

from tandem.organisations.models import Phase


def ensure_reference_data() -> None:
    if Phase.objects.exists():
        return
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("tandem."):
            continue
        try:
            module = importlib.import_module(f"{app_config.name}.reference_data")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "load"):
            module.load(apps)
