"""Demo surveys and answers, called once at the end of `tandem demo`.

The early-career programme gets more pairs (every group in a report needs 5 people or
it is suppressed), a baseline and an end-of-year impact survey for mentees and mentors,
and a check-in every four weeks; enough people answer that the health check, the at-risk
list and the report have something to say. Dana (the demo mentee) leaves the end survey
unanswered, so her home page shows a survey to complete. Deterministic for a given seed.
"""

import datetime as dt
import random

from allauth.account.models import EmailAddress
from django.utils import timezone

from tandem.accounts.models import User
from tandem.evaluation.models import Survey
from tandem.evaluation.selectors import current_round
from tandem.evaluation.services import schedule_survey, submit_response
from tandem.organisations.models import Membership, Organisation
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import Conversation, Relationship
from tandem.relationships.services import agreement, lifecycle, record

FIRST_NAMES = ["Amira", "Ben", "Chloe", "Dev", "Ellie", "Femi", "Grace", "Harry", "Isla"]
SURNAMES = ["Walsh", "Okafor", "Pritchard", "Nowak", "Haigh", "Mistry", "Dunn", "Clegg", "Shaw"]
NUM_EXTRA_PAIRS = 8
# Two new pairs signed a month ago but have not met: the at-risk list has them.
NUM_STALLED = 2
CHECK_IN_WEEKS = 4
AGENDA = ["Behaviour routines", "Questioning", "Workload", "Feedback", "Planning a unit"]


