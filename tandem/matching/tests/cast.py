"""A small programme ready for matching, shared by the matching page and service tests.

Three trained mentors meet the programme's rules (Bob takes one mentee, Mia two); Nat has
no recorded training, so the programme's requirements rule him out. Mia line-manages Finn,
so Finn is never proposed to her.
"""

import pytest

from tandem.organisations.models import Membership
from tandem.testing.factories import OrganisationFactory, TrainingRecordFactory
from tandem.testing.workflow import approve, make_programme, person


def build_matching_cast() -> dict:
    moorland = OrganisationFactory(name="Moorland Academy")
    elsewhere = OrganisationFactory(name="Faraway School")
    coordinator = person(moorland, "Alice Coordinator", Membership.Access.COORDINATOR)
    leader = person(moorland, "Helen Leader", Membership.Access.LEADER)
    outsider = person(elsewhere, "Charlie Outsider")
    mentors = {}
    for name, years, trained in (
        ("Bob Mentor", 12, True),
        ("Mia Mentor", 10, True),
        ("Nat Mentor", 9, False),
    ):
        user = person(moorland, name, years_in_profession=years)
        if trained:
            TrainingRecordFactory(profile=user.profile)
        mentors[name.split()[0].lower()] = user
    mentees = {
        name.split()[0].lower(): person(
            moorland, name, career_stage="early-career", years_in_profession=1, years_in_role=1
        )
        for name in ("Dana Mentee", "Eve Mentee", "Finn Mentee")
    }
    Membership.objects.filter(user=mentees["finn"]).update(line_manager=mentors["mia"])
    programme = make_programme(coordinator, moorland)
    enrolments = {}
    for key, user in mentors.items():
        enrolments[key] = approve(programme, user, "mentor")
    enrolments["mia"].capacity = 2
    enrolments["mia"].save(update_fields=["capacity"])
    for key, user in mentees.items():
        enrolments[key] = approve(programme, user, "mentee")
    return {
        "coordinator": coordinator,
        "leader": leader,
        "outsider": outsider,
        "programme": programme,
        "enrolments": enrolments,
        **mentors,
        **mentees,
    }


@pytest.fixture
def matching_cast(db: None) -> dict:
    return build_matching_cast()
