"""Time exporting a 200-document study as a REFI-QDA project (target: 10 s at most).

Usage: .venv/bin/python bench/research_qdpx.py [--documents 200] [--words 3000] [--runs 3]
Seeds a throw-away SQLite database (or DATABASE_URL) with one study: documents of about
3,000 words each (interview-like text), a 30-code codebook in two levels, 30 coded segments
and 3 memos per document. Then, per run, times building the .qdpx (XML and zip), checking
it against the vendored REFI-QDA schema, and reading it back for import (all the checks an
upload gets), and prints each run and the medians.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reports import setup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMIT_S = 10.0
WORDS = [
    "time",
    "school",
    "coach",
    "mentor",
    "lesson",
    "confidence",
    "listening",
    "questions",
    "department",
    "support",
    "nervous",
    "training",
    "practice",
    "workload",
    "protected",
    "after",
    "retention",
    "managers",
    "trust",
    "safe",
    "reflect",
    "goal",
    "feedback",
    "observe",
    "planning",
    "behaviour",
    "pupils",
    "colleagues",
    "learning",
    "change",
    "🙂",
    "café",
    "naïve",
]


def seed(num_documents: int, num_words: int) -> object:
    from django.utils import timezone  # noqa: PLC0415 - Django is set up by the caller

    from tandem.organisations.models import Membership  # noqa: PLC0415
    from tandem.research.models import (  # noqa: PLC0415
        Code,
        CodedSegment,
        Document,
        Memo,
        Participant,
        Strand,
        Study,
        StudyMember,
    )
    from tandem.testing.factories import OrganisationFactory  # noqa: PLC0415
    from tandem.testing.workflow import person  # noqa: PLC0415

    rng = random.Random(20)
    organisation = OrganisationFactory.create(name="Bench Academy")
    lead = person(organisation, "Bench Lead", Membership.Access.COORDINATOR)
    coder = person(organisation, "Bench Coder")
    study = Study.objects.create(
        title="Bench study",
        organisation=organisation,
        research_questions="Q",
        ethics_statement="E",
        created_by=lead,
    )
    StudyMember.objects.create(study=study, user=lead, role=StudyMember.Role.LEAD)
    StudyMember.objects.create(study=study, user=coder, role=StudyMember.Role.CODER)
    strands = [Strand.objects.create(study=study, name=f"Strand {n}", position=n) for n in range(3)]
    parents = [
        Code.objects.create(study=study, name=f"Theme {n}", created_by=lead) for n in range(6)
    ]
    codes = parents + [
        Code.objects.create(study=study, name=f"Code {n}", parent=parents[n % 6], created_by=lead)
        for n in range(24)
    ]
    now = timezone.now()
    for number in range(num_documents):
        participant = Participant.objects.create(
            study=study,
            strand=strands[number % 3],
            name=f"Person {number}",
            pseudonym=f"Participant {number}",
            consent=Participant.Consent.GIVEN,
        )
        text = " ".join(rng.choice(WORDS) for _ in range(num_words))
        document = Document.objects.create(
            study=study,
            participant=participant,
            title=f"Interview {number}",
            source_format=Document.Format.TXT,
            text=text,
            num_words=num_words,
            pseudonyms_reviewed_at=now,
            added_by=lead,
        )
        segments = []
        for _ in range(30):
            start = rng.randrange(0, len(text) - 200)
            segments.append(
                CodedSegment(
                    document=document,
                    code=rng.choice(codes),
                    start=start,
                    end=start + rng.randrange(20, 200),
                    coder=rng.choice([lead, coder]),
                )
            )
        CodedSegment.objects.bulk_create(segments, ignore_conflicts=True)
        first = CodedSegment.objects.filter(document=document).first()
        Memo.objects.bulk_create(
            [
                Memo(
                    study=study,
                    author=lead,
                    title="On the document",
                    text="Read twice.",
                    document=document,
                ),
                Memo(
                    study=study,
                    author=coder,
                    title="On a segment",
                    text="Compare.",
                    document=document,
                    segment=first,
                ),
                Memo(
                    study=study,
                    author=lead,
                    title="On a code",
                    text="Split?",
                    code=rng.choice(codes),
                ),
            ]
        )
    return study


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from tandem.research.interchange import export, reading  # noqa: PLC0415
        from tandem.research.interchange.xml import check_project  # noqa: PLC0415

        started = time.perf_counter()
        study = seed(arguments.documents, arguments.words)
        print(f"seeded {arguments.documents} documents in {time.perf_counter() - started:.1f} s")
        totals, checks, reads = [], [], []
        for run in range(arguments.runs):
            started = time.perf_counter()
            content = export.project_archive(study, validate=True)  # as a lead's download
            total = time.perf_counter() - started
            project, _texts = export.build_project(study)
            started = time.perf_counter()
            check_project(project)
            checked = time.perf_counter() - started
            started = time.perf_counter()
            plan = reading.read_project(content)
            read = time.perf_counter() - started
            totals.append(total)
            checks.append(checked)
            reads.append(read)
            print(
                f"run {run + 1}: export with schema check {total:.2f} s (of which the check "
                f"{checked:.2f} s); import checks {read:.2f} s; {len(content) / 1e6:.1f} MB, "
                f"{plan.num_segments} segments"
            )
        total = statistics.median(totals)
        print(
            f"median: export {total:.2f} s (limit {LIMIT_S:.0f} s), schema check "
            f"{statistics.median(checks):.2f} s, import checks {statistics.median(reads):.2f} s"
        )
        sys.exit(0 if total <= LIMIT_S else 1)


if __name__ == "__main__":
    main()
