"""A local authority's overview of its schools' programmes: names, dates and counts of
distinct people, health ratings only from five participants, never a record's content; and
the organisation hierarchy's own rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.organisations.models import Membership, Organisation
from tandem.testing.factories import OrganisationFactory
from tandem.testing.schemes import build_schemes_cast
from tandem.testing.workflow import approve, make_programme, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def la():
    return build_schemes_cast()


def overview(client, la):
    client.force_login(la["la_coordinator"])
    return client.get(reverse("evaluation:schools-overview", args=[la["authority"].uuid]))


def test_small_programme_shows_counts_but_no_ratings(la, client):
    text = overview(client, la).content.decode()
    assert "Early-career mentoring 2026" in text
    assert "Moorland Academy" in text
    # Bob mentors; Dana and Eve learn: three distinct people.
    assert "3 (2 learning, 1 mentoring or coaching)" in text
    assert "Health check: suppressed (fewer than 5 participants)" in text
    # Nothing of the relationship's record reaches the authority.
    assert "hinge" not in text.lower()
    assert "Dana" not in text


def test_ratings_show_from_five_participants(la, client):
    for number in range(2):
        approve(la["programme"], person(la["moorland"], f"Learner {number}"), "mentee")
    text = overview(client, la).content.decode()
    assert "5 (4 learning, 1 mentoring or coaching)" in text
    assert "Health check of Early-career mentoring 2026" in text
    assert "suppressed" not in text


def test_other_authorities_schools_are_not_listed(la, client):
    other = OrganisationFactory(type=Organisation.Type.LOCAL_AUTHORITY, name="Southshire")
    school = OrganisationFactory(name="Southshire Primary", parent=other)
    coordinator = person(school, "Sol Coordinator", Membership.Access.COORDINATOR)
    make_programme(coordinator, school, name="Southshire coaching")
    assert "Southshire coaching" not in overview(client, la).content.decode()


def test_queries_do_not_grow_with_people(la, client):
    overview(client, la)  # fills the health check's cache
    with CaptureQueriesContext(connection) as first:
        overview(client, la)
    for number in range(4):
        approve(la["programme"], person(la["moorland"], f"More {number}"), "mentee")
    overview(client, la)
    with CaptureQueriesContext(connection) as second:
        overview(client, la)
    # Session, user, the authority and access, programmes with counts, their schools and
    # the page's shared parts; the health check, shown now, comes from its cache.
    assert len(second) == len(first)


def test_only_a_local_authority_can_hold_schools(la):
    school = la["moorland"]
    school.parent = OrganisationFactory(name="Not an authority")
    with pytest.raises(ValidationError, match="not a local authority"):
        school.full_clean()
    authority = la["authority"]
    authority.parent = OrganisationFactory(type=Organisation.Type.LOCAL_AUTHORITY)
    with pytest.raises(ValidationError, match="does not belong to another"):
        authority.full_clean()
