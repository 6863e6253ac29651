"""A small group programme (work discussion groups) ready for a group run.

Two facilitators (Fay and Gus) may lead one group each, and seven learners make one group
of three and one of four. Gus line-manages Lee, so Lee is never in Gus's group;
Kim line-manages Jo, so Kim and Jo never share a group.
"""

import pytest

from tandem.framework import keys
from tandem.organisations.models import Membership
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import approve, make_programme, person

LEARNERS = ("Ivy", "Jo", "Kim", "Lee", "Max", "Ned", "Pat")


def build_group_cast() -> dict:
    northfield = OrganisationFactory(name="Northfield Council")
    elsewhere = OrganisationFactory(name="Faraway School")
    coordinator = person(northfield, "Alice Coordinator", Membership.Access.COORDINATOR)
    leader = person(northfield, "Helen Leader", Membership.Access.LEADER)
    outsider = person(elsewhere, "Charlie Outsider")
    programme = make_programme(
        coordinator,
        northfield,
        name="Work discussion groups 2026",
        approach=keys.Approach.GROUP_REFLECTIVE_SUPERVISION,
        group_format=keys.GroupFormat.GROUP,
        pairing=keys.Pairing.PEER,
        requires_mentor_training=False,
        min_mentor_years=0,
    )
    cast: dict = {
        "coordinator": coordinator,
        "leader": leader,
        "outsider": outsider,
        "programme": programme,
    }
    for name in ("Fay", "Gus"):
        user = person(northfield, f"{name} Facilitator", years_in_profession=15)
        approve(programme, user, "mentor")
        cast[name.lower()] = user
    for name in LEARNERS:
        user = person(northfield, f"{name} Learner", career_stage="early-career")
        approve(programme, user, "mentee")
        cast[name.lower()] = user
    Membership.objects.filter(user=cast["lee"]).update(line_manager=cast["gus"])
    Membership.objects.filter(user=cast["jo"]).update(line_manager=cast["kim"])
    return cast


@pytest.fixture
def group_cast(db: None) -> dict:
    return build_group_cast()
