"""Every migration is safe to apply while the previous release still serves requests.

During a rolling deploy old app servers keep inserting rows with the old models, which do
not know about a new column: a NOT NULL column therefore needs a default held by the
database (`db_default`), not only Django's `default`. Removing or renaming a column or
table breaks the old servers' queries outright. The migrations listed in ACCEPTED went out
before this check existed; each says why it stays.
"""

import pytest
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import (
    AddField,
    AlterField,
    CreateModel,
    DeleteModel,
    RemoveField,
    RenameField,
    RenameModel,
)
from django.db.models.fields import NOT_PROVIDED, Field

# (app, migration, model, field or "") → why the operation is accepted as it stands.
ACCEPTED = {
    **{
        ("matching", "0006_make_uuid_of_settings_proposals_preferences_unique", model, "uuid"): (
            "The uuid backfill: filled by 0005 in the same release; Django 5.2 has no "
            "portable database function to generate a UUID as a db_default."
        )
        for model in ("matchsettings", "matchproposal", "mentorpreference")
    },
}


def _needs_database_default(field: Field) -> bool:
    return not field.many_to_many and not field.null and field.db_default is NOT_PROVIDED


def unsafe_operations(loader: MigrationLoader) -> list[tuple[str, str, str, str, str]]:
    """(app, migration, model, field, problem) for each operation a running old release
    could not live with, whatever ACCEPTED says."""
    found = []
    final_state = loader.project_state()
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if not migration.__module__.startswith("tandem."):
            continue
        created = {op.name.lower() for op in migration.operations if isinstance(op, CreateModel)}
        before = loader.project_state((app, name), at_end=False)
        for operation in migration.operations:
            key = (app, name, getattr(operation, "model_name", ""), getattr(operation, "name", ""))
            if isinstance(operation, AddField) and operation.model_name not in created:
                if _needs_database_default(operation.field) and _still_without_default(
                    final_state, app, operation.model_name, operation.name
                ):
                    found.append((*key, "adds a NOT NULL column without db_default"))
            elif isinstance(operation, AlterField):
                old = before.models[app, operation.model_name].fields[operation.name]
                if old.null and _needs_database_default(operation.field):
                    found.append((*key, "makes a column NOT NULL without db_default"))
            elif isinstance(operation, RemoveField | RenameField):
                found.append((*key, "removes or renames a column old servers still read"))
            elif isinstance(operation, DeleteModel | RenameModel):
                found.append((app, name, operation.name.lower(), "", "drops or renames a table"))
    return found


def _still_without_default(state, app: str, model: str, field: str) -> bool:
    """A later migration that gave the column a db_default has made it safe since."""
    current = state.models.get((app, model))
    if current is None or field not in current.fields:
        return False
    return current.fields[field].db_default is NOT_PROVIDED


@pytest.fixture
def loader(settings):
    """The migration files on disk: the test databases are built without them, so undo the
    test run's setting that hides them."""
    settings.MIGRATION_MODULES = {}
    loaded = MigrationLoader(None, ignore_no_migrations=True)
    assert ("matching", "0001_initial") in loaded.disk_migrations
    return loaded


def test_no_migration_is_unsafe_for_a_rolling_deploy(loader):
    problems = [
        f"{app}.{name}: {model}.{field} {problem}"
        for app, name, model, field, problem in unsafe_operations(loader)
        if (app, name, model, field) not in ACCEPTED
    ]
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_column_made_required_without_a_database_default(loader):
    flagged = {(app, model, field) for app, _, model, field, _ in unsafe_operations(loader)}
    # The uuid backfill is flagged (and accepted), which shows the AlterField rule works.
    assert ("matching", "matchproposal", "uuid") in flagged


def test_every_accepted_operation_is_still_flagged(loader):
    """An entry that no longer matches anything would hide the next real problem."""
    flagged = {operation[:4] for operation in unsafe_operations(loader)}
    assert set(ACCEPTED) <= flagged
