"""A fast, engine-neutral bulk insert for synthetic data.

Django's bulk_create compiles SQL for every row, which dominates a 100,000-person seed.
This sends one portable parameterised INSERT through executemany, converting only the
columns whose database representation differs between SQLite and PostgreSQL (UUIDs,
dates, times, decimals) with the field's own get_db_prep_save.
"""

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.db import connection, models

from tandem.accounts.models import User

BATCH_SIZE = 5000
CONVERTED_TYPES = (models.UUIDField, models.DateTimeField, models.DateField, models.DecimalField)


def _converter(field: models.Field) -> Callable[[object], object] | None:
    if isinstance(field, CONVERTED_TYPES):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _concrete_field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        message = f"{model.__name__}.{name} is not a column"
        raise TypeError(message)
    return field


def bulk_insert(
    model: type[models.Model], field_names: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """Insert rows (values in field_names order) into model's table; returns the row count."""
    fields = [_concrete_field(model, name) for name in field_names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names come from model metadata
    converters = [
        (index, convert)
        for index, field in enumerate(fields)
        if (convert := _converter(field)) is not None
    ]
    total = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := [list(row) for row in islice(iterator, BATCH_SIZE)]:
            for values in batch:
                for index, convert in converters:
                    values[index] = convert(values[index])
            cursor.executemany(sql, batch)  # type: ignore[arg-type]
            total += len(batch)
    return total


def bulk_insert_users(people: Iterable[tuple[uuid.UUID, str, str]], *, now: dt.datetime) -> int:
    """Insert active accounts without staff rights from (uuid, email, full name) triples;
    returns the row count. Nobody signs in as a synthetic person, so all share one unusable
    password (hashing one each would dominate a large seed)."""
    password = make_password(None)
    return bulk_insert(
        User,
        [
            "uuid",
            "email",
            "full_name",
            "preferred_name",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "date_joined",
            "created_at",
            "updated_at",
        ],
        (
            (user_uuid, email, full_name, "", password, True, False, False, now, now, now)
            for user_uuid, email, full_name in people
        ),
    )
