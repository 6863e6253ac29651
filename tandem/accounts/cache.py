"""The database cache's table, made by `tandem migrate` so a fresh install needs no extra
step: sign-in limits count there unless REDIS_URL names a shared Redis."""

from typing import Any

from django.core.management import call_command


def create_cache_table(sender: object, *, using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver: `createcachetable` makes only tables that are missing."""
    call_command("createcachetable", database=using, verbosity=0)
