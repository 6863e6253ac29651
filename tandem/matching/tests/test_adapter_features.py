"""A matching round built from the database: its features, the programme's rules over the
config, an allocation from it, and a query count that does not grow with people."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.matching.adapter import build_round, programme_config
from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import (
    MatchConfig,
    MentorRequirements,
    SameRule,
)
from tandem.matching.engine.features import (
    CAREER_STAGE_ORDINAL,
    ForbiddenReason,
    MatchInput,
)
from tandem.matching.engine.solver import allocate
from tandem.matching.tests.round_cast import enrol, trained
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
)
from tandem.testing.workflow import make_programme, pair, person

CONFIG = template_config("ect-mentoring")
pytestmark = pytest.mark.django_db


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
