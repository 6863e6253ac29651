"""Sign-in limits count in a cache every worker shares: the database by default, Redis when
REDIS_URL is set. (The tests themselves use a per-process cache: settings_test.)"""

import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

import tandem.settings

SETTINGS_FILE = Path(tandem.settings.__file__)
PRODUCTION = {
    "TANDEM_DEBUG": "0",
    "TANDEM_SECRET_KEY": "settings-probe",
    "TANDEM_NOTE_KEYS": "dGFuZGVtLXRlc3RzLW9ubHktbm90LWEtcmVhbC1rZXk=",
}


def production_settings(monkeypatch, **environment):
    """The settings module as production builds it from these environment variables."""
    for name, value in {**PRODUCTION, **environment}.items():
        monkeypatch.setenv(name, value)
    if "REDIS_URL" not in environment:
        monkeypatch.delenv("REDIS_URL", raising=False)
    return runpy.run_path(str(SETTINGS_FILE), run_name="tandem_settings_probe")


def test_the_default_cache_is_the_database_every_worker_shares(monkeypatch):
    cache = production_settings(monkeypatch)["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    # Room for every counter of a busy site: Django's default culls past 300 entries.
    assert cache["OPTIONS"]["MAX_ENTRIES"] >= 100_000


def test_redis_url_builds_a_redis_cache_whose_client_is_installed(monkeypatch):
    cache = production_settings(monkeypatch, REDIS_URL="redis://cache.internal:6379/1")["CACHES"][
        "default"
    ]
    assert cache == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    backend = RedisCache(cache["LOCATION"], {})
    # Building the client imports the redis package: this is what crashed sign-in.
    assert isinstance(backend._cache, RedisCacheClient)
    assert backend._cache._pool_class.__module__.startswith("redis")


def test_two_processes_see_the_same_database_cache(tmp_path):
    """Two worker processes against one database: a count one makes, the other reads."""
    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    script = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE']='tandem.settings';"
        "django.setup();"
        "from django.core.cache import cache;"
        "from django.core.management import call_command;"
        "call_command('createcachetable', verbosity=0) if sys.argv[1]=='write' else None;"
        "cache.set('failures', 4) if sys.argv[1]=='write' else print(cache.get('failures'))"
    )
    environment = {**PRODUCTION, "DATABASE_URL": database, "PATH": "/usr/bin:/bin"}
    for step in ("write", "read"):
        result = subprocess.run(  # noqa: S603 - the test's own interpreter and script
            [sys.executable, "-c", script, step],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
    assert result.stdout.strip() == "4"


@pytest.mark.django_db
def test_migrate_creates_the_cache_table(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_c"}
    }
    # What `tandem migrate` sends when it finishes.
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "t_c" in connection.introspection.table_names()
    cache = DatabaseCache("t_c", {})
    cache.set("failures", 3)
    assert cache.get("failures") == 3
