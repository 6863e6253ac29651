"""Time a whole matching run through the database: profiles to stored, explained proposals.

Usage: .venv/bin/python bench/matching_db.py [--people 40000] [--runs 1]
       [--mode allocation|shortlist]
Each run migrates a throw-away SQLite database (or uses DATABASE_URL), seeds a synthetic
population with `tandem seed`'s generator, enrols everyone in one national programme (half
as mentees and half as mentors taking one or two mentees, so that --people 40000 is a
20,000 × 20,000 round), then times building the engine's input from the database (the
adapter) and the whole run as a coordinator starts it: adapter, scoring, solving,
explanations and the bulk insert of every proposal. Prints each run and the median. Peak
memory is the run subprocess's maximum resident size minus its size before the run
(seeding happens in a separate process).
"""

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from harness import ROOT, rss_mb, throwaway_env


def _setup() -> None:
    import django  # noqa: PLC0415 - configured from the environment set by main()

    django.setup()


def prepare(people: int) -> None:
    """Migrate, seed and enrol everyone (in its own process, so its memory is not counted)."""
    _setup()
    from django.core.management import call_command  # noqa: PLC0415

    from tandem.demo.seeding import seed_people  # noqa: PLC0415
    from tandem.organisations.models import Membership, Organisation  # noqa: PLC0415
    from tandem.people.models import Profile  # noqa: PLC0415
    from tandem.programmes.models import Enrolment  # noqa: PLC0415
    from tandem.testing.workflow import make_programme, person  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    seed_people(num_people=people, seed=1)
    organisations = list(Organisation.objects.all())
    coordinator = person(organisations[0], "Bench Coordinator", Membership.Access.COORDINATOR)
    programme = make_programme(
        coordinator,
        organisations[0],
        requires_mentor_training=False,
        min_mentor_years=0,
        name="National mentoring",
    )
    programme.organisations.set(organisations)
    users = Profile.objects.exclude(user=coordinator).values_list("user_id", flat=True)
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                programme=programme,
                user_id=user_id,
                role="mentee" if user_id % 2 else "mentor",
                status=Enrolment.Status.APPROVED,
                capacity=1 + user_id % 2,
            )
            for user_id in users
        ],
        batch_size=2000,
    )


def one_run(mode: str) -> None:
    _setup()
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from tandem.matching import services  # noqa: PLC0415
    from tandem.matching.adapter import build_round  # noqa: PLC0415
    from tandem.programmes.models import Programme  # noqa: PLC0415

    programme = Programme.objects.get(name="National mentoring")
    coordinator = programme.coordinators.get()
    before_mb = rss_mb()
    match_settings = services.get_settings(programme)
    config = services.engine_config(programme, services.settings_snapshot(match_settings))
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        round_ = build_round(programme, config)
    adapter_seconds = time.perf_counter() - started
    del round_
    started = time.perf_counter()
    run = services.start_run(actor=coordinator, programme=programme, mode=mode)
    run_seconds = time.perf_counter() - started
    assert run.status == "draft", run.error  # noqa: S101 - a bench sanity check
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before_mb
    print("engine stats:", run.stats, file=sys.stderr)
    shape = f"{run.num_mentees}x{run.num_mentors}"
    print(
        f"{shape} {adapter_seconds:.2f} {len(queries.captured_queries)} {run_seconds:.2f} "
        f"{run.num_placed} {int(run.is_certified_optimal)} {peak_mb:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=40000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mode", choices=["allocation", "shortlist"], default="allocation")
    parser.add_argument("--step", choices=["prepare", "run"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.step == "prepare":
        prepare(arguments.people)
        return
    if arguments.step == "run":
        one_run(arguments.mode)
        return
    totals = []
    for number in range(arguments.runs):
        with tempfile.TemporaryDirectory() as folder:
            env = throwaway_env(
                folder,
                TANDEM_MATCH_INLINE_MENTEES="100000000",
                TANDEM_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            )
            for step in ("prepare", "run"):
                result = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--step",
                        step,
                        "--people",
                        str(arguments.people),
                        "--mode",
                        arguments.mode,
                    ],
                    env=env,
                    check=True,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                )
        print(result.stderr.strip().splitlines()[-1])
        shape, adapter, queries, seconds, placed, certified, peak = result.stdout.split()[-7:]
        totals.append(float(seconds))
        print(
            f"run {number + 1}: {shape} mentees x mentors; adapter {float(adapter):.2f} s in "
            f"{queries} queries; whole {arguments.mode} run {float(seconds):.2f} s "
            f"(placed {placed}, certified optimal: {certified == '1'}), "
            f"peak {peak} MB above the process's start"
        )
    print(f"median whole run: {statistics.median(totals):.2f} s")


if __name__ == "__main__":
    main()
