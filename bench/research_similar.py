"""Time the constant comparison assistant: similar coded passages over a large study.

Usage: .venv/bin/python bench/research_similar.py [--segments 50000] [--lookups 200]
Migrates a throw-away SQLite database (or uses DATABASE_URL), seeds one study in bulk
(three strands, 250 consenting participants with two interviews each, 40 codes and
`--segments` coded segments of one or two sentences each, drawn from a synthetic
vocabulary so passages share words unevenly, as transcripts do), then times:
- the index build (vectoriser + sparse matrix over every passage; once per change);
- a lookup as the coding page makes it (cosine against every passage, the best 8 named
  with their codes, pseudonym and strand), p50 and p95 over `--lookups` passages not in
  the index, with a warm index (the target: 200 ms);
- the same when the index's stamp is stale and read from the database first.
"""

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time

from harness import ROOT, rss_mb, throwaway_env

TOPICS = [
    "time workload protected sessions timetable cover after school evenings",
    "trust safe confidential listening judging open honest space",
    "training confidence skills questions coaching model practice",
    "managers retention recruitment costs budget strategy governors",
    "reflection lessons pupils behaviour planning feedback observation",
    "department isolation colleagues culture collaboration network",
]


def _sentence(rng: random.Random, filler: list[str]) -> str:
    topic = rng.choice(TOPICS).split()
    words = rng.sample(topic, 3) + rng.sample(filler, 6)
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def seed(num_segments: int) -> None:
    import django  # noqa: PLC0415 - configured from the environment set by main()

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from tandem.organisations.models import Membership  # noqa: PLC0415
    from tandem.research.models import (  # noqa: PLC0415
        Code,
        CodedSegment,
        Document,
        Participant,
        Strand,
        Study,
    )
    from tandem.testing.factories import OrganisationFactory  # noqa: PLC0415
    from tandem.testing.workflow import person  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    filler = [f"w{number}" for number in range(4000)]
    school = OrganisationFactory.create(name="Bench Academy")
    lead = person(school, "Bench Lead", Membership.Access.COORDINATOR)
    study = Study.objects.create(
        title="Bench study",
        organisation=school,
        research_questions="?",
        ethics_statement="-",
        created_by=lead,
    )
    strands = [Strand.objects.create(study=study, name=f"Strand {n}") for n in range(3)]
    participants = Participant.objects.bulk_create(
        Participant(
            study=study,
            strand=strands[n % 3],
            name=f"Person {n}",
            pseudonym=f"P{n}",
            consent=Participant.Consent.GIVEN,
        )
        for n in range(250)
    )
    codes = Code.objects.bulk_create(
        Code(study=study, name=f"Code {n}", created_by=lead) for n in range(40)
    )
    per_document = max(1, num_segments // 500)
    now = timezone.now()
    segments = []
    for number in range(500):
        sentences = [_sentence(rng, filler) for _ in range(per_document + 20)]
        text = " ".join(sentences)
        document = Document.objects.create(
            study=study,
            participant=participants[number % 250],
            title=f"Interview {number}",
            source_format=Document.Format.TXT,
            text=text,
            pseudonyms_reviewed_at=now,
        )
        position = 0
        offsets = []
        for sentence in sentences:
            offsets.append((position, position + len(sentence)))
            position += len(sentence) + 1
        for index in range(per_document):
            start, end = offsets[index]
            if rng.random() < 0.3:  # some passages run over two sentences
                end = offsets[index + 1][1]
            segments.append(
                CodedSegment(
                    document=document,
                    code=rng.choice(codes),
                    start=start,
                    end=end,
                    coder=lead,
                )
            )
    CodedSegment.objects.bulk_create(segments, batch_size=5000)
    print(f"seeded {len(segments)} segments", file=sys.stderr)


def measure(lookups: int) -> None:
    import django  # noqa: PLC0415

    django.setup()
    from tandem.research import comparison  # noqa: PLC0415
    from tandem.research.models import Study  # noqa: PLC0415

    study = Study.objects.get(title="Bench study")
    before_mb = rss_mb()
    started = time.perf_counter()
    index = comparison.build_index(study)
    build_seconds = time.perf_counter() - started
    comparison.study_index(study)  # warm the cache as the first request would
    rng = random.Random(2)
    filler = [f"w{number}" for number in range(4000)]
    timings = []
    for _ in range(lookups):
        text = _sentence(rng, filler)
        started = time.perf_counter()
        found = comparison.similar_to_text(study, text)
        timings.append((time.perf_counter() - started) * 1000)
        assert found.similar  # noqa: S101 - a bench sanity check
    # The same, when the stamp is stale and read again from the database first (after a
    # save, or every STAMP_TTL_SECONDS).
    stale = []
    for _ in range(max(10, lookups // 10)):
        text = _sentence(rng, filler)
        comparison.mark_stale()
        started = time.perf_counter()
        comparison.similar_to_text(study, text)
        stale.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(timings)
    stale_p50, stale_p95 = _percentiles(stale)
    print(
        f"{len(index.passages)} {index.matrix.shape[1]} {build_seconds:.2f} {p50:.1f} {p95:.1f} "
        f"{stale_p50:.1f} {stale_p95:.1f} {rss_mb() - before_mb:.0f}"
    )


def _percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=50000)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--step", choices=["seed", "measure"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.step == "seed":
        seed(arguments.segments)
        return
    if arguments.step == "measure":
        measure(arguments.lookups)
        return
    with tempfile.TemporaryDirectory() as folder:
        env = throwaway_env(folder)
        for step in ("seed", "measure"):
            result = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--step",
                    step,
                    "--segments",
                    str(arguments.segments),
                    "--lookups",
                    str(arguments.lookups),
                ],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
    passages, vocabulary, build, p50, p95, stale_p50, stale_p95, memory = result.stdout.split()[-8:]
    print(
        f"{passages} passages, vocabulary {vocabulary}: index built in {build} s "
        f"(+{memory} MB); lookup p50 {p50} ms, p95 {p95} ms over {arguments.lookups} lookups "
        f"(target 200 ms); with the stamp re-read first p50 {stale_p50} ms, p95 {stale_p95} ms"
    )


if __name__ == "__main__":
    main()
