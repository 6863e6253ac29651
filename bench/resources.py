"""Time the resource library's public pages with 10,000 resources.

Usage: .venv/bin/python bench/resources.py [--resources 10000] [--runs 50]
Migrates a throw-away SQLite database (or uses DATABASE_URL: run it against PostgreSQL
too), bulk-creates `--resources` resources (about half public, tagged to Framework items;
the full-text index is kept by the database's own triggers), then asks for each page
`--runs` times as an anonymous visitor with Django's test client, the whole request
included (middleware, templates): the public list, a search, a filtered list (kind and
Framework item) and a resource's page. Prints the median and p95 of each in ms. The first
request of each (imports, caches) is not counted. Target: p95 at most 150 ms.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

from harness import ROOT, throwaway_env

WORDS = [
    "mentoring",
    "coaching",
    "observation",
    "feedback",
    "conversation",
    "agreement",
    "goals",
    "reflection",
    "evidence",
    "classroom",
    "behaviour",
    "curriculum",
    "planning",
    "assessment",
    "wellbeing",
    "workload",
    "induction",
    "leadership",
    "headship",
    "trainee",
    "early-career",
    "specialist",
    "contracting",
    "questions",
    "listening",
    "challenge",
    "research",
    "practice",
    "inquiry",
    "template",
    "toolkit",
    "video",
    "guide",
]


def seed(number: int) -> None:
    from django.core.management import call_command  # noqa: PLC0415 - Django set up by main

    from tandem.framework import keys  # noqa: PLC0415
    from tandem.organisations.models import Organisation  # noqa: PLC0415
    from tandem.resources.models import Resource, ResourceTag  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    chooser = random.Random(1)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench school {index}", type="school", sector="education", region="london"
        )
        for index in range(20)
    )
    kinds = list(Resource.Kind)
    licences = [licence for licence in Resource.Licence if licence != Resource.Licence.OTHER]
    resources = Resource.objects.bulk_create(
        [
            Resource(
                title=" ".join(chooser.sample(WORDS, 4)).capitalize() + f" {index}",
                summary=" ".join(chooser.choices(WORDS, k=60)),
                kind=kinds[index % len(kinds)],
                link=f"https://example.org/resources/{index}",
                for_leaders=index % 3 == 0,
                for_mentors=index % 3 != 2,
                for_mentees=index % 3 == 2,
                licence=licences[index % len(licences)],
                source="Bench publisher",
                visibility="public" if index % 2 == 0 else "organisation",
                organisation=organisations[index % len(organisations)],
            )
            for index in range(number)
        ],
        batch_size=1000,
    )
    principles = list(keys.Principle)
    features = list(keys.EffectiveFeature)
    ResourceTag.objects.bulk_create(
        [
            tag
            for index, resource in enumerate(resources)
            for tag in (
                ResourceTag(resource=resource, kind="principle", key=principles[index % 10]),
                ResourceTag(
                    resource=resource,
                    kind="effective-feature",
                    key=features[index % len(features)],
                ),
            )
        ],
        batch_size=2000,
    )


def timed(client: object, path: str, params: dict, runs: int) -> list[float]:
    response = client.get(path, params)  # type: ignore[attr-defined]
    if response.status_code != 200:
        message = f"{path} {params}: {response.status_code}"
        raise RuntimeError(message)
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        response = client.get(path, params)  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def measure(runs: int) -> dict[str, list[float]]:
    from django.test import Client  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from tandem.resources.models import Resource  # noqa: PLC0415

    client = Client(HTTP_HOST="localhost")
    listing = reverse("resources:list")
    detail = Resource.objects.public().order_by("pk")[500]
    return {
        "public list": timed(client, listing, {}, runs),
        "public list, page 40": timed(client, listing, {"page": "40"}, runs),
        "search": timed(client, listing, {"q": "observation feedback"}, runs),
        "filtered list": timed(
            client, listing, {"kind": "video", "item": "principle:understanding-why"}, runs
        ),
        "resource page": timed(client, detail.get_absolute_url(), {}, runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(throwaway_env(folder))
        sys.path.insert(0, str(ROOT))
        import django  # noqa: PLC0415 - configured from the environment set above

        django.setup()
        from django.db import connection  # noqa: PLC0415

        started = time.perf_counter()
        seed(arguments.resources)
        print(
            f"Seeded {arguments.resources:,} resources on {connection.vendor} "
            f"in {time.perf_counter() - started:.1f} s; {arguments.runs} requests each, "
            "anonymous:"
        )
        for name, timings in measure(arguments.runs).items():
            print(
                f"  {name:<22} median {statistics.median(timings):6.1f} ms"
                f"   p95 {p95(timings):6.1f} ms"
            )


if __name__ == "__main__":
    main()
