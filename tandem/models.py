"""The fields every Tandem model carries, and the check behind every choices field."""

import copy
import operator
import uuid
from collections.abc import Collection, Iterable
from functools import reduce
from typing import Any, Self

from django.db import models


class TandemModel(models.Model):
    """Base of every concrete model: a public identifier and when the row was written.

    URLs and the API name a row by `uuid`, never by its integer key (STYLE.md). Django sets
    the timestamps on save() and bulk_create() whatever the caller passes; the demo stories
    that need an older row back-date it with QuerySet.update().
    """

    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The values as read from the database, by attribute name (see differs_from_stored).
    _stored_values: dict[str, Any]

    class Meta:
        abstract = True

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> Self:
        instance = super().from_db(db, field_names, values, **kwargs)
        # field_names are the attribute names of the loaded (not deferred) fields. JSON
        # values are copied so that changing one in place still counts as a change.
        instance._stored_values = {
            name: copy.deepcopy(value) if isinstance(value, dict | list) else value
            for name, value in zip(field_names, values, strict=True)
        }
        return instance

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        deferred = self.get_deferred_fields()
        self.note_stored(
            field.name for field in self._meta.concrete_fields if field.attname not in deferred
        )

    def differs_from_stored(self, name: str) -> bool:
        """Whether field `name` now holds something other than what was read from the
        database (True for a row not read from it, or a field not loaded)."""
        attname = self._attname(name)
        stored = getattr(self, "_stored_values", {})
        return attname not in stored or stored[attname] != getattr(self, attname)

    def note_stored(self, names: Iterable[str]) -> None:
        """Record that fields `names` now hold what the database holds (after a save)."""
        stored = self.__dict__.setdefault("_stored_values", {})
        for name in names:
            attname = self._attname(name)
            value = getattr(self, attname)
            stored[attname] = copy.deepcopy(value) if isinstance(value, dict | list) else value

    def _attname(self, name: str) -> str:
        field = self._meta.get_field(name)
        if not isinstance(field, models.Field) or field.many_to_many:
            message = f"{name} is not a column of {type(self).__name__}."
            raise TypeError(message)
        return field.attname


def choices_constraint(
    name: str, *, allow_blank: bool = False, **fields: type[models.Choices]
) -> models.CheckConstraint:
    """A check that each field holds a stored value of its choices (or, with allow_blank, is
    empty), so that a value written around the forms, by an import or the shell, still fails.

    `choices_constraint("programmes_enrolment_role_valid", role=EnrolmentRole)` stands for
    `CheckConstraint(condition=Q(role__in=EnrolmentRole.values), name=…)`; several fields are
    joined with AND in the order given, as the migrations record them.
    """
    conditions = []
    for field, choices in fields.items():
        condition = models.Q(**{f"{field}__in": choices.values})
        if allow_blank:
            condition = models.Q(**{field: ""}) | condition
        conditions.append(condition)
    return models.CheckConstraint(condition=reduce(operator.and_, conditions), name=name)
