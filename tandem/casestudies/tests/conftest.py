import pytest

from tandem.casestudies.tests.cast import build_case_study_cast


@pytest.fixture
def cast(db):
    return build_case_study_cast()
