"""Full-text search of resources: one interface, two engines.

PostgreSQL (production) keeps a stored `search_vector` (english configuration) filled by a
built-in trigger and indexed with GIN, and ranks with ts_rank. SQLite (local, trials)
keeps an FTS5 table filled by triggers and ranks with bm25. Both are made by the migration
and again after `migrate` (the test suite builds tables from the models), idempotently.
Whatever a person types, `search` never raises: it reads words only, never operators.
"""

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, QuerySet

FTS_TABLE = "resources_resource_fts"
WORDS = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12

# The table's name is written out in these statements (no string building): FTS_TABLE.
SQLITE_SCHEMA = [
    (
        "CREATE VIRTUAL TABLE IF NOT EXISTS resources_resource_fts USING fts5("
        "title, summary, source, tokenize = 'porter unicode61')"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS resources_fts_insert AFTER INSERT ON resources_resource "
        "BEGIN INSERT INTO resources_resource_fts(rowid, title, summary, source) "
        "VALUES (new.id, new.title, new.summary, new.source); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS resources_fts_update AFTER UPDATE ON resources_resource "
        "BEGIN DELETE FROM resources_resource_fts WHERE rowid = old.id; "
        "INSERT INTO resources_resource_fts(rowid, title, summary, source) "
        "VALUES (new.id, new.title, new.summary, new.source); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS resources_fts_delete AFTER DELETE ON resources_resource "
        "BEGIN DELETE FROM resources_resource_fts WHERE rowid = old.id; END"
    ),
    # Rows written before the table existed (a database restored from an older backup).
    (
        "INSERT INTO resources_resource_fts(rowid, title, summary, source) "
        "SELECT id, title, summary, source FROM resources_resource "
        "WHERE id NOT IN (SELECT rowid FROM resources_resource_fts)"
    ),
]
POSTGRESQL_SCHEMA = [
    # The built-in trigger function fills the vector on every insert and update, bulk
    # writes included; the GIN index serves the @@ match in `search`.
    (
        "CREATE OR REPLACE TRIGGER resources_resource_search_vector "
        "BEFORE INSERT OR UPDATE ON resources_resource FOR EACH ROW EXECUTE FUNCTION "
        "tsvector_update_trigger(search_vector, 'pg_catalog.english', title, summary, source)"
    ),
    (
        "CREATE INDEX IF NOT EXISTS resource_search_vector_idx "
        "ON resources_resource USING gin (search_vector)"
    ),
    "UPDATE resources_resource SET title = title WHERE search_vector IS NULL",
]
POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS resources_resource_search_vector ON resources_resource",
    "DROP INDEX IF EXISTS resource_search_vector_idx",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS resources_fts_insert",
    "DROP TRIGGER IF EXISTS resources_fts_update",
    "DROP TRIGGER IF EXISTS resources_fts_delete",
    "DROP TABLE IF EXISTS resources_resource_fts",
]


def _statements(database: BaseDatabaseWrapper, *, remove: bool = False) -> list[str]:
    if database.vendor == "postgresql":
        return POSTGRESQL_REMOVE if remove else POSTGRESQL_SCHEMA
    if database.vendor == "sqlite":
        return SQLITE_REMOVE if remove else SQLITE_SCHEMA
    return []


def install_search_schema(using: str = "default", **kwargs: Any) -> None:
    """Make the full-text index and its triggers if they are missing (post_migrate)."""
    from django.db import connections  # noqa: PLC0415 - post_migrate passes `using`

    database = connections[using]
    if "resources_resource" not in database.introspection.table_names():
        return
    statements = _statements(database)
    if database.vendor == "postgresql" and database.in_atomic_block:
        # Inside a transaction that has written rows (a rerun of `tandem demo` in one
        # transaction), PostgreSQL refuses to change the table while foreign-key checks
        # are still deferred: run those checks first, then defer them again.
        statements = ["SET CONSTRAINTS ALL IMMEDIATE", *statements, "SET CONSTRAINTS ALL DEFERRED"]
    with database.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove_search_schema(database: BaseDatabaseWrapper) -> None:
    with database.cursor() as cursor:
        for statement in _statements(database, remove=True):
            cursor.execute(statement)


def words_of(text: str) -> list[str]:
    """The words of what a person typed: quotes, operators and punctuation are dropped."""
    return WORDS.findall(text or "")[:MAX_WORDS]


def search(queryset: "QuerySet[Any]", text: str) -> "QuerySet[Any]":
    """`queryset` (of resources) narrowed to those matching every word of `text`, best
    first, with `search_rank` (higher is better); unchanged when `text` has no words."""
    words = words_of(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(" ".join(words), config="english", search_type="plain")
        return (
            queryset.filter(search_vector=query)
            .annotate(search_rank=SearchRank(F("search_vector"), query))
            .order_by("-search_rank", "title", "pk")
        )
    # FTS5: each word quoted (so no word is read as an operator) and prefix-matched.
    match = " ".join('"{}"*'.format(word.replace('"', "")) for word in words)
    # A join with the FTS5 table, so bm25 is worked out once per matching row (a correlated
    # subquery would run the match again for every row). Django has no expression for a
    # join with a table it does not model, hence extra(); the match text is a parameter.
    # "rowid + 0" stops SQLite probing the FTS table by rowid once per resource (its planner
    # otherwise walks the visibility index and re-runs the match for each row: 7 s for a
    # count at 10,000 resources); the match runs once and resources are found by key.
    return queryset.extra(
        select={"search_rank": "-bm25(resources_resource_fts)"},
        tables=["resources_resource_fts"],
        where=[
            "resources_resource_fts MATCH %s",
            "resources_resource.id = resources_resource_fts.rowid + 0",
        ],
        params=[match],
    ).order_by("-search_rank", "title", "pk")
