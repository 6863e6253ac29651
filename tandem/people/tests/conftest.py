"""The people whom the people pages' tests sign in as: each a profile with a name."""

import pytest

from tandem.testing.factories import ProfileFactory


@pytest.fixture
def dana(db):
    """Dana Hughes, editing her own profile."""
    return ProfileFactory(user__full_name="Dana Hughes").user


@pytest.fixture
def owen(db):
    """Owen Price, a trained mentor recording his courses."""
    return ProfileFactory(user__full_name="Owen Price").user


@pytest.fixture
def dana_signed_in(client, dana):
    """The test's client is signed in as Dana."""
    client.force_login(dana)


@pytest.fixture
def owen_signed_in(client, owen):
    """The test's client is signed in as Owen."""
    client.force_login(owen)
