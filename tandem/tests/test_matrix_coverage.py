"""Every Tandem URL must have at least one row in some app's permission matrix."""

import importlib
import pkgutil
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

import tandem

# Third-party URL sets with their own tests and permission rules.
EXTERNAL_NAMESPACES = {"admin"}
EXTERNAL_PREFIXES = ("account_", "mfa_", "socialaccount_", "openid_", "google_", "microsoft_")


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in EXTERNAL_NAMESPACES:
                continue
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if not namespace and pattern.name.startswith(EXTERNAL_PREFIXES):
                continue
            yield f"{namespace}{pattern.name}"


def _matrix_cases():
    for module in pkgutil.iter_modules(tandem.__path__):
        name = f"tandem.{module.name}.tests.test_permission_matrix"
        try:
            matrix = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name and name.startswith(error.name):
                continue
            raise
        yield from matrix.CASES
        yield from _topic_cases(module.name)


def _topic_cases(app: str):
    """Rows of a topic matrix with its own cast (`test_permission_matrix_<topic>.py`, whose
    cases are `<TOPIC>_CASES`) that the app's main matrix does not gather itself."""
    tests = Path(tandem.__path__[0]) / app / "tests"
    for path in sorted(tests.glob("test_permission_matrix_*.py")):
        topic = importlib.import_module(f"tandem.{app}.tests.{path.stem}")
        if hasattr(topic, "cast_for_module") and not hasattr(topic, "CASES"):
            for name, value in vars(topic).items():
                if name.endswith("_CASES"):
                    yield from value


def test_every_view_has_a_row_in_a_permission_matrix():
    covered = {case.url_name for case in _matrix_cases()}
    missing = sorted(set(_url_names(get_resolver().url_patterns)) - covered)
    assert not missing, f"Views with no permission-matrix row: {', '.join(missing)}"


def test_the_coverage_check_sees_the_known_views():
    names = set(_url_names(get_resolver().url_patterns))
    assert {"home", "people:profile-detail", "organisations:organisation-edit"} <= names
