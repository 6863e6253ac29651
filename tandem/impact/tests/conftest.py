import pytest

from tandem.impact.tests.cast import build_impact_cast


@pytest.fixture
def cast(db):
    return build_impact_cast()
