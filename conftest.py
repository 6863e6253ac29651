import pytest

pytest_plugins = ["tandem.testing.browser", "tandem.testing.workflow"]


@pytest.fixture(autouse=True)
def _isolated_media(tmp_path, settings):
    """Uploaded files go to a per-test folder, so tests never see each other's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
