"""Time the programme report page for a programme of 5,000 relationships.

Usage: .venv/bin/python bench/reports.py [--relationships 5000] [--runs 7]
Seeds a throw-away SQLite database (or DATABASE_URL) with one programme: relationships
with members, a year of held conversations with agenda items, baseline and end impact
surveys and fortnightly check-ins (bulk inserts), then renders the report page through
Django's test client and prints each run, the median and the number of queries. The
page reads the report snapshot the background task stores; the bench runs that task once
first and prints how long it took.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from harness import mentoring_programme

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(folder: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ["TANDEM_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django  # noqa: PLC0415 - configured above

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)


def seed(num_relationships: int) -> tuple[object, object]:
    from django.utils import timezone  # noqa: PLC0415

    from tandem.accounts.models import User  # noqa: PLC0415
    from tandem.demo.bulk import bulk_insert, bulk_insert_users  # noqa: PLC0415
    from tandem.evaluation.models import Answer, SurveyResponse  # noqa: PLC0415
    from tandem.evaluation.services import schedule_survey  # noqa: PLC0415
    from tandem.organisations.models import Organisation  # noqa: PLC0415
    from tandem.relationships.models import (  # noqa: PLC0415
        AgendaItem,
        Conversation,
        Relationship,
        RelationshipMember,
    )

    rng = random.Random(5000)
    now = timezone.now()
    today = timezone.localdate()
    organisation = Organisation.objects.create(
        name="Bench Trust", type="academy-trust", sector="education", region="yorkshire-humber"
    )
    coordinator = User.objects.create_user(email="coordinator@bench.example", full_name="Co Ord")
    programme = mentoring_programme(
        organisation,
        coordinator,
        starts_on=today - dt.timedelta(days=330),
        ends_on=today + dt.timedelta(days=30),
    )
    num_mentors = num_relationships * 3 // 5
    people = num_relationships + num_mentors
    first_user = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    bulk_insert_users(
        ((uuid.uuid4(), f"p{index}@bench.example", f"Person {index}") for index in range(people)),
        now=now,
    )
    mentees = list(range(first_user, first_user + num_relationships))
    mentors = list(range(first_user + num_relationships, first_user + people))
    started = [today - dt.timedelta(days=rng.randint(30, 320)) for _ in mentees]
    bulk_insert(
        Relationship,
        [
            "uuid",
            "programme",
            "is_group",
            "status",
            "started_on",
            "conflicts",
            "conflict_justification",
            "end_note",
            "end_reason",
            "created_at",
            "updated_at",
        ],
        (
            (uuid.uuid4(), programme.pk, False, "active", start, "[]", "", "", "", now, now)
            for start in started
        ),
    )
    relationship_ids = list(
        Relationship.objects.filter(programme=programme).order_by("pk").values_list("pk", flat=True)
    )
    bulk_insert(
        RelationshipMember,
        ["uuid", "relationship", "user", "role", "is_assessor", "created_at", "updated_at"],
        (
            row
            for index, relationship_id in enumerate(relationship_ids)
            for row in (
                (uuid.uuid4(), relationship_id, mentees[index], "mentee", False, now, now),
                (
                    uuid.uuid4(),
                    relationship_id,
                    mentors[index % num_mentors],
                    "mentor",
                    False,
                    now,
                    now,
                ),
            )
        ),
    )
    conversations = []
    for index, relationship_id in enumerate(relationship_ids):
        days = (today - started[index]).days
        for meeting in range(rng.randint(max(1, days // 28), max(1, days // 14))):
            when = now - dt.timedelta(days=days - meeting * 14 - rng.randint(0, 5))
            conversations.append((relationship_id, min(when, now)))
    bulk_insert(
        Conversation,
        [
            "uuid",
            "relationship",
            "status",
            "starts_at",
            "duration_minutes",
            "mode",
            "evidence_discussed",
            "summary",
            "version",
            "created_at",
            "updated_at",
        ],
        (
            (uuid.uuid4(), rel, "held", when, 60, "in-person", "", "", 1, now, now)
            for rel, when in conversations
        ),
    )
    conversation_rows = Conversation.objects.filter(relationship__programme=programme).values_list(
        "pk", "relationship_id"
    )
    members = {
        rel: (mentees[i], mentors[i % num_mentors]) for i, rel in enumerate(relationship_ids)
    }
    bulk_insert(
        AgendaItem,
        ["uuid", "conversation", "text", "raised_by", "position", "created_at", "updated_at"],
        (
            (uuid.uuid4(), pk, "Item", members[rel][rng.random() < 0.5], position, now, now)
            for pk, rel in conversation_rows
            for position in range(2)
        ),
    )
    surveys = {
        key: schedule_survey(
            actor=coordinator,
            programme=programme,
            template_key=key,
            stage=stage,
            every_weeks=2 if stage == "recurring" else None,
        )
        for key, stage in (
            ("mentee-baseline", "start"),
            ("mentee-end", "end"),
            ("mentor-baseline", "start"),
            ("mentor-end", "end"),
            ("check-in", "recurring"),
        )
    }
    responses = []
    for key, survey in surveys.items():
        role = "mentor" if key.startswith("mentor") else "mentee"
        pool = sorted(set(mentors)) if role == "mentor" else mentees
        rounds = range(6) if key == "check-in" else range(1)
        for respondent in pool:
            for round_number in rounds:
                if rng.random() < 0.7:
                    responses.append((survey, respondent, role, round_number))
    by_user = {user: rel for rel, (mentee, mentor) in members.items() for user in (mentee, mentor)}
    bulk_insert(
        SurveyResponse,
        [
            "uuid",
            "survey",
            "respondent",
            "relationship",
            "role",
            "round",
            "submitted_at",
            "created_at",
            "updated_at",
        ],
        (
            (uuid.uuid4(), survey.pk, user, by_user[user], role, round_number, now, now, now)
            for survey, user, role, round_number in responses
        ),
    )
    questions = {survey.pk: list(survey.questions.all()) for survey in surveys.values()}
    response_rows = SurveyResponse.objects.filter(survey__programme=programme).values_list(
        "pk", "survey_id"
    )

    def answers():
        for response_id, survey_id in response_rows:
            for question in questions[survey_id]:
                number = float(rng.randint(1, 5)) if question.kind == "likert" else None
                choices = '["Yes"]' if question.kind == "single" else "[]"
                yield (uuid.uuid4(), response_id, question.pk, number, "", choices, now, now)

    bulk_insert(
        Answer,
        ["uuid", "response", "question", "number", "text", "choices", "created_at", "updated_at"],
        answers(),
    )
    return programme, coordinator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relationships", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="print each query's time")
    parser.add_argument("--keep", help="SQLite file to keep and reuse (skips seeding)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        reuse = bool(args.keep) and Path(args.keep).exists()
        if args.keep:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.keep).resolve()}"
        setup(folder)
        from django.db import connection  # noqa: PLC0415
        from django.test import Client  # noqa: PLC0415
        from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
        from django.urls import reverse  # noqa: PLC0415

        from tandem.evaluation.models import Answer  # noqa: PLC0415
        from tandem.relationships.models import AgendaItem, Conversation  # noqa: PLC0415

        started = time.perf_counter()
        if reuse:
            from tandem.programmes.models import Programme  # noqa: PLC0415

            programme = Programme.objects.get(name="Bench programme")
            coordinator = programme.coordinators.get()
        else:
            programme, coordinator = seed(args.relationships)
        print(
            f"seeded in {time.perf_counter() - started:.1f} s: {args.relationships:,} "
            f"relationships, {Conversation.objects.count():,} conversations, "
            f"{AgendaItem.objects.count():,} agenda items, {Answer.objects.count():,} answers"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(coordinator)
        url = reverse("evaluation:report", args=[programme.uuid])
        client.get(url)  # warm-up: template loading, connection; queues the first report
        from tandem.evaluation.refresh import refresh_report_snapshot  # noqa: PLC0415

        # What the background worker does (django-tasks), timed on its own: the page
        # only reads the stored snapshot.
        begun = time.perf_counter()
        refresh_report_snapshot(programme=programme)
        print(f"background task computed the report in {time.perf_counter() - begun:.1f} s")
        times = []
        for run in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                begun = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - begun) * 1000
            assert response.status_code == 200, response.status_code  # noqa: S101
            assert b"Figures computed" in response.content  # noqa: S101 - not a placeholder
            times.append(elapsed)
            if args.profile and run == 0:
                for query in queries.captured_queries:
                    print(f"  {query['time']} s  {query['sql'][:150]}")
            print(f"run {run + 1}: {elapsed:.0f} ms, {len(queries.captured_queries)} queries")
        print(
            f"median: {statistics.median(times):.0f} ms for the report page "
            f"({args.relationships:,} relationships)"
        )


if __name__ == "__main__":
    main()
