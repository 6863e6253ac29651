"""Writes that every app's services share: plain updates and version-checked edits."""

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.db.models import F, Field
from django.utils import timezone

from tandem.models import TandemModel

ModelT = TypeVar("ModelT", bound=TandemModel)


class EditConflictError(Exception):
    """Someone else saved the same agreement, goal or summary while this person was editing.

    `latest` (also the first argument) is the record as it now stands, for the page to show."""

    def __init__(self, latest: TandemModel | None) -> None:
        super().__init__(latest)
        self.latest = latest


def model_update(
    *,
    instance: ModelT,
    fields: Collection[str],
    data: Mapping[str, Any] | None = None,
    clean_exclude: Collection[str] = (),
) -> tuple[ModelT, bool]:
    """Set the `fields` that `data` carries, validate, and save the fields that changed.

    Of `fields`, those holding something other than what the database now holds count as
    changed (so an instance a ModelForm has already filled in needs no `data`); keys of
    `data` outside `fields` are ignored. Returns the instance and whether it was written."""
    data = data or {}
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean(exclude=list(clean_exclude) or None)
    stored = _stored_values(instance, fields)
    changed = [
        name
        for name in fields
        if name not in stored or stored[name] != getattr(instance, _attname(instance, name))
    ]
    if not changed:
        return instance, False
    instance.save(update_fields=[*changed, "updated_at"])
    return instance, True


def _attname(instance: TandemModel, name: str) -> str:
    field = instance._meta.get_field(name)
    if not isinstance(field, Field) or field.many_to_many:
        message = f"{name} is not a column of {type(instance).__name__}."
        raise TypeError(message)
    return field.attname


def _stored_values(instance: TandemModel, fields: Collection[str]) -> dict[str, Any]:
    """What the database holds for `fields`, by field name: one query, made only when a
    service writes, so that reading rows everywhere else carries no bookkeeping."""
    attnames = {name: _attname(instance, name) for name in fields}
    row = type(instance)._default_manager.filter(pk=instance.pk).values(*attnames.values()).first()
    if row is None:
        return {}
    return {name: row[attname] for name, attname in attnames.items()}


def versioned_update(
    *, instance: ModelT, version: int, fields: Collection[str], data: Mapping[str, Any]
) -> ModelT:
    """Save `fields` from `data` only if nobody has saved the row since `version` was read.

    Raises EditConflictError with the row as it now stands otherwise; a successful save
    moves the version on by one."""
    for name in fields:
        setattr(instance, name, data[name])
    instance.full_clean()
    model = type(instance)
    num_updated = model._default_manager.filter(pk=instance.pk, version=version).update(
        **{name: data[name] for name in fields},
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not num_updated:
        raise EditConflictError(model._default_manager.get(pk=instance.pk))
    instance.refresh_from_db()
    return instance
