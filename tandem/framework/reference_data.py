"""The Framework vocabulary as reference data (see tandem.testing.reference)."""

from django.apps.registry import Apps

from tandem.framework.loading import load_vocabulary


def load(apps: Apps) -> None:
    """Create or update the built-in vocabulary; `apps` is a migration's registry or django.apps."""
    load_vocabulary(apps.get_model("framework", "FrameworkItem"))
