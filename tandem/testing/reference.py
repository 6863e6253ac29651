"""Reference data (phases, subjects, languages, framework items…) for tests.

Data migrations load it once per test database, but every transactional test (the
browser tests among them) ends by flushing every table, taking it with it. This puts it
back: the first time through the same `reference_data.load(apps)` functions the
migrations call, and from then on by inserting again the rows that load wrote, which is
several times quicker than running the loaders after every flushed test.
"""

import importlib
from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from tandem.organisations.models import Phase

# The rows the loaders wrote, model by model, once this process has run them.
_loaded_rows: list[tuple[type[models.Model], list[models.Model]]] = []


class _RecordingApps:
    """The app registry as the loaders see it, noting each model they ask for."""

    def __init__(self) -> None:
        self.models: list[type[models.Model]] = []

    def get_model(self, app_label: str, model_name: str | None = None) -> type[models.Model]:
        model = apps.get_model(app_label, model_name)
        if model not in self.models:
            self.models.append(model)
        return model


def _loaders() -> list[Callable]:
    found = []
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("tandem."):
            continue
        try:
            module = importlib.import_module(f"{app_config.name}.reference_data")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "load"):
            found.append(module.load)
    return found


def _with_their_links(touched: list[type[models.Model]]) -> list[type[models.Model]]:
    """The models the loaders wrote, and the tables behind their many-to-many fields."""
    tables = list(touched)
    for model in touched:
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is not None and through._meta.auto_created and through not in tables:
                tables.append(through)
    return tables


@transaction.atomic
def _insert_loaded_rows() -> None:
    for model, rows in _loaded_rows:
        model._base_manager.bulk_create(rows)
    # Rows went in with their own keys: move the sequences past them (PostgreSQL).
    statements = connection.ops.sequence_reset_sql(
        no_style(), [model for model, _rows in _loaded_rows]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ensure_reference_data() -> None:
    if Phase.objects.exists():
        return
    if _loaded_rows:
        _insert_loaded_rows()
        return
    recording = _RecordingApps()
    for load in _loaders():
        load(recording)
    _loaded_rows.extend(
        (model, list(model._base_manager.all())) for model in _with_their_links(recording.models)
    )
