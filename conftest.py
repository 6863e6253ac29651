import pytest

pytest_plugins = ["tandem.testing.browser"]


@pytest.fixture(autouse=True)
def _isolated_media(tmp_path, settings):
    """Uploaded files go to a per-test folder, so tests never see each other's files."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_report_header(config):
    from django.conf import settings  # noqa: PLC0415 - Django is configured by now

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}"
