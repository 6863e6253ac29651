"""Time the public pages (the extranet) with 10,000 published case studies: the list (first
page, a filtered page, a deep page), a case study's page, the Atom feed and the sitemap
(target: p95 at or under 150 ms for each).

Usage: .venv/bin/python bench/public_pages.py [--case-studies 10000] [--runs 30]
                                              [--keep FILE.sqlite3]

Migrates a throw-away SQLite database (or uses DATABASE_URL), publishes `--case-studies`
varied case studies with bulk_create (tandem.casestudies.seeding) and `--resources`
resources (bench/resources.py's seeding; half of them public). Each page is opened
once to warm up, then timed `--runs` times through Django's test client as an anonymous
visitor. With --keep the SQLite file is kept and reused (seeding is skipped when it already
holds case studies). Prints a markdown table: page, p50, p95, queries, and whether p95
meets the target.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT

TARGET_MS = 150


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def setup(folder: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ["TANDEM_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    os.environ.setdefault("TANDEM_MEDIA_ROOT", folder)
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 - configured above

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)


def seed_case_studies(count: int) -> None:
    from tandem.casestudies.seeding import seed_published  # noqa: PLC0415
    from tandem.organisations.models import Organisation  # noqa: PLC0415

    organisation = Organisation.objects.create(
        name="Bench Trust", type="academy-trust", sector="education", region="london"
    )
    seed_published(organisation, count)


def seed_resources(count: int) -> list[tuple[str, str]]:
    """Seed `count` resources (half of them public) with the resource library's own bench
    seeding, unless a kept database has them, and return its public pages to time."""
    from django.urls import reverse  # noqa: PLC0415

    from tandem.resources.models import Resource  # noqa: PLC0415

    if not Resource.objects.exists():
        import resources as resource_bench  # noqa: PLC0415 - bench/resources.py

        started = time.perf_counter()
        resource_bench.seed(count)
        print(f"Seeded {count} resources in {time.perf_counter() - started:.1f} s")
    listing = reverse("resources:list")
    detail = Resource.objects.public().order_by("pk")[min(500, count // 4)]
    return [
        ("Resources, first page", listing),
        ("Resources, page 40", f"{listing}?page=40"),
        ("Resources, searched", f"{listing}?q=observation+feedback"),
        ("Resources, filtered", f"{listing}?kind=video&item=principle:understanding-why"),
        ("Resource page", detail.get_absolute_url()),
    ]


def pages() -> list[tuple[str, str]]:
    from tandem.casestudies.models import Publication  # noqa: PLC0415

    middle = Publication.objects.order_by("id")[Publication.objects.count() // 2]
    from tandem.casestudies.sitemaps import CaseStudySitemap  # noqa: PLC0415

    size = CaseStudySitemap.limit
    pages_in_sitemap = (Publication.objects.count() + size - 1) // size
    last_page = (Publication.objects.count() + 19) // 20
    return [
        ("Case studies, first page", "/case-studies/"),
        ("Case studies, filtered", "/case-studies/?sector=education&item=sufficient-time"),
        ("Case studies, searched", "/case-studies/?q=coaching+practice&approach=mentoring"),
        ("Case studies, deep page", f"/case-studies/?page={last_page}"),
        ("Case study page", f"/case-studies/{middle.uuid}/"),
        ("Atom feed", "/case-studies/feed/"),
        ("Sitemap index", "/sitemap.xml"),
        ("Sitemap, case studies (first page)", "/sitemap-case-studies.xml"),
        ("Sitemap, case studies (last page)", f"/sitemap-case-studies.xml?p={pages_in_sitemap}"),
    ]


def _check(response: object, path: str) -> None:
    status = getattr(response, "status_code", None)
    if status != 200:
        message = f"{path} answered {status}"
        raise SystemExit(message)


def measure(targets: list[tuple[str, str]], runs: int) -> bool:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client = Client(HTTP_HOST="localhost")
    # Wall-clock time is what a visitor waits; CPU time is this process's own work, which
    # a machine shared with other jobs does not inflate. The target applies to the wall time.
    print("| page | p50 ms | p95 ms | p95 CPU ms | queries | meets 150 ms |")
    print("|---|---|---|---|---|---|")
    all_met = True
    for label, path in targets:
        _check(client.get(path), path)  # warm up
        times, cpu_times = [], []
        for _run in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
            _check(response, path)
        p95 = _percentile(times, 0.95)
        met = p95 <= TARGET_MS
        all_met &= met
        print(
            f"| {label} | {_percentile(times, 0.5):.1f} | {p95:.1f} | "
            f"{_percentile(cpu_times, 0.95):.1f} | "
            f"{len(queries.captured_queries)} | {'yes' if met else 'NO'} |"
        )
    return all_met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case-studies", type=int, default=10_000)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", help="an SQLite file to keep and reuse")
    arguments = parser.parse_args()
    if arguments.keep:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(arguments.keep).resolve()}"
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        started = time.perf_counter()
        from tandem.casestudies.models import Publication  # noqa: PLC0415

        if Publication.objects.exists():
            print(f"Reused {Publication.objects.count()} published case studies")
        else:
            seed_case_studies(arguments.case_studies)
            print(
                f"Seeded {arguments.case_studies} published case studies in "
                f"{time.perf_counter() - started:.1f} s"
            )
        targets = pages() + seed_resources(arguments.resources)
        met = measure(targets, arguments.runs)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
