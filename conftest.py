import itertools

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
