import pytest

from tandem.evidence.tests.cast import build_evidence_cast


@pytest.fixture
def cast(db):
    return build_evidence_cast()
