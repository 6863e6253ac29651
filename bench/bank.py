"""Time "find a mentor now": one mentee ranked against a 5,000-mentor bank.

Usage: .venv/bin/python bench/bank.py [--mentors 5000] [--runs 20]
Migrates a throw-away SQLite database (or uses DATABASE_URL), seeds a synthetic population
with `tandem seed`'s generator, puts every organisation in one partnership that holds a
mentor bank of `--mentors` approved mentors (capacity 1 to 3; about seven in ten hold an
accreditation in date, some lapsed; one in ten already mentors someone, so the load column
has work to do), and sets up a programme of the partnership that requires an accredited
mentor, with `--runs` approved mentees. Then, in one process, asks for a mentor now for each
mentee in turn, timing the whole request as the page makes it: reading the bank with each
mentor's live load, building the engine's input, scoring, checking requirements and
explaining the best ten. The first call (imports, caches) is reported apart; the median and
maximum are over the rest. Target: at most 1 s.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

from harness import ROOT, throwaway_env


def _setup() -> None:
    import django  # noqa: PLC0415 - configured from the environment set by main()

    django.setup()


def prepare(mentors: int, runs: int) -> None:
    _setup()
    import datetime as dt  # noqa: PLC0415

    from django.core.management import call_command  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from tandem.bank.models import BankEntry, MentorBank  # noqa: PLC0415
    from tandem.demo.seeding import seed_people  # noqa: PLC0415
    from tandem.organisations.models import (  # noqa: PLC0415
        Membership,
        Organisation,
        Partnership,
        PartnershipMember,
    )
    from tandem.people.models import MentorTrainingRecord, Profile  # noqa: PLC0415
    from tandem.programmes.models import Enrolment, Programme  # noqa: PLC0415
    from tandem.programmes.services import create_programme  # noqa: PLC0415
    from tandem.programmes.templates_catalogue import TEMPLATES_BY_KEY  # noqa: PLC0415
    from tandem.relationships.models import Relationship, RelationshipMember  # noqa: PLC0415
    from tandem.testing.workflow import make_programme, person  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    seed_people(num_people=mentors + runs + 600, seed=1)
    organisations = list(Organisation.objects.all())
    partnership = Partnership.objects.create(name="County partnership")
    PartnershipMember.objects.bulk_create(
        PartnershipMember(partnership=partnership, organisation=organisation)
        for organisation in organisations
    )
    coordinator = person(organisations[0], "Bench Coordinator", Membership.Access.COORDINATOR)
    bank = MentorBank.objects.create(name="County mentor bank", partnership=partnership)
    bank.coordinators.add(coordinator)
    profiles = list(Profile.objects.exclude(user=coordinator).order_by("user_id"))
    bank_profiles = profiles[:mentors]
    mentee_profiles = profiles[mentors : mentors + runs]
    others = profiles[mentors + runs :]
    BankEntry.objects.bulk_create(
        [
            BankEntry(
                bank=bank,
                user_id=profile.user_id,
                status=BankEntry.Status.APPROVED,
                capacity=1 + index % 3,
                is_available=index % 20 != 0,
                qualities="Listening, challenge and experience of headship.",
                experience=f"Headteacher for {5 + index % 15} years.",
            )
            for index, profile in enumerate(bank_profiles)
        ],
        batch_size=2000,
    )
    today = timezone.localdate()
    MentorTrainingRecord.objects.bulk_create(
        [
            MentorTrainingRecord(
                profile=profile,
                course="Accredited mentor programme",
                provider="County council",
                completed_on=today - dt.timedelta(days=400),
                hours=30,
                is_accredited=True,
                # Seven in ten in date, one in ten lapsed, the rest never accredited.
                expires_on=today + dt.timedelta(days=300 if index % 10 < 7 else -30),
            )
            for index, profile in enumerate(bank_profiles)
            if index % 10 < 8
        ],
        batch_size=2000,
    )
    old = make_programme(
        coordinator,
        organisations[0],
        name="Earlier scheme",
        requires_mentor_training=False,
        min_mentor_years=0,
    )
    busy = bank_profiles[::10][: len(others)]
    relationships = Relationship.objects.bulk_create(
        [Relationship(programme=old, status="active") for _profile in busy], batch_size=2000
    )
    RelationshipMember.objects.bulk_create(
        [
            member
            for relationship, mentor, mentee in zip(relationships, busy, others, strict=False)
            for member in (
                RelationshipMember(
                    relationship=relationship, user_id=mentor.user_id, role="mentor"
                ),
                RelationshipMember(
                    relationship=relationship, user_id=mentee.user_id, role="mentee"
                ),
            )
        ],
        batch_size=2000,
    )
    # The scheme's own template: accredited headteachers from another school.
    template = TEMPLATES_BY_KEY["mentor-bank-new-heads"]
    fields = template.programme_fields(starts_on=today) | {
        "name": "New heads",
        "status": Programme.Status.RUNNING,
    }
    programme = create_programme(
        actor=coordinator,
        template_key=template.key,
        fields=fields,
        organisations=[organisations[0]],
        partnership=partnership,
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            programme=programme,
            user_id=profile.user_id,
            role="mentee",
            status=Enrolment.Status.APPROVED,
            focus_areas="Leading a school through its first inspection; budget setting.",
        )
        for profile in mentee_profiles
    )


def measure() -> None:
    _setup()
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from tandem.matching.from_bank import find_mentor_now  # noqa: PLC0415
    from tandem.programmes.models import Enrolment, Programme  # noqa: PLC0415

    programme = Programme.objects.get(name="New heads")
    mentees = list(Enrolment.objects.filter(programme=programme, role="mentee").order_by("pk"))
    timings = []
    for mentee in mentees:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            search = find_mentor_now(programme, mentee)
        timings.append(time.perf_counter() - started)
    print(
        f"{search.num_mentors} {search.num_eligible} {len(search.candidates)} "
        f"{len(queries.captured_queries)} " + " ".join(f"{seconds:.4f}" for seconds in timings)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentors", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--step", choices=["prepare", "measure"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.step == "prepare":
        prepare(arguments.mentors, arguments.runs + 1)
        return
    if arguments.step == "measure":
        measure()
        return
    with tempfile.TemporaryDirectory() as folder:
        env = throwaway_env(
            folder, TANDEM_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        )
        for step in ("prepare", "measure"):
            result = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--step",
                    step,
                    "--mentors",
                    str(arguments.mentors),
                    "--runs",
                    str(arguments.runs),
                ],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
    offered, eligible, shown, queries, *timings = result.stdout.split()
    first, *rest = (float(seconds) for seconds in timings)
    print(
        f"bank of {arguments.mentors} mentors: {offered} with a place left, {eligible} "
        f"eligible for the last mentee, {shown} shown, {queries} queries per request"
    )
    print(f"first request (imports and caches): {first:.3f} s")
    print(
        f"over {len(rest)} more requests: median {statistics.median(rest):.3f} s, "
        f"max {max(rest):.3f} s"
    )


if __name__ == "__main__":
    main()
