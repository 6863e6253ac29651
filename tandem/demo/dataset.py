"""The `tandem demo` dataset: a small, deterministic, believable partnership.

A named cast gives one sign-in per role; a seeded generator adds colleagues in every
career stage so the pages have something to show.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from tandem.accounts.models import User
from tandem.demo.names import NameSource
from tandem.evaluation.demo import load_evaluation_demo
from tandem.framework.demo import load_framework_demo
from tandem.matching.demo import load_matching_demo
from tandem.organisations.models import (
    Membership,
    Organisation,
    Partnership,
    PartnershipMember,
    Phase,
)
from tandem.people.availability import mask_from_codes
from tandem.people.models import Language, MentorTrainingRecord, Profile, Subject
from tandem.people.services import get_or_create_tags
from tandem.relationships.demo import load_workflow_demo
from tandem.research.demo import load_research_demo
from tandem.resources.demo import load_resources_demo

DEMO_PASSWORD = "tandem-demo-2026"
DEMO_DOMAIN = "demo.tandem.example"
DEMO_SEED = 2026
PARTNERSHIP_NAME = "Kirkdale Mentoring and Coaching Partnership"

ORGANISATIONS = [
    # key, name, type, sector, phases, region, identifier, size
    (
        "riverside",
        "Riverside Primary School",
        "school",
        "education",
        ["primary"],
        "yorkshire-humber",
        "URN 900101",
        "small",
    ),
    (
        "moorland",
        "Moorland Academy",
        "school",
        "education",
        ["secondary", "post-16"],
        "yorkshire-humber",
        "URN 900102",
        "medium",
    ),
    (
        "brookfield",
        "Brookfield Special School",
        "school",
        "education",
        ["special"],
        "yorkshire-humber",
        "URN 900103",
        "small",
    ),
    (
        "acorns",
        "Little Acorns Nursery",
        "early-years",
        "education",
        ["early-years"],
        "yorkshire-humber",
        "EY 700201",
        "small",
    ),
    (
        "trust",
        "Northern Lights Academy Trust",
        "academy-trust",
        "education",
        ["primary", "secondary"],
        "yorkshire-humber",
        "",
        "large",
    ),
    (
        "council",
        "Kirkdale Council",
        "local-authority",
        "public",
        ["not-phase-specific"],
        "yorkshire-humber",
        "",
        "very-large",
    ),
    (
        "institute",
        "Pennine Institute of Education",
        "ite-provider",
        "education",
        ["higher-education"],
        "yorkshire-humber",
        "UKPRN 10090001",
        "large",
    ),
    (
        "childrens",
        "Kirkdale Children's Services",
        "social-care",
        "social-care",
        ["not-phase-specific"],
        "yorkshire-humber",
        "",
        "medium",
    ),
    (
        "mill",
        "The Mill Arts Centre",
        "creative",
        "creative",
        ["not-phase-specific"],
        "yorkshire-humber",
        "",
        "small",
    ),
]

# email local part, name, organisation, role category, access, job, stage, years, role years
CAST = [
    (
        "leader",
        "Helen Okafor",
        "riverside",
        "headteacher",
        "leader",
        "Headteacher",
        "headteacher",
        22,
        6,
    ),
    (
        "coordinator",
        "Priya Shah",
        "moorland",
        "senior-leader",
        "coordinator",
        "Deputy headteacher and CPD lead",
        "senior-leader",
        15,
        4,
    ),
    (
        "mentor",
        "Owen Price",
        "moorland",
        "middle-leader",
        "member",
        "Head of science",
        "middle-leader",
        12,
        5,
    ),
    (
        "mentee",
        "Dana Hughes",
        "moorland",
        "teacher",
        "member",
        "Early-career teacher of science",
        "early-career",
        1,
        1,
    ),
]


@dataclass
class DemoSignIn:
    role: str
    email: str
    name: str


ADMIN = ("admin", "Sam Admin")


def demo_sign_ins() -> list[DemoSignIn]:
    """One sign-in per role, as `tandem demo` prints them."""
    people = [(local, name) for local, name, *_rest in CAST] + [ADMIN]
    return [
        DemoSignIn(
            role="administrator" if local == "admin" else local,
            email=f"{local}@{DEMO_DOMAIN}",
            name=name,
        )
        for local, name in people
    ]


def demo_is_loaded() -> bool:
    return User.objects.filter(email=f"leader@{DEMO_DOMAIN}").exists()


@cache
def _demo_password_hash() -> str:
    # One hash for every demo account: hashing each would take half a second apiece.
    return make_password(DEMO_PASSWORD)


def _user(email: str, name: str, *, is_staff: bool = False) -> User:
    user = User.objects.create(
        email=email,
        full_name=name,
        is_staff=is_staff,
        is_superuser=is_staff,
        password=_demo_password_hash(),
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@transaction.atomic
def load_demo() -> None:
    """Create the demo dataset; the caller checks demo_is_loaded() first."""
    names = NameSource(DEMO_SEED)
    rng = names.random
    phases = {phase.key: phase for phase in Phase.objects.all()}
    subjects = {subject.key: subject for subject in Subject.objects.all()}
    english = Language.objects.get(code="en")
    organisations = {}
    for key, name, kind, sector, phase_keys, region, identifier, size in ORGANISATIONS:
        organisation = Organisation(
            name=name,
            type=kind,
            sector=sector,
            region=region,
            official_identifier=identifier,
            size=size,
        )
        organisation.full_clean()
        organisation.save()
        organisation.phases.set([phases[phase_key] for phase_key in phase_keys])
        organisations[key] = organisation

    partnership = Partnership.objects.create(
        name=PARTNERSHIP_NAME,
        description=(
            "Schools, the trust, the council, the ITE provider and partners in social care "
            "and the arts share mentors and coaches across organisations."
        ),
    )
    for key, organisation in organisations.items():
        PartnershipMember.objects.create(
            partnership=partnership,
            organisation=organisation,
            is_lead=(key == "trust"),
            joined_on=date(2025, 9, 1),
        )

    cast_users = {}
    for local, name, org_key, role, access, job, stage, years, role_years in CAST:
        user = _user(f"{local}@{DEMO_DOMAIN}", name)
        cast_users[local] = user
        Membership.objects.create(
            user=user,
            organisation=organisations[org_key],
            role_category=role,
            access=access,
            job_title=job,
            started_on=date(2026 - role_years, 9, 1),
        )
        profile = Profile.objects.create(
            user=user,
            career_stage=stage,
            years_in_profession=years,
            years_in_role=role_years,
            region="yorkshire-humber",
            postcode_district="HD1",
            availability=mask_from_codes(["mon-after", "wed-after", "thu-before"]),
            is_open_to_mentoring=local in {"mentor", "leader"},
            bio=f"{job} at {organisations[org_key].name}.",
        )
        profile.languages.set([english])

    # Line management in Moorland: Priya manages Owen, Owen manages Dana.
    Membership.objects.filter(user=cast_users["mentor"]).update(
        line_manager=cast_users["coordinator"]
    )
    Membership.objects.filter(user=cast_users["mentee"]).update(line_manager=cast_users["mentor"])
    mentor_profile = cast_users["mentor"].profile
    mentor_profile.phases.set([phases["secondary"]])
    mentor_profile.subjects.set([subjects["science"], subjects["physics"]])
    mentor_profile.expertise.set(get_or_create_tags(["questioning", "practical work", "feedback"]))
    MentorTrainingRecord.objects.create(
        profile=mentor_profile,
        course="Mentoring early-career teachers",
        provider=("Pennine Institute of Education"),
        completed_on=date(2025, 7, 10),
        hours=Decimal(24),
        is_accredited=True,
    )
    mentee_profile = cast_users["mentee"].profile
    mentee_profile.phases.set([phases["secondary"]])
    mentee_profile.subjects.set([subjects["science"], subjects["biology"]])
    mentee_profile.interests.set(get_or_create_tags(["behaviour", "questioning", "workload"]))

    _user(f"{ADMIN[0]}@{DEMO_DOMAIN}", ADMIN[1], is_staff=True)
    _add_colleagues(
        names=names,
        rng=rng,
        organisations=organisations,
        phases=phases,
        subjects=subjects,
        english=english,
    )
    load_workflow_demo(DEMO_DOMAIN, DEMO_SEED)
    load_framework_demo(organisations)
    load_evaluation_demo(DEMO_DOMAIN, DEMO_SEED)
    load_matching_demo(DEMO_DOMAIN, DEMO_SEED)
    load_research_demo(DEMO_DOMAIN)
    load_resources_demo(
        coordinator=cast_users["coordinator"],
        organisation=organisations["moorland"],
        partnership=partnership,
    )


def _add_colleagues(*, names, rng, organisations, phases, subjects, english) -> None:
    """Six colleagues per organisation, spread across every career stage."""
    stages = list(Profile.CareerStage)
    roles = {
        "trainee": "trainee",
        "early-career": "teacher",
        "experienced": "teacher",
        "middle-leader": "middle-leader",
        "senior-leader": "senior-leader",
        "headteacher": "headteacher",
        "other-professional": "other",
    }
    interests = get_or_create_tags(
        [
            "behaviour",
            "SEND",
            "assessment",
            "wellbeing",
            "oracy",
            "curriculum design",
            "coaching",
            "safeguarding",
        ]
    )
    counter = 0
    for key, organisation in organisations.items():
        manager = None
        for index in range(6):
            stage = stages[(counter + index) % len(stages)]
            counter += 1
            name = names.full_name()
            user = _user(f"{key}.{index + 1}@{DEMO_DOMAIN}", name)
            years = {"trainee": 0, "early-career": 2}.get(stage, rng.randint(4, 25))
            membership = Membership.objects.create(
                user=user,
                organisation=organisation,
                role_category=roles[stage],
                job_title=stage.label,
                line_manager=manager,
                started_on=date(2026 - min(years, 10), 9, 1),
            )
            if stage in {"senior-leader", "headteacher"} and manager is None:
                manager = user
                Membership.objects.filter(pk=membership.pk).update(line_manager=None)
            profile = Profile.objects.create(
                user=user,
                career_stage=stage,
                years_in_profession=years,
                years_in_role=min(years, rng.randint(0, 6)),
                region=organisation.region,
                availability=rng.getrandbits(15),
                is_open_to_mentoring=years >= 5,
            )
            profile.phases.set(list(organisation.phases.all()) or [phases["not-phase-specific"]])
            profile.subjects.set(rng.sample(list(subjects.values()), 2))
            profile.interests.set(rng.sample(interests, 2))
            profile.languages.set([english])
            if years >= 5 and rng.random() < 0.6:
                MentorTrainingRecord.objects.create(
                    profile=profile,
                    course="Instructional coaching",
                    provider="Trust CPD team",
                    completed_on=date(2024 + rng.randint(0, 1), 6, rng.randint(1, 28)),
                    hours=Decimal(rng.choice([6, 12, 18])),
                )
