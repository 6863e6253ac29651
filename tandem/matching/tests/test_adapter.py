"""Building a programme's matching round from the database (tandem.matching.adapter)."""

import numpy as np
import pytest

from tandem.matching.adapter import SELF_PAIR, build_round
from tandem.matching.defaults import template_config
from tandem.matching.engine.features import (
    UNKNOWN,
    ForbiddenReason,
)
from tandem.matching.engine.rematch import rematch
from tandem.matching.engine.solver import allocate
from tandem.matching.tests.round_cast import end, enrol, trained
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.services import lifecycle
from tandem.testing.factories import (
    OrganisationFactory,
    UserFactory,
)
from tandem.testing.workflow import make_programme, pair, person

CONFIG = template_config("ect-mentoring")
pytestmark = pytest.mark.django_db


def test_rows_are_approved_mentees_and_mentors_in_user_id_order(cast):
    moorland, programme = cast["moorland"], cast["programme"]
    # Not matched automatically: a peer, an applicant, a withdrawn mentee, and a mentee of
    # another programme.
    enrol(programme, person(moorland, "Pat Peer"), "peer")
    applicant = person(moorland, "Frank Applicant")
    Enrolment.objects.create(programme=programme, user=applicant, role="mentor", status="applied")
    withdrawn = person(moorland, "Wes Withdrawn")
    Enrolment.objects.create(programme=programme, user=withdrawn, role="mentee", status="withdrawn")
    other = make_programme(cast["coordinator"], moorland, name="Another programme")
    enrol(other, person(moorland, "Olga Elsewhere"), "mentee")

    built = build_round(programme, CONFIG)

    mentees = sorted([cast["dana"].pk, cast["eve"].pk])
    mentors = sorted([cast["bob"].pk, cast["lena"].pk, cast["uma"].pk])
    assert built.mentees.tolist() == mentees
    assert built.mentors.tolist() == mentors
    assert built.data.mentees.ids.tolist() == mentees
    assert built.data.mentors.ids.tolist() == mentors
    assert built.data.shape == (2, 3)
    assert built.mentee_row(cast["eve"].pk) == mentees.index(cast["eve"].pk)
    assert built.mentor_row(cast["uma"].pk) == mentors.index(cast["uma"].pk)
    with pytest.raises(KeyError):
        built.mentor_row(applicant.pk)
    with pytest.raises(KeyError):
        built.mentee_row(cast["bob"].pk)


def test_mentee_ids_keep_only_those_approved_mentees(cast):
    built = build_round(
        cast["programme"], CONFIG, mentee_ids=[cast["eve"].pk, cast["bob"].pk, 999_999]
    )
    assert built.mentees.tolist() == [cast["eve"].pk]
    assert built.data.shape == (1, 3)


def test_capacity_subtracts_current_relationships_and_reserved_places(cast):
    coordinator, programme, bob = cast["coordinator"], cast["programme"], cast["bob"]
    pair(coordinator, programme, bob, cast["eve"])
    finn = person(cast["moorland"], "Finn Finished", career_stage="early-career")
    enrol(programme, finn, "mentee")
    end(coordinator, pair(coordinator, programme, bob, finn), "completed")

    built = build_round(programme, CONFIG, reserved={bob.pk: 1, cast["lena"].pk: 5, 999_999: 1})

    capacity = dict(zip(built.mentors.tolist(), built.data.capacity.tolist(), strict=True))
    # Bob: 3 places − Eve (current) − 1 reserved; Finn's ended relationship frees his place.
    # Lena: 1 − 5 reserved, clipped at 0. Uma: untouched.
    assert capacity == {bob.pk: 1, cast["lena"].pk: 0, cast["uma"].pk: 1}


def test_placed_mentees_are_left_out_unless_rematching(cast):
    coordinator, programme, bob, eve = (
        cast["coordinator"],
        cast["programme"],
        cast["bob"],
        cast["eve"],
    )
    relationship = pair(coordinator, programme, bob, eve)

    first = build_round(programme, CONFIG)
    assert first.mentees.tolist() == [cast["dana"].pk]
    assert first.current.tolist() == [-1]
    assert first.relationships.tolist() == [-1]

    again = build_round(programme, CONFIG, include_placed=True)
    eve_row, dana_row, bob_row = (
        again.mentee_row(eve.pk),
        again.mentee_row(cast["dana"].pk),
        again.mentor_row(bob.pk),
    )
    assert again.current[eve_row] == bob_row
    assert again.relationships[eve_row] == relationship.pk
    assert again.current[dana_row] == -1
    assert again.relationships[dana_row] == -1
    # Eve's place stays in Bob's capacity (the engine locks it) and her pair is not barred.
    assert again.data.capacity[bob_row] == 3
    assert again.data.forbidden[eve_row, bob_row] == 0
    # Only mentees outside the round use up places.
    only_dana = build_round(programme, CONFIG, include_placed=True, mentee_ids=[cast["dana"].pk])
    assert only_dana.data.capacity[only_dana.mentor_row(bob.pk)] == 2

    moved = rematch(again.data, again.config, current=again.current, mentees=[dana_row])
    assert moved.mentor[eve_row] == bob_row
    assert moved.locked[eve_row]
    assert not [problem for problem in moved.problems if problem.startswith("Kept pair")]


