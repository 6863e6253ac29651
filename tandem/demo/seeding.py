"""Bulk generation of a scaled synthetic population for `tandem seed`.

Everything is inserted in batches (see demo.bulk) inside one transaction: a failed run
leaves nothing behind. Seeded people get unusable passwords (hashing 100,000 passwords
would dominate the run); they can sign in after a password reset.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.demo.bulk import bulk_insert, bulk_insert_users
from tandem.demo.names import NameSource
from tandem.organisations.choices import Region
from tandem.organisations.models import Membership, Organisation, Phase
from tandem.people.availability import ALL_SLOTS_MASK
from tandem.people.models import Language, MentorTrainingRecord, Profile, Subject
from tandem.people.services import get_or_create_tags

ENGLISH_REGIONS = Region.values[:9]
PEOPLE_PER_ORGANISATION = 60
EMAIL_DOMAIN = "seed.tandem.example"

CAREER_STAGES = [
    (Profile.CareerStage.TRAINEE, 0, 1, Membership.RoleCategory.TRAINEE),
    (Profile.CareerStage.EARLY_CAREER, 1, 3, Membership.RoleCategory.TEACHER),
    (Profile.CareerStage.EXPERIENCED, 4, 25, Membership.RoleCategory.TEACHER),
    (Profile.CareerStage.MIDDLE_LEADER, 5, 25, Membership.RoleCategory.MIDDLE_LEADER),
    (Profile.CareerStage.SENIOR_LEADER, 8, 30, Membership.RoleCategory.SENIOR_LEADER),
    (Profile.CareerStage.HEADTEACHER, 12, 35, Membership.RoleCategory.HEADTEACHER),
    (Profile.CareerStage.OTHER_PROFESSIONAL, 2, 30, Membership.RoleCategory.OTHER),
]
SENIOR_STAGES = {
    Profile.CareerStage.MIDDLE_LEADER,
    Profile.CareerStage.SENIOR_LEADER,
    Profile.CareerStage.HEADTEACHER,
}
# Roughly the shape of a school workforce: many teachers, few heads.
CAREER_WEIGHTS = [8, 14, 40, 18, 9, 3, 8]
EXPERTISE = [
    "behaviour",
    "SEND",
    "early reading",
    "assessment",
    "curriculum design",
    "questioning",
    "feedback",
    "adaptive teaching",
    "wellbeing",
    "workload",
    "parental engagement",
    "oracy",
    "metacognition",
    "EAL",
    "safeguarding",
    "leadership",
    "coaching",
    "research use",
    "attendance",
    "transition",
    "outdoor learning",
    "digital learning",
]
ORGANISATION_TYPES = [
    (Organisation.Type.SCHOOL, Organisation.Sector.EDUCATION, 70),
    (Organisation.Type.ACADEMY_TRUST, Organisation.Sector.EDUCATION, 4),
    (Organisation.Type.LOCAL_AUTHORITY, Organisation.Sector.PUBLIC, 2),
    (Organisation.Type.ITE_PROVIDER, Organisation.Sector.EDUCATION, 3),
    (Organisation.Type.EARLY_YEARS, Organisation.Sector.EDUCATION, 8),
    (Organisation.Type.SOCIAL_CARE, Organisation.Sector.SOCIAL_CARE, 6),
    (Organisation.Type.HEALTH, Organisation.Sector.HEALTH, 3),
    (Organisation.Type.CREATIVE, Organisation.Sector.CREATIVE, 4),
]


@dataclass
class SeedResult:
    num_people: int
    num_organisations: int
    num_rows: int
    seconds: float


class SeedError(Exception):
    """The seed cannot run; the message says why and what to do."""


def seed_people(
    *,
    num_people: int,
    seed: int,
    progress: Callable[[str], None] = lambda message: None,
) -> SeedResult:
    """Insert a synthetic population of num_people people, deterministic for a given seed."""
    marker = f"@s{seed}.{EMAIL_DOMAIN}"
    if User.objects.filter(email__endswith=marker).exists():
        message = (
            f"Seed {seed} is already loaded. Use another --seed value, or start from an "
            "empty database."
        )
        raise SeedError(message)
    if not Phase.objects.exists() or not Language.objects.filter(code="en").exists():
        message = "Reference data (phases, subjects, languages) is missing: run `tandem migrate`."
        raise SeedError(message)
    started = time.perf_counter()
    names = NameSource(seed)
    with transaction.atomic():
        organisations = _create_organisations(names, num_people, seed)
        progress(f"{len(organisations):,} organisations")
        people = _create_people(names, num_people, marker, organisations)
        rows = len(organisations) + people
        progress(f"{num_people:,} people with accounts, profiles and memberships")
        rows += _create_profile_links(names, marker)
        progress("phases, subjects, expertise, interests, languages and training")
    return SeedResult(
        num_people=num_people,
        num_organisations=len(organisations),
        num_rows=rows,
        seconds=time.perf_counter() - started,
    )


def _create_organisations(names: NameSource, num_people: int, seed: int) -> list[Organisation]:
    rng = names.random
    phases = list(Phase.objects.all())
    count = max(1, num_people // PEOPLE_PER_ORGANISATION)
    kinds = rng.choices(
        ORGANISATION_TYPES, weights=[weight for *_rest, weight in ORGANISATION_TYPES], k=count
    )
    now = timezone.now()
    organisations = [
        Organisation(
            uuid=names.uuid(),
            name=f"{rng.choice(PLACES)} {kind.label} {index + 1} (seed {seed})",
            type=kind,
            sector=sector,
            region=rng.choice(ENGLISH_REGIONS),
            official_identifier=f"S{seed}-{index + 1:06d}",
            size=rng.choice(Organisation.Size.values),
            created_at=now,
            updated_at=now,
        )
        for index, (kind, sector, _weight) in enumerate(kinds)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    bulk_insert(
        Organisation.phases.through,
        ["organisation", "phase"],
        ((organisation.pk, rng.choice(phases).pk) for organisation in organisations),
    )
    return organisations


def _create_people(
    names: NameSource, num_people: int, marker: str, organisations: list[Organisation]
) -> int:
    """Accounts, verified addresses, profiles and memberships (with line managers)."""
    rng = names.random
    now = timezone.now()
    people = []
    for index in range(num_people):
        full_name = names.full_name()
        local = full_name.lower().replace(" ", ".").replace("'", "")
        stage, low, high, role = rng.choices(CAREER_STAGES, weights=CAREER_WEIGHTS)[0]
        years = rng.randint(low, high)
        people.append(
            (
                f"{local}.{index}{marker}",
                full_name,
                stage,
                years,
                role,
                organisations[rng.randrange(len(organisations))].pk,
            )
        )
    bulk_insert_users(
        ((names.uuid(), email, full_name) for email, full_name, *_rest in people),
        now=now,
    )
    user_ids = dict(User.objects.filter(email__endswith=marker).values_list("email", "id"))
    bulk_insert(
        EmailAddress,
        ["user", "email", "verified", "primary"],
        ((user_ids[email], email, True, True) for email, *_rest in people),
    )
    bulk_insert(
        Profile,
        [
            "uuid",
            "user",
            "career_stage",
            "years_in_profession",
            "years_in_role",
            "region",
            "postcode_district",
            "availability",
            "bio",
            "is_open_to_mentoring",
            "gender",
            "ethnic_group",
            "disability",
            "created_at",
            "updated_at",
        ],
        (
            (
                names.uuid(),
                user_ids[email],
                stage,
                years,
                rng.randint(0, years),
                rng.choice(ENGLISH_REGIONS),
                "",
                rng.getrandbits(15) & ALL_SLOTS_MASK,
                "",
                years >= 4 and rng.random() < 0.35,
                "",
                "",
                "",
                now,
                now,
            )
            for email, _name, stage, years, _role, _org in people
        ),
    )
    managers_by_org: dict[int, list[int]] = {}
    for email, _name, stage, _years, _role, organisation_id in people:
        if stage in SENIOR_STAGES:
            managers_by_org.setdefault(organisation_id, []).append(user_ids[email])
    memberships = []
    for position, (email, _name, _stage, years, role, organisation_id) in enumerate(people):
        user_id = user_ids[email]
        candidates = [m for m in managers_by_org.get(organisation_id, []) if m != user_id]
        manager = candidates[position % len(candidates)] if candidates else None
        started_on = date(2026 - min(years, 20), 9, 1)
        memberships.append(
            (
                names.uuid(),
                user_id,
                organisation_id,
                "",
                role,
                Membership.Access.MEMBER,
                started_on,
                manager,
                now,
                now,
            )
        )
    bulk_insert(
        Membership,
        [
            "uuid",
            "user",
            "organisation",
            "job_title",
            "role_category",
            "access",
            "started_on",
            "line_manager",
            "created_at",
            "updated_at",
        ],
        memberships,
    )
    return 4 * num_people


def _create_profile_links(names: NameSource, marker: str) -> int:
    rng = names.random
    phases = [phase.pk for phase in Phase.objects.all()]
    subjects = [subject.pk for subject in Subject.objects.all()]
    tags = [tag.pk for tag in get_or_create_tags(EXPERTISE)]
    languages = dict(Language.objects.values_list("code", "id"))
    english = languages.pop("en")
    others = sorted(languages.values())
    profiles = list(
        Profile.objects.filter(user__email__endswith=marker)
        .order_by("id")
        .values_list("id", "is_open_to_mentoring")
    )
    phase_rows: list[tuple[int, int]] = []
    subject_rows: list[tuple[int, int]] = []
    expertise_rows: list[tuple[int, int]] = []
    interest_rows: list[tuple[int, int]] = []
    language_rows: list[tuple[int, int]] = []
    for profile_id, _willing in profiles:
        phase_rows.append((profile_id, rng.choice(phases)))
        subject_rows.extend((profile_id, pk) for pk in rng.sample(subjects, rng.randint(1, 2)))
        expertise_rows.extend((profile_id, pk) for pk in rng.sample(tags, rng.randint(0, 3)))
        interest_rows.extend((profile_id, pk) for pk in rng.sample(tags, rng.randint(1, 2)))
        language_rows.append((profile_id, english))
        if rng.random() < 0.15:
            language_rows.append((profile_id, rng.choice(others)))
    total = bulk_insert(Profile.phases.through, ["profile", "phase"], phase_rows)
    total += bulk_insert(Profile.subjects.through, ["profile", "subject"], subject_rows)
    total += bulk_insert(Profile.expertise.through, ["profile", "tag"], expertise_rows)
    total += bulk_insert(Profile.interests.through, ["profile", "tag"], interest_rows)
    total += bulk_insert(Profile.languages.through, ["profile", "language"], language_rows)
    now = timezone.now()
    total += bulk_insert(
        MentorTrainingRecord,
        [
            "uuid",
            "profile",
            "course",
            "provider",
            "completed_on",
            "hours",
            "is_accredited",
            "evidence_url",
            "evidence_file",
            "created_at",
            "updated_at",
        ],
        [
            (
                names.uuid(),
                profile_id,
                rng.choice(COURSES),
                rng.choice(PROVIDERS),
                date(2026, 7, 1) - timedelta(days=rng.randint(0, 1500)),
                Decimal(rng.choice([6, 12, 18, 24, 36])),
                rng.random() < 0.3,
                "",
                "",
                now,
                now,
            )
            for profile_id, willing in profiles
            if willing and rng.random() < 0.6
        ],
    )
    return total


PLACES = [
    "Ashford",
    "Beckside",
    "Calder",
    "Dunmore",
    "Elmfield",
    "Fernbrook",
    "Greystone",
    "Hollins",
    "Ingleby",
    "Kestrel",
    "Larchmere",
    "Millbank",
    "Northgate",
    "Oakwood",
    "Penrose",
    "Queensway",
    "Redmoor",
    "Southfield",
    "Thornbury",
    "Underhill",
    "Westcliff",
]
COURSES = [
    "Mentoring early-career teachers",
    "Instructional coaching",
    "Coaching for leaders",
    "ITE mentor development",
]
PROVIDERS = ["Teaching school hub", "University partner", "Local authority", "Trust CPD team"]
