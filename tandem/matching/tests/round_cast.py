"""People for the adapter's tests: one programme whose mentors and mentees each show a rule
the round must honour (training, line management, capacity)."""

from typing import Any

from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment
from tandem.relationships.services import lifecycle
from tandem.testing.factories import OrganisationFactory, TrainingRecordFactory
from tandem.testing.workflow import approve, make_programme, person


def enrol(programme, user, role, **fields) -> Enrolment:
    enrolment = approve(programme, user, role)
    if fields:
        Enrolment.objects.filter(pk=enrolment.pk).update(**fields)
    return enrolment


def trained(organisation, name, **profile):
    user = person(organisation, name, **profile)
    TrainingRecordFactory(profile=user.profile)
    return user


def end(coordinator, relationship, reason):
    lifecycle.change_relationship_status(
        actor=coordinator, relationship=relationship, transition="end", reason=reason
    )


def build_round_cast() -> dict[str, Any]:
    """Alice coordinates one programme at Moorland; its mentors and mentees show each rule."""
    moorland = OrganisationFactory(name="Moorland Academy")
    coordinator = person(moorland, "Alice Coordinator", Membership.Access.COORDINATOR)
    # The programme asks for trained mentors with at least 3 years (make_programme).
    programme = make_programme(coordinator, moorland)
    # Bob: a trained mentor who can take up to three mentees.
    bob = trained(moorland, "Bob Mentor", years_in_profession=12)
    # Lena: trained, and Dana's line manager, so never proposed for her.
    lena = trained(moorland, "Lena Manager", years_in_profession=15)
    # Uma: long experience but no recorded training.
    uma = person(moorland, "Uma Untrained", years_in_profession=20)
    dana = person(
        moorland, "Dana Mentee", career_stage="early-career", years_in_profession=1, years_in_role=1
    )
    Membership.objects.filter(user=dana).update(line_manager=lena)
    eve = person(
        moorland,
        "Eve Otherteacher",
        career_stage="early-career",
        years_in_profession=1,
        years_in_role=1,
    )
    enrol(programme, bob, "mentor", capacity=3)
    enrol(programme, lena, "mentor")
    enrol(programme, uma, "mentor")
    enrol(programme, dana, "mentee")
    enrol(programme, eve, "mentee")
    return {
        "moorland": moorland,
        "coordinator": coordinator,
        "programme": programme,
        "bob": bob,
        "lena": lena,
        "uma": uma,
        "dana": dana,
        "eve": eve,
    }