def load_evaluation_demo(domain: str, seed: int) -> None:
    """Surveys and answers for the demo's early-career programme (demo loader only)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data
    coordinator = User.objects.get(email=f"coordinator@{domain}")
    programme = Programme.objects.get(coordinators=coordinator, template_key="ect-mentoring")
    _add_pairs(programme, coordinator, domain, rng)
    today = timezone.localdate()
    surveys = {
        key: schedule_survey(
            actor=coordinator,
            programme=programme,
            template_key=key,
            stage=stage,
            every_weeks=CHECK_IN_WEEKS if stage == Survey.Stage.RECURRING else None,
            opens_on=opens_on,
        )
        for key, stage, opens_on in (
            ("mentee-baseline", Survey.Stage.START, None),
            ("mentor-baseline", Survey.Stage.START, None),
            # The end-of-year survey opened last week: most people have answered.
            ("mentee-end", Survey.Stage.END, today - dt.timedelta(days=7)),
            ("mentor-end", Survey.Stage.END, today - dt.timedelta(days=7)),
            ("check-in", Survey.Stage.RECURRING, None),
        )
    }
    demo_mentee = User.objects.get(email=f"mentee@{domain}")
    relationships = Relationship.objects.filter(
        programme=programme, status=Relationship.Status.ACTIVE
    ).prefetch_related("members__user")
    for index, relationship in enumerate(relationships.order_by("pk")):
        falling = index == 1  # one pair's check-ins fall: flagged at risk
        for member in relationship.members.all():
            role = "mentor" if member.role == "mentor" else "mentee"
            _answer_impact(surveys[f"{role}-baseline"], member.user, role, rng, gain=0)
            if member.user != demo_mentee:
                _answer_impact(surveys[f"{role}-end"], member.user, role, rng, gain=1)
            _answer_check_ins(surveys["check-in"], member.user, role, rng, falling=falling)


def _add_pairs(programme: Programme, coordinator: User, domain: str, rng: random.Random) -> None:
    moorland = programme.organisations.get()
    names = [f"{first} {last}" for first, last in zip(FIRST_NAMES, SURNAMES, strict=True)]
    for index in range(NUM_EXTRA_PAIRS):
        mentor = _person(moorland, f"ect-mentor.{index + 1}@{domain}", names[index], 8 + index)
        mentee = _person(
            moorland, f"ect-mentee.{index + 1}@{domain}", names[-1 - index].replace(" ", "-"), 1
        )
        if index % 2:
            MentorTrainingRecord.objects.create(
                profile=mentor.profile,
                course="Mentoring early-career teachers",
                provider="Trust CPD team",
                completed_on=programme.starts_on - dt.timedelta(days=30),
                hours=12,
            )
        for user, role in ((mentor, "mentor"), (mentee, "mentee")):
            Enrolment.objects.create(programme=programme, user=user, role=role, status="approved")
        relationship = lifecycle.create_relationship(
            actor=coordinator,
            programme=programme,
            members=[(mentor, "mentor", False), (mentee, "mentee", False)],
        )
        first = relationship.agreements.get(number=1)  # written by create_relationship
        for user in (mentor, mentee):
            agreement.sign_agreement(actor=user, agreement=first)
        if index >= NUM_EXTRA_PAIRS - NUM_STALLED:
            # In the story these pairs formed a month ago and have not met since.
            Relationship.objects.filter(pk=relationship.pk).update(
                started_on=timezone.localdate() - dt.timedelta(days=30),
                created_at=timezone.now() - dt.timedelta(days=30),
            )
            continue
        _meetings(relationship, mentor, mentee, rng)


def _person(organisation: Organisation, email: str, name: str, years: int) -> User:
    user = User.objects.create(email=email, full_name=name.replace("-", " "))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(
        user=user,
        organisation=organisation,
        role_category="teacher",
        job_title="Teacher",
        started_on=timezone.localdate() - dt.timedelta(days=365 * years),
    )
    Profile.objects.create(
        user=user,
        career_stage="early-career" if years < 3 else "experienced",
        years_in_profession=years,
        years_in_role=min(years, 3),
        region=organisation.region,
        is_open_to_mentoring=years >= 5,
    )
    return user


def _meetings(relationship: Relationship, mentor: User, mentee: User, rng: random.Random) -> None:
    """A few fortnightly meetings; the learner raises more of the agenda as time goes on."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    num_meetings = rng.randint(3, 6)
    for index in range(num_meetings):
        held_on = today - dt.timedelta(days=14 * (num_meetings - index))
        learner_share = (index + 1) / num_meetings
        record.log_conversation(
            actor=mentor,
            relationship=relationship,
            fields={
                "status": Conversation.Status.HELD,
                "starts_at": dt.datetime.combine(held_on, dt.time(15, 45), tzinfo=zone),
                "duration_minutes": 45,
                "mode": "in-person",
                "summary": "Reviewed last fortnight's actions and agreed the next step.",
            },
            agenda=[
                (item, mentee if rng.random() < learner_share else mentor)
                for item in rng.sample(AGENDA, 2)
            ],
            actions=[],
        )


def _likert(value: float) -> int:
    return max(1, min(5, round(value)))


def _answer_impact(survey: Survey, user: User, role: str, rng: random.Random, *, gain: int) -> None:
    """Baseline ratings around 2.5; end ratings a little higher for most people."""
    answers: dict[int, object] = {}
    for question in survey.questions.all():
        if question.kind == "likert":
            answers[question.pk] = _likert(2.5 + gain * rng.choice([0, 1, 1, 2]) + rng.random())
        elif question.kind == "single":
            answers[question.pk] = rng.choice(question.choices)
    submit_response(actor=user, survey=survey, role=role, answers=answers, today=survey.opens_on)


def _answer_check_ins(
    survey: Survey, user: User, role: str, rng: random.Random, *, falling: bool
) -> None:
    today = timezone.localdate()
    last_round = current_round(survey, today)
    for round_number in range(last_round + 1):
        answered_on = survey.opens_on + dt.timedelta(weeks=CHECK_IN_WEEKS * round_number)
        drop = 2 if falling and round_number == last_round else 0
        answers: dict[int, object] = {
            question.pk: _likert(4 + rng.random() - drop)
            for question in survey.questions.all()
            if question.kind == "likert"
        }
        submit_response(actor=user, survey=survey, role=role, answers=answers, today=answered_on)
