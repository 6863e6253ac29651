"""Time the coding page of a long transcript: 20,000 words in speaker turns with 500 coded
segments by two coders, some overlapping (target: p95 at or under 300 ms).

Usage: .venv/bin/python bench/research_coding.py [--words 20000] [--segments 500] [--runs 30]

Migrates a throw-away SQLite database (or uses DATABASE_URL), seeds one study with a
codebook of 40 codes three levels deep, one transcript of `--words` words in turns of
about 50 words, and `--segments` segments spread over it (half the coder's, half the
lead's, every tenth overlapping the one before). Then serves the coding page through
Django's test client in this process, signed in as the coder: once to warm up, then
`--runs` times. Prints p50, p95 and the number of queries, and the same for the codebook.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time

from reports import setup

TARGET_MS = 300
WORDS = [
    "time",
    "protected",
    "sessions",
    "coaching",
    "listening",
    "confidence",
    "department",
    "school",
    "head",
    "training",
    "nervous",
    "questions",
    "lessons",
    "practice",
    "scheme",
    "support",
    "trust",
    "reflect",
    "colleague",
    "manager",
    "workload",
    "marking",
    "planning",
    "meeting",
    "feedback",
    "observe",
    "change",
    "learn",
    "safe",
    "space",
    "talk",
    "admit",
]


def seed(num_words: int, num_segments: int) -> tuple[object, object, object]:
    from django.utils import timezone  # noqa: PLC0415 - Django is set up by the caller

    from tandem.accounts.models import User  # noqa: PLC0415
    from tandem.organisations.models import Organisation  # noqa: PLC0415
    from tandem.research.models import (  # noqa: PLC0415
        Code,
        CodedSegment,
        CodingPass,
        Document,
        Study,
        StudyMember,
    )

    rng = random.Random(20000)
    organisation = Organisation.objects.create(
        name="Bench Academy",
        type=Organisation.Type.SCHOOL,
        sector=Organisation.Sector.EDUCATION,
        region="yorkshire-humber",
    )
    lead = User.objects.create_user("bench-lead@example.org", "x", full_name="Bench Lead")
    coder = User.objects.create_user("bench-coder@example.org", "x", full_name="Bench Coder")
    study = Study.objects.create(
        title="Bench study",
        organisation=organisation,
        research_questions="What works?",
        ethics_statement="Consented.",
        created_by=lead,
    )
    StudyMember.objects.create(study=study, user=lead, role="lead")
    StudyMember.objects.create(study=study, user=coder, role="coder")
    parts: list[str] = []
    turns = []
    position = 0
    written = 0
    speakers = ["Interviewer", "Coach 1"]
    while written < num_words:
        count = min(rng.randint(30, 70), num_words - written)
        speech = " ".join(rng.choice(WORDS) for _ in range(count)) + "."
        line = f"{speakers[len(turns) % 2]}: {speech}"
        turns.append(
            {"speaker": speakers[len(turns) % 2], "start": position, "end": position + len(line)}
        )
        parts.append(line)
        position += len(line) + 1
        written += count
    text = "\n".join(parts)
    document = Document.objects.create(
        study=study,
        title="Long interview",
        source_format="vtt",
        text=text,
        turns=turns,
        num_words=num_words,
        pseudonyms_reviewed_at=timezone.now(),
    )
    codes: list[Code] = []
    for number in range(40):
        parent = codes[number // 4] if number >= 4 else None
        codes.append(Code.objects.create(study=study, name=f"Code {number}", parent=parent))
    passes = {
        user.pk: CodingPass.objects.create(study=study, coder=user, number=1)
        for user in (lead, coder)
    }
    step = len(text) // num_segments
    segments = []
    for number in range(num_segments):
        start = number * step + rng.randint(0, step // 4)
        if number % 10 == 9:
            start -= step // 2  # overlaps the segment before
        end = min(len(text), start + rng.randint(20, step))
        user = coder if number % 2 else lead
        segments.append(
            CodedSegment(
                document=document,
                code=codes[number % len(codes)],
                start=start,
                end=end,
                coder=user,
                coding_pass=passes[user.pk],
            )
        )
    CodedSegment.objects.bulk_create(segments)
    return study, document, coder


def time_page(client: object, url: str, runs: int) -> tuple[float, float, int]:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    response = client.get(url)  # type: ignore[attr-defined]
    if response.status_code != 200:
        message = f"{url} answered {response.status_code}"
        raise SystemExit(message)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(times), p95, len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=20000)
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from django.test import Client  # noqa: PLC0415
        from django.urls import reverse  # noqa: PLC0415

        from tandem.research.services.coding import open_pass  # noqa: PLC0415

        study, document, coder = seed(args.words, args.segments)
        if open_pass(study, coder) is None:
            raise SystemExit("The coder has no pass in progress: the page would not offer coding.")
        client = Client(HTTP_HOST="localhost")
        client.force_login(coder)
        pages = {
            "coding page": reverse("research:coding", args=[study.uuid, document.uuid]),
            "codebook": reverse("research:codebook", args=[study.uuid]),
        }
        print(f"{args.words} words, {args.segments} segments, {args.runs} runs")
        print("| page | p50 ms | p95 ms | queries | target |")
        print("|---|---|---|---|---|")
        failed = False
        for name, url in pages.items():
            p50, p95, queries = time_page(client, url, args.runs)
            met = p95 <= TARGET_MS
            failed |= not met
            print(f"| {name} | {p50:.0f} | {p95:.0f} | {queries} | {'met' if met else 'MISSED'} |")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
