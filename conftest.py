import itertools
import os

import pytest

pytest_plugins = [
    "tandem.testing.twofactor",
    "tandem.testing.browser",
    "tandem.testing.matrix",
    "tandem.testing.workflow",
    "tandem.matching.tests.cast",
]


_media_folders = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_media(tmp_path_factory, settings):
    """Uploaded files go to a per-test folder, so tests never see each other's files.

    The folder is made only when a test saves a file: most never do, and making and later
    deleting a folder for each of the suite's tests costs more than many of the tests.
    """
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media" / str(next(_media_folders))


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Restore reference data that an earlier transactional test flushed away."""
    if request.node.get_closest_marker("django_db") is None and not {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames):
        return
    request.getfixturevalue("_django_db_helper")
    from tandem.testing.reference import ensure_reference_data  # noqa: PLC0415 - needs Django

    ensure_reference_data()


def pytest_report_header(config):
    from django.conf import settings  # noqa: PLC0415 - Django is configured by now

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}"


_DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


def _uses_database(item: pytest.Item) -> bool:
    from django.test import TransactionTestCase  # noqa: PLC0415 - Django is configured by now

    if item.get_closest_marker("django_db") is not None:
        return True
    if _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def pytest_collection_modifyitems(config, items):
    """With TANDEM_DATABASE_TESTS_ONLY=1, run only the tests that touch the database.

    CI runs the whole suite on SQLite, then again on PostgreSQL; the second pass is there to
    catch what differs between the databases, and tests that never open a connection (the
    matching engine's and the statistics' property tests) would only repeat themselves.
    """
    if os.environ.get("TANDEM_DATABASE_TESTS_ONLY") != "1":
        return
    keep = [item for item in items if _uses_database(item)]
    dropped = [item for item in items if not _uses_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
