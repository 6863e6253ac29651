"""Building a programme's matching round from the database (tandem.matching.adapter)."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.matching.adapter import SELF_PAIR, build_round, programme_config
from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import (
    MatchConfig,
    MentorRequirements,
    SameRule,
)
from tandem.matching.engine.features import (
    CAREER_STAGE_ORDINAL,
    UNKNOWN,
    ForbiddenReason,
    MatchInput,
)
from tandem.matching.engine.solver import allocate, rematch
from tandem.organisations.choices import Region
from tandem.organisations.models import Membership, OrganisationSector, Phase
from tandem.people.availability import mask_from_codes
from tandem.people.models import Language, Profile, Subject, Tag
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.services import lifecycle
from tandem.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    TrainingRecordFactory,
    UserFactory,
)
from tandem.testing.workflow import approve, make_programme, pair, person

CONFIG = template_config("ect-mentoring")
pytestmark = pytest.mark.django_db


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


@pytest.fixture
def cast():
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


def test_features_come_from_profile_enrolment_and_membership(cast):
    programme, dana, bob, lena = cast["programme"], cast["dana"], cast["bob"], cast["lena"]
    secondary, primary = Phase.objects.get(key="secondary"), Phase.objects.get(key="primary")
    physics, maths = Subject.objects.get(key="physics"), Subject.objects.get(key="mathematics")
    english, welsh = Language.objects.get(code="en"), Language.objects.get(code="cy")
    behaviour = Tag.objects.create(name="Behaviour", slug="behaviour")
    send = Tag.objects.create(name="SEND", slug="send")
    assessment = Tag.objects.create(name="Assessment", slug="assessment")
    dana.profile.phases.set([secondary])
    dana.profile.subjects.set([physics])
    dana.profile.languages.set([english])
    dana.profile.interests.set([behaviour])
    dana.profile.expertise.set([assessment])  # not what a mentee offers: ignored
    bob.profile.phases.set([secondary, primary])
    bob.profile.subjects.set([maths])
    bob.profile.languages.set([english, welsh])
    bob.profile.expertise.set([behaviour, send])
    bob.profile.interests.set([assessment])  # not what a mentor offers: ignored
    slots = mask_from_codes(["mon-after", "wed-after"])
    Profile.objects.filter(user=dana).update(region="london", availability=slots)
    Profile.objects.filter(user=bob).update(bio="Head of science.")
    Enrolment.objects.filter(user=dana).update(
        focus_areas="Behaviour at lunch", initial_goals="Hinge questions", preferences=""
    )
    Enrolment.objects.filter(user=bob).update(expertise="Behaviour and questioning")
    # Bob's current jobs: a health trust (lower id) and an annexe the programme runs in,
    # so the programme's organisation must win on preference, not on order.
    health = OrganisationFactory(name="Health Trust", type="health", sector="health")
    annexe = OrganisationFactory(name="Moorland Annexe", sector="education")
    programme.organisations.add(annexe)
    Membership.objects.filter(user=bob).update(ended_on="2020-01-01")
    MembershipFactory(user=bob, organisation=health)
    MembershipFactory(user=bob, organisation=annexe)
    # Lena's current jobs: a charity (lower id) and a school of the programme's partnership.
    charity = OrganisationFactory(name="Charity", sector="voluntary")
    partner = OrganisationFactory(name="Partner School", sector="education")
    partnership = PartnershipMemberFactory(organisation=partner).partnership
    Programme.objects.filter(pk=programme.pk).update(partnership=partnership)
    programme.refresh_from_db()
    Membership.objects.filter(user=lena).update(ended_on="2020-01-01")
    MembershipFactory(user=lena, organisation=charity)
    MembershipFactory(user=lena, organisation=partner)

    built = build_round(programme, CONFIG)

    mentees, mentors = built.data.mentees, built.data.mentors
    dana_row, bob_row = built.mentee_row(dana.pk), built.mentor_row(bob.pk)
    lena_row = built.mentor_row(lena.pk)

    def ids(matrix, row):
        return set(matrix[[row]].indices.tolist())

    # One id space per kind for both sides, as wide as the items people in the round have
    # (tags: Dana's interest and Bob's two areas of expertise, plus Bob's own interest).
    for name, width in (("phases", 2), ("subjects", 2), ("languages", 2), ("tags", 3)):
        assert getattr(mentees, name).shape[1] == width
        assert getattr(mentors, name).shape[1] == width
    assert len(ids(mentees.phases, dana_row) & ids(mentors.phases, bob_row)) == 1
    assert not ids(mentees.subjects, dana_row) & ids(mentors.subjects, bob_row)
    assert len(ids(mentees.languages, dana_row) & ids(mentors.languages, bob_row)) == 1
    # Dana's interest is Bob's expertise; her expertise and his interests play no part.
    assert len(ids(mentees.tags, dana_row)) == 1
    assert ids(mentees.tags, dana_row) < ids(mentors.tags, bob_row)
    assert mentees.region[dana_row] == Region.values.index("london")
    assert mentees.availability[dana_row] == slots
    assert mentees.years[dana_row] == 1
    assert mentees.career_stage[dana_row] == CAREER_STAGE_ORDINAL["early-career"]
    assert mentors.career_stage[bob_row] == CAREER_STAGE_ORDINAL["experienced"]
    assert mentors.is_trained[bob_row]
    assert not mentors.is_trained[built.mentor_row(cast["uma"].pk)]
    assert mentees.text[dana_row] == "Behaviour at lunch\nHinge questions"
    assert mentors.text[bob_row] == "Behaviour and questioning\nHead of science."
    assert mentors.organisation[bob_row] == annexe.pk
    assert mentors.sector[bob_row] == OrganisationSector.values.index("education")
    assert mentors.organisation[lena_row] == partner.pk
    assert mentors.sector[lena_row] == OrganisationSector.values.index("education")
    assert mentees.organisation[dana_row] == cast["moorland"].pk


def test_programme_config_lays_the_programme_rules_over_the_config():
    strict = Programme(
        requires_mentor_training=True,
        min_mentor_years=5,
        mentor_career_stages=["headteacher", "senior-leader"],
        mentor_must_be_external=True,
    )
    config = programme_config(strict, MatchConfig(organisation_rule=SameRule.PREFER_SAME))
    assert config.requirements.must_be_trained
    assert config.requirements.min_years == 5
    assert config.requirements.min_career_stage == CAREER_STAGE_ORDINAL["senior-leader"]
    assert config.organisation_rule == SameRule.REQUIRE_DIFFERENT

    # A programme rule adds requirements; it never lifts the config's own.
    relaxed = Programme(min_mentor_years=2, mentor_career_stages=["trainee"])
    stricter = MatchConfig(
        requirements=MentorRequirements(must_be_trained=True, min_years=10, min_career_stage=3)
    )
    assert programme_config(relaxed, stricter) == stricter
    assert programme_config(Programme(), CONFIG) == CONFIG


def test_allocation_pairs_the_mentee_with_the_trained_mentor_not_her_line_manager(cast):
    programme, dana, bob, lena, uma = (
        cast[name] for name in ("programme", "dana", "bob", "lena", "uma")
    )
    Enrolment.objects.filter(user=cast["eve"]).delete()
    physics = Subject.objects.get(key="physics")
    secondary = Phase.objects.get(key="secondary")
    # Lena and untrained Uma fit Dana best on paper; Bob shares nothing with her.
    for user in (dana, lena, uma):
        user.profile.subjects.set([physics])
        user.profile.phases.set([secondary])

    built = build_round(programme, CONFIG)
    allocation = allocate(built.data, built.config)

    assert allocation.mentor[built.mentee_row(dana.pk)] == built.mentor_row(bob.pk)
    # Without the line-manager bar the engine would pick Lena: the bar is what stops it.
    unbarred = MatchInput(
        mentees=built.data.mentees, mentors=built.data.mentors, capacity=built.data.capacity
    )
    without_bar = allocate(unbarred, built.config)
    assert without_bar.mentor[built.mentee_row(dana.pk)] == built.mentor_row(lena.pk)


def grow(cast, count: int) -> None:
    """`count` more mentees and mentors with every kind of data the round reads."""
    moorland, coordinator, programme = cast["moorland"], cast["coordinator"], cast["programme"]
    other = Programme.objects.exclude(pk=programme.pk).first() or make_programme(
        coordinator, moorland, name="Another programme", forbid_line_manager=False
    )
    phases = list(Phase.objects.all()[:3])
    tags = [
        Tag.objects.get_or_create(slug=f"tag-{n}", defaults={"name": f"Tag {n}"})[0]
        for n in range(3)
    ]
    english = Language.objects.get(code="en")
    for _ in range(count):
        mentor = trained(moorland, "Mentor")
        mentee = person(
            moorland, "Mentee", career_stage="early-career", years_in_profession=1, years_in_role=1
        )
        Membership.objects.filter(user=mentee).update(line_manager=mentor)
        for user in (mentor, mentee):
            user.profile.phases.set(phases)
            user.profile.languages.set([english])
            user.profile.subjects.set(Subject.objects.all()[:2])
            user.profile.interests.set(tags)
            user.profile.expertise.set(tags)
        enrol(programme, mentor, "mentor", capacity=2)
        enrol(programme, mentee, "mentee")
        enrol(other, mentor, "mentor")
        enrol(other, mentee, "mentee")
        relationship = pair(coordinator, other, mentor, mentee, justification="Tested.")
        lifecycle.request_change_of_mentor(actor=mentee, relationship=relationship, reason="")
        placed = person(moorland, "Placed", career_stage="early-career")
        enrol(programme, placed, "mentee")
        pair(coordinator, programme, mentor, placed)


def test_query_count_does_not_grow_with_people(cast, django_assert_max_num_queries):
    programme = cast["programme"]
    grow(cast, 3)
    with CaptureQueriesContext(connection) as small:
        build_round(programme, CONFIG, reserved={cast["bob"].pk: 1}, declined=[(1, 2)])
    # Enrolments; this programme's current relationships; profiles; training; phases;
    # subjects; languages; the programme's organisations; memberships; interests; expertise;
    # past and present relationships; change requests; mentees' stated preferences.
    assert len(small.captured_queries) == 14
    grow(cast, 27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        built = build_round(programme, CONFIG, reserved={cast["bob"].pk: 1}, declined=[(1, 2)])
    assert built.data.shape == (2 + 30, 3 + 30)
    # Each new mentee's line manager is also their mentor elsewhere, who they asked to leave;
    # plus Dana and her line manager Lena.
    flags = built.data.forbidden.toarray()
    reasons = ForbiddenReason
    everything = reasons.LINE_MANAGER | reasons.EXISTING_RELATIONSHIP | reasons.ASKED_NOT_AGAIN
    assert np.count_nonzero(flags) == 31
    assert np.count_nonzero(flags == everything) == 30
