"""A programme with one live mentoring relationship and its full record, for the
programmes and relationships tests (permission matrices, query counts, services)."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.accounts.models import User
from tandem.framework import keys
from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.services import create_programme
from tandem.relationships.models import Conversation, Relationship
from tandem.relationships.services import lifecycle, record
from tandem.relationships.services.agreement import current_agreement, sign_agreement
from tandem.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ProfileFactory,
    TrainingRecordFactory,
)
from tandem.testing.matrix import coordinator_only, everyone, nobody_else, not_allowed

PDF = b"%PDF-1.4 lesson plan"

# The roles of the cast built by `build_cast`, in the order the permission matrices run them.
ROLES = [
    "mentee",
    "mentor",
    "other_mentee",
    "coordinator",
    "leader",
    "line_manager",
    "outsider",
    "anonymous",
]
EVERYONE = everyone(ROLES)
NOBODY_ELSE = nobody_else(ROLES)
COORDINATOR_ONLY = coordinator_only(ROLES)
NOT_ALLOWED = not_allowed(ROLES)


def person(
    organisation: Organisation, name: str, access: str = Membership.Access.MEMBER, **profile: Any
) -> User:
    created = ProfileFactory.create(user__full_name=name, **profile)
    MembershipFactory(user=created.user, organisation=organisation, access=access)
    return created.user


def make_programme(coordinator: User, organisation: Organisation, **fields: Any) -> Programme:
    today = timezone.localdate()
    defaults = {
        "name": "Early-career mentoring 2026",
        "status": Programme.Status.RUNNING,
        "aims": "Support early-career teachers in their first two years.",
        "approach": keys.Approach.MENTORING,
        "group_format": keys.GroupFormat.ONE_TO_ONE,
        "pairing": keys.Pairing.EXPERT_NOVICE,
        "sector_mix": keys.SectorMix.SAME,
        "mentor_source": keys.MentorSource.INTERNAL,
        "mentor_styles": [keys.MentorStyle.EDUCATOR],
        "meeting_every_days": 7,
        "meeting_minutes": 60,
        "duration_weeks": 52,
        "starts_on": today - dt.timedelta(days=60),
        "ends_on": today + dt.timedelta(days=300),
        "accepts_applications": True,
        "requires_mentor_training": True,
        "min_mentor_years": 3,
        "forbid_line_manager": True,
    }
    return create_programme(
        actor=coordinator,
        template_key="ect-mentoring",
        fields=defaults | fields,
        organisations=[organisation],
    )


def approve(programme: Programme, user: User, role: str) -> Enrolment:
    return Enrolment.objects.create(
        programme=programme, user=user, role=role, status=Enrolment.Status.APPROVED
    )


def pair(
    coordinator: User, programme: Programme, mentor: User, mentee: User, **kwargs: Any
) -> Relationship:
    return lifecycle.create_relationship(
        actor=coordinator,
        programme=programme,
        members=[(mentor, "mentor", False), (mentee, "mentee", False)],
        **kwargs,
    )


def add_record(relationship: Relationship, mentor: User, mentee: User) -> dict[str, Any]:
    """Sign the agreement and add one of everything to the shared record."""
    agreement = current_agreement(relationship)
    assert agreement is not None  # create_relationship writes version 1
    sign_agreement(actor=mentor, agreement=agreement)
    sign_agreement(actor=mentee, agreement=agreement)
    relationship.refresh_from_db()
    goal = record.add_goal(
        actor=mentee,
        relationship=relationship,
        fields={
            "title": "Use questioning to check understanding",
            "why_it_matters": "School priority: assessment for learning.",
            "success_criteria": "Most pupils answer a hinge question correctly.",
            "target_on": timezone.localdate() + dt.timedelta(days=60),
        },
    )
    conversation = record.log_conversation(
        actor=mentor,
        relationship=relationship,
        fields={
            "status": Conversation.Status.HELD,
            "starts_at": timezone.now() - dt.timedelta(days=3),
            "duration_minutes": 45,
            "mode": Conversation.Mode.IN_PERSON,
            "evidence_discussed": "Year 8 exit tickets.",
            "summary": "Talked through hinge questions for the forces unit.",
        },
        agenda=[("Hinge questions", mentee), ("Behaviour at lunch", mentor)],
        actions=[("Draft three hinge questions", mentee, timezone.localdate())],
        private_note="Dana seemed tired: check workload next time.",
    )
    planned = record.log_conversation(
        actor=mentee,
        relationship=relationship,
        fields={
            "status": Conversation.Status.PLANNED,
            "starts_at": timezone.now() + dt.timedelta(days=4),
            "duration_minutes": 60,
            "mode": Conversation.Mode.VIDEO,
        },
        agenda=[],
        actions=[],
    )
    observation = record.add_observation(
        actor=mentor,
        relationship=relationship,
        fields={
            "goal": goal,
            "observed_on": timezone.localdate() - dt.timedelta(days=2),
            "focus": "Questioning in Year 8 science",
            "feedback": "Strong wait time.",
        },
    )
    evidence = record.add_evidence(
        actor=mentee,
        relationship=relationship,
        fields={
            "title": "Lesson plan",
            "file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf"),
        },
        goals=[goal],
    )
    return {
        "agreement": agreement,
        "goal": goal,
        "conversation": conversation,
        "planned": planned,
        "observation": observation,
        "evidence": evidence,
        "action": conversation.actions.get(),
    }


def build_cast() -> dict[str, Any]:
    moorland = OrganisationFactory.create(name="Moorland Academy")
    elsewhere = OrganisationFactory.create(name="Faraway School")
    PartnershipMemberFactory(organisation=moorland, partnership__name="Kirkdale Partnership")
    coordinator = person(moorland, "Alice Coordinator", Membership.Access.COORDINATOR)
    leader = person(moorland, "Helen Leader", Membership.Access.LEADER)
    line_manager = person(moorland, "Lena Manager")
    mentor = person(moorland, "Bob Mentor", years_in_profession=12, years_in_role=4)
    TrainingRecordFactory(profile=mentor.profile)
    mentee = person(moorland, "Dana Mentee", career_stage="early-career")
    Membership.objects.filter(user=mentee).update(line_manager=line_manager)
    other_mentee = person(moorland, "Eve Otherteacher", career_stage="early-career")
    applicant = person(moorland, "Frank Applicant")
    outsider = person(elsewhere, "Charlie Outsider")
    programme = make_programme(coordinator, moorland)
    approve(programme, mentor, "mentor")
    approve(programme, mentee, "mentee")
    approve(programme, other_mentee, "mentee")
    application = Enrolment.objects.create(
        programme=programme,
        user=applicant,
        role="mentor",
        status=Enrolment.Status.APPLIED,
        expertise="Behaviour",
    )
    relationship = pair(coordinator, programme, mentor, mentee)
    items = add_record(relationship, mentor, mentee)
    change = lifecycle.request_change_of_mentor(
        actor=mentee, relationship=relationship, reason="We clash on timings."
    )
    record.add_time(
        actor=mentor,
        relationship=relationship,
        fields={"kind": "preparation", "minutes": 30, "spent_on": timezone.localdate()},
    )
    return {
        # Roles of the permission matrix (DESIGN.md confidentiality model):
        "mentee": mentee,  # Dana: the learner whose record is at stake
        "mentor": mentor,  # Bob: her mentor; shares the record, not her change request
        "other_mentee": other_mentee,  # Eve: same programme, no part in this relationship
        "coordinator": coordinator,  # Alice: runs the programme; metadata only
        "leader": leader,  # Helen: headteacher; aggregates only, never records
        "line_manager": line_manager,  # Lena: Dana's line manager; no view by that role
        "outsider": outsider,  # Charlie: another school entirely
        "anonymous": None,
        "moorland": moorland,
        "programme": programme,
        "relationship": relationship,
        "application": application,
        "change": change,
        **items,
    }


@pytest.fixture
def cast(db: None) -> dict[str, Any]:
    """The named cast above, for any test that asks for `cast` (registered in conftest.py)."""
    return build_cast()
