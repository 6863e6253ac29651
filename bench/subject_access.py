"""Time a subject-access pack for a person with five years of records.

Usage: .venv/bin/python bench/subject_access.py [--years 5] [--runs 1]
Seeds a throw-away SQLite database (or DATABASE_URL) and media folder with one person,
Dana, who in each of the years was a mentee (years one and two) and then a mentor of three
teachers: weekly conversations with agenda items, actions and both members' private notes
(encrypted), goals with monthly updates, monthly observations, evidence files of 200 KB
(random bytes, which do not compress),
weekly time entries, fortnightly check-in survey answers and her audit trail. Then builds
her pack with the code the background task runs (`build_pack`) and prints the time, the
records and files in the pack and its size. Target: 5 minutes or less.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import mentoring_programme

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


WEEKS = 40  # weeks of mentoring in each year
FILE_BYTES = 200 * 1024


def setup(folder: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ["TANDEM_DEBUG"] = "1"
    os.environ["TANDEM_MEDIA_ROOT"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django  # noqa: PLC0415 - configured above

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)


def seed(years: int) -> object:
    from django.core.files.base import ContentFile  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from tandem.accounts.models import User  # noqa: PLC0415
    from tandem.audit.models import AuditEvent  # noqa: PLC0415
    from tandem.evaluation.models import Answer, SurveyResponse  # noqa: PLC0415
    from tandem.evaluation.services import schedule_survey  # noqa: PLC0415
    from tandem.organisations.models import Membership, Organisation  # noqa: PLC0415
    from tandem.people.models import MentorTrainingRecord, Profile  # noqa: PLC0415
    from tandem.programmes.models import Enrolment  # noqa: PLC0415
    from tandem.relationships.crypto import encrypt  # noqa: PLC0415
    from tandem.relationships.models import (  # noqa: PLC0415
        Action,
        AgendaItem,
        Conversation,
        EvidenceItem,
        Goal,
        GoalUpdate,
        Observation,
        PrivateNote,
        Relationship,
        RelationshipMember,
        TimeEntry,
    )

    now = timezone.now()
    today = timezone.localdate()
    school = Organisation.objects.create(
        name="Bench Academy", type="school", sector="education", region="yorkshire-humber"
    )
    coordinator = User.objects.create_user(email="coordinator@bench.example", full_name="Co Ord")
    dana = User.objects.create_user(email="dana@bench.example", full_name="Dana Hughes")
    profile = Profile.objects.create(user=dana, career_stage="experienced", bio="Science teacher.")
    Membership.objects.create(user=dana, organisation=school, role_category="teacher")
    for year in range(years):
        MentorTrainingRecord.objects.create(
            profile=profile,
            course=f"Mentoring course {year}",
            provider="Hub",
            completed_on=today - dt.timedelta(days=365 * year + 10),
            hours=6,
            evidence_file=ContentFile(
                b"%PDF-1.4 " + os.urandom(FILE_BYTES), name="certificate.pdf"
            ),
        )
    encrypted_dana = encrypt("Dana's own reflection on this conversation. " * 5)
    encrypted_other = encrypt("The other member's private note. " * 5)
    for year in range(years):
        starts = today - dt.timedelta(days=365 * (years - year))
        programme = mentoring_programme(
            school,
            coordinator,
            name=f"Mentoring {starts.year}",
            meeting_every_days=7,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=364),
        )
        is_mentee = year < 2
        Enrolment.objects.create(
            programme=programme,
            user=dana,
            role="mentee" if is_mentee else "mentor",
            status="approved",
            focus_areas="Questioning and feedback.",
        )
        survey = schedule_survey(
            actor=coordinator,
            programme=programme,
            template_key="check-in",
            stage="recurring",
            every_weeks=2,
            opens_on=starts,
        )
        questions = list(survey.questions.all())
        partners = 1 if is_mentee else 3
        for index in range(partners):
            other = User.objects.create_user(
                email=f"partner-{year}-{index}@bench.example", full_name=f"Partner {year} {index}"
            )
            relationship = Relationship.objects.create(
                programme=programme, status="active", started_on=starts
            )
            RelationshipMember.objects.bulk_create(
                [
                    RelationshipMember(
                        relationship=relationship,
                        user=dana,
                        role="mentee" if is_mentee else "mentor",
                    ),
                    RelationshipMember(
                        relationship=relationship,
                        user=other,
                        role="mentor" if is_mentee else "mentee",
                    ),
                ]
            )
            goals = Goal.objects.bulk_create(
                Goal(
                    relationship=relationship,
                    owner=dana if is_mentee else other,
                    title=f"Goal {number}",
                    why_it_matters="School priority. " * 10,
                    success_criteria="Pupils explain their thinking. " * 5,
                    target_on=starts + dt.timedelta(days=300),
                )
                for number in range(5)
            )
            GoalUpdate.objects.bulk_create(
                GoalUpdate(goal=goal, author=dana, note="Progress this month. " * 8)
                for goal in goals
                for _month in range(10)
            )
            conversations = Conversation.objects.bulk_create(
                Conversation(
                    relationship=relationship,
                    status="held",
                    starts_at=now - dt.timedelta(days=365 * (years - year) - 7 * week),
                    duration_minutes=45,
                    mode="in-person",
                    summary="We talked through the week's lessons and next steps. " * 12,
                    evidence_discussed="Exit tickets.",
                    created_by=dana,
                )
                for week in range(WEEKS)
            )
            AgendaItem.objects.bulk_create(
                AgendaItem(
                    conversation=conversation,
                    text=f"Item {position}",
                    raised_by=dana,
                    position=position,
                )
                for conversation in conversations
                for position in range(3)
            )
            Action.objects.bulk_create(
                Action(
                    relationship=relationship,
                    conversation=conversation,
                    description="Try the new starter.",
                    owner=other,
                    due_on=today,
                )
                for conversation in conversations
                for _action in range(2)
            )
            PrivateNote.objects.bulk_create(
                PrivateNote(conversation=conversation, author=author, ciphertext=ciphertext)
                for conversation in conversations
                for author, ciphertext in ((dana, encrypted_dana), (other, encrypted_other))
            )
            Observation.objects.bulk_create(
                Observation(
                    relationship=relationship,
                    observed_on=starts + dt.timedelta(days=30 * month),
                    focus="Questioning",
                    notes="Observed notes. " * 20,
                    feedback="Strong wait time. " * 10,
                    created_by=other,
                )
                for month in range(10)
            )
            for number in range(20):
                EvidenceItem.objects.create(
                    relationship=relationship,
                    owner=dana,
                    title=f"Lesson plan {number}",
                    file=ContentFile(b"%PDF-1.4 " + os.urandom(FILE_BYTES), name="plan.pdf"),
                    size_bytes=FILE_BYTES,
                )
            TimeEntry.objects.bulk_create(
                TimeEntry(
                    relationship=relationship,
                    user=dana,
                    kind="preparation",
                    minutes=45,
                    spent_on=starts + dt.timedelta(days=7 * week),
                )
                for week in range(WEEKS)
            )
            responses = SurveyResponse.objects.bulk_create(
                SurveyResponse(
                    survey=survey,
                    respondent=dana,
                    relationship=relationship,
                    role="mentee" if is_mentee else "mentor",
                    round=index * 100 + round_number,
                    submitted_at=now,
                )
                for round_number in range(1, 21)
            )
            Answer.objects.bulk_create(
                Answer(
                    response=response,
                    question=question,
                    number=4 if question.kind == "likert" else None,
                    text="Going well." if question.kind == "text" else "",
                    choices=[],
                )
                for response in responses
                for question in questions
            )
            AuditEvent.objects.bulk_create(
                AuditEvent(
                    actor=dana,
                    action="conversation.read",
                    object_type="relationships.conversation",
                    object_uuid=conversation.uuid,
                )
                for conversation in conversations
                for _read in range(3)
            )
    return dana


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=1)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        started = time.perf_counter()
        dana = seed(arguments.years)
        print(f"seeded {arguments.years} years in {time.perf_counter() - started:.1f} s")

        from tandem.privacy.models import SubjectAccessPack  # noqa: PLC0415
        from tandem.privacy.services.subject_access import build_pack  # noqa: PLC0415

        timings = []
        for run in range(arguments.runs):
            pack = SubjectAccessPack.objects.create(subject=dana, requested_by=dana)
            started = time.perf_counter()
            build_pack(pack)
            elapsed = time.perf_counter() - started
            timings.append(elapsed)
            size = pack.file.size / 1_048_576
            print(
                f"run {run + 1}: {elapsed:.1f} s, {pack.status}, {pack.num_records} records, "
                f"{pack.num_files} files, {size:.1f} MB"
            )
        median = statistics.median(timings)
        verdict = "meets" if median <= 300 else "MISSES"
        print(f"median {median:.1f} s: {verdict} the 5-minute target")


if __name__ == "__main__":
    main()