def test_each_forbidden_reason_marks_its_pairs_and_no_others(cast):
    moorland, coordinator, programme = cast["moorland"], cast["coordinator"], cast["programme"]
    bob, lena, uma, dana, eve = (cast[name] for name in ("bob", "lena", "uma", "dana", "eve"))
    ivy = trained(moorland, "Ivy Mentor")
    gus = person(moorland, "Gus Mentee", career_stage="early-career")
    hana = person(moorland, "Hana Mentee", career_stage="early-career")
    # Sam enrolled on both sides.
    sam = trained(moorland, "Sam Both")
    enrol(programme, ivy, "mentor")
    for user in (gus, hana, sam):
        enrol(programme, user, "mentee")
    enrol(programme, sam, "mentor")
    # Past and present pairs in another programme.
    other = make_programme(coordinator, moorland, name="Coaching for new leaders")
    for user in (bob, uma, ivy):
        enrol(other, user, "mentor")
    for user in (gus, hana, eve):
        enrol(other, user, "mentee")
    end(coordinator, pair(coordinator, other, bob, gus), "not-working")
    end(coordinator, pair(coordinator, other, ivy, gus), "completed")
    end(coordinator, pair(coordinator, other, bob, hana), "change-of-mentor")
    pair(coordinator, other, uma, hana)
    asked = pair(coordinator, other, ivy, eve)
    lifecycle.request_change_of_mentor(actor=eve, relationship=asked, reason="Timings clash.")
    outsider = person(OrganisationFactory(), "Charlie Outsider")

    built = build_round(
        programme,
        CONFIG,
        declined=[(dana.pk, bob.pk), (outsider.pk, bob.pk)],
        excluded=[(gus.pk, lena.pk)],
    )

    expected = np.zeros(built.data.shape, dtype=np.int32)
    reasons = ForbiddenReason
    for mentee, mentor, flag in [
        (dana, lena, reasons.LINE_MANAGER),
        (gus, bob, reasons.ASKED_NOT_AGAIN),
        (hana, bob, reasons.ASKED_NOT_AGAIN),
        (hana, uma, reasons.EXISTING_RELATIONSHIP),
        (eve, ivy, reasons.EXISTING_RELATIONSHIP | reasons.ASKED_NOT_AGAIN),
        (dana, bob, reasons.DECLINED),
        (gus, lena, reasons.EXCLUDED_BY_COORDINATOR),
        (sam, sam, SELF_PAIR),
    ]:
        expected[built.mentee_row(mentee.pk), built.mentor_row(mentor.pk)] |= flag
    assert np.array_equal(built.data.forbidden.toarray(), expected)


def test_a_line_manager_is_barred_even_when_the_programme_allows_them(cast):
    programme = cast["programme"]
    Programme.objects.filter(pk=programme.pk).update(forbid_line_manager=False)
    programme.refresh_from_db()
    built = build_round(programme, CONFIG)
    dana_row, lena_row = built.mentee_row(cast["dana"].pk), built.mentor_row(cast["lena"].pk)
    assert built.data.forbidden[dana_row, lena_row] == ForbiddenReason.LINE_MANAGER


def test_people_without_profile_data_get_unknown_values(cast):
    programme = cast["programme"]
    # Nora has no profile and no organisation; Mo has a bare profile and no organisation.
    nora = UserFactory(full_name="Nora Noprofile")
    mo = trained(cast["moorland"], "Mo Bare")
    Membership.objects.filter(user=mo).delete()
    enrol(programme, nora, "mentee")
    enrol(programme, mo, "mentor")

    built = build_round(programme, CONFIG)

    row = built.mentee_row(nora.pk)
    mentees = built.data.mentees
    for column in (mentees.years, mentees.career_stage, mentees.region):
        assert column[row] == UNKNOWN
    assert mentees.organisation[row] == UNKNOWN
    assert mentees.sector[row] == UNKNOWN
    assert mentees.availability[row] == 0
    assert not mentees.is_trained[row]
    for sets in (mentees.phases, mentees.subjects, mentees.languages, mentees.tags):
        assert sets[[row]].nnz == 0
    assert mentees.text[row] == ""
    mentor_row = built.mentor_row(mo.pk)
    assert built.data.mentors.organisation[mentor_row] == UNKNOWN
    assert built.data.mentors.region[mentor_row] == UNKNOWN
    assert built.data.mentors.years[mentor_row] == 8  # the factory's default, not unknown
    assert mentees.missing_fields()["career stage"][row]
    allocation = allocate(built.data, built.config)
    assert allocation.mentor.shape == (built.data.shape[0],)


def test_an_empty_programme_builds_an_empty_round(cast):
    empty = make_programme(cast["coordinator"], cast["moorland"], name="Not started yet")
    built = build_round(empty, CONFIG)
    assert built.data.shape == (0, 0)
    assert built.current.size == built.relationships.size == 0
