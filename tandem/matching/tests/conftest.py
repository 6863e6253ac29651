import pytest

from tandem.matching.tests.round_cast import build_round_cast


@pytest.fixture
def cast():
    return build_round_cast()
