"""The committed OpenAPI schema must match the code: CI fails when they drift.

Regenerate with `TANDEM_DEBUG=1 .venv/bin/tandem spectacular --file tandem/api/openapi.yaml`.
"""

from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parents[1] / "openapi.yaml"


def test_committed_schema_matches_the_generated_one(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == SCHEMA.read_text(), (
        "tandem/api/openapi.yaml is out of date: regenerate it (see this module's docstring)."
    )
