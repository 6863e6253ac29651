"""The fields every Tandem model carries, and the check behind every choices field."""

import operator
import uuid
from functools import reduce

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

    class Meta:
        abstract = True


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
