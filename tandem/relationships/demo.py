"""Demo programmes with believable histories, called at the end of `tandem demo`.

Priya (coordinator) runs early-career mentoring at Moorland and a cross-sector
co-mentoring scheme across the partnership; Owen mentors Dana (with the line-management
conflict recorded and justified, as the research review advises); colleagues fill the
rest, so every role's pages have months of history to show.
"""

import datetime as dt
import random

from django.utils import timezone

from tandem.accounts.models import User
from tandem.organisations.models import Organisation
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.services import create_programme
from tandem.programmes.templates_catalogue import TEMPLATES_BY_KEY
from tandem.relationships.models import Conversation, Relationship
from tandem.relationships.services import agreement, lifecycle, record

AGENDA = [
    "Behaviour in Year 9 after lunch",
    "Using hinge questions",
    "Marking workload",
    "Planning the forces unit",
    "Parents' evening",
    "Practical work safety",
    "Feedback that pupils act on",
    "Questioning the quieter pupils",
]
ACTIONS = [
    "Try one hinge question a lesson",
    "Collect exit tickets from Year 9 for a week",
    "Script the first five minutes of the forces lesson",
    "Ask a colleague to watch the start of a lesson",
    "Re-read the behaviour policy's section on praise",
    "Plan two follow-up questions for each key idea",
    "Share one pupil's book at our next meeting",
    "Time the wait after each question",
]
SUMMARIES = [
    "Looked at exit tickets together; agreed to try one hinge question per lesson.",
    "Talked through the lunchtime behaviour incidents and what the data showed.",
    "Reviewed progress on questioning: more pupils answering, fewer hands-up only.",
    "Planned the observation focus and how to collect evidence from pupils' books.",
    "Reflected on the observation: strong wait time, next step is follow-up questions.",
]


def _programme(
    coordinator: User, organisations: list[Organisation], key: str, **fields
) -> Programme:
    starts_on = timezone.localdate() - dt.timedelta(days=120)
    values = (
        TEMPLATES_BY_KEY[key].programme_fields(starts_on=starts_on)
        | {
            "status": Programme.Status.RUNNING,
            "cpd_fit": "Part of the school's CPD plan for 2025–26: developing expert teaching.",
            "accepts_applications": True,
        }
        | fields
    )
    return create_programme(
        actor=coordinator, template_key=key, fields=values, organisations=organisations
    )


def _history(
    relationship: Relationship,
    *,
    supporter: User,
    learner: User,
    rng: random.Random,
    weeks: int,
) -> None:
    """Signed agreement, goals with progress, fortnightly conversations in which the
    learner raises more of the agenda over time, actions, an observation, evidence."""
    first = relationship.agreements.get(number=1)  # written by create_relationship
    for person in (supporter, learner):
        agreement.sign_agreement(actor=person, agreement=first)
    # Meetings fall after school (15:45 UK time), as most mentoring meetings do.
    today = timezone.localdate()
    after_school = dt.time(15, 45, tzinfo=timezone.get_current_timezone())
    now = dt.datetime.combine(today, after_school)
    goal = record.add_goal(
        actor=learner,
        relationship=relationship,
        fields={
            "title": rng.choice(
                [
                    "Use questioning to check understanding",
                    "Establish calm routines at the start of lessons",
                    "Give feedback pupils act on",
                ]
            ),
            "why_it_matters": "School improvement priority: assessment for learning.",
            "success_criteria": "Most pupils can explain the key idea before we move on.",
            "target_on": timezone.localdate() + dt.timedelta(days=60),
        },
    )
    meetings = max(2, weeks // 2)
    for index in range(meetings):
        when = now - dt.timedelta(days=14 * (meetings - index))
        # Early on the mentor sets most of the agenda; later the learner does.
        learner_share = (index + 1) / meetings
        agenda = [
            (item, learner if rng.random() < learner_share else supporter)
            for item in rng.sample(AGENDA, 3)
        ]
        conversation = record.log_conversation(
            actor=supporter if index % 2 else learner,
            relationship=relationship,
            fields={
                "status": Conversation.Status.HELD,
                "starts_at": when,
                "duration_minutes": rng.choice([30, 45, 60]),
                "mode": rng.choice(["in-person", "in-person", "video", "observation-debrief"]),
                "evidence_discussed": "Pupils' books and exit tickets.",
                "summary": SUMMARIES[index % len(SUMMARIES)],
            },
            agenda=agenda,
            actions=[
                (ACTIONS[index % len(ACTIONS)], learner, (when + dt.timedelta(days=7)).date())
            ],
            private_note="Keep an eye on workload." if index == meetings - 1 else "",
        )
        if index < meetings - 2:
            # Older actions were done; the last two are still open (one overdue).
            for action in conversation.actions.all():
                record.set_action_done(actor=learner, action=action, done=True)
    record.log_conversation(
        actor=supporter,
        relationship=relationship,
        fields={
            "status": Conversation.Status.PLANNED,
            "starts_at": now + dt.timedelta(days=rng.randint(2, 9)),
            "duration_minutes": 45,
            "mode": "in-person",
        },
        agenda=[],
        actions=[],
    )
    record.add_goal_update(
        actor=learner,
        goal=goal,
        note="Tried it in three lessons; the quieter pupils answered more.",
        progress_percent=40,
    )
    record.add_observation(
        actor=supporter,
        relationship=relationship,
        fields={
            "goal": goal,
            "observed_on": timezone.localdate() - dt.timedelta(days=10),
            "focus": "Questioning in a Year 8 lesson",
            "notes": "Twelve questions asked; seven to named pupils.",
            "feedback": "Good wait time. Next: follow-up questions that probe reasons.",
            "follow_up": "Plan two probing follow-ups for Thursday's lesson.",
        },
    )
    record.add_evidence(
        actor=learner,
        relationship=relationship,
        fields={
            "title": "Questioning resources shared by the department",
            "link": "https://example.org/questioning-resources",
        },
        goals=[goal],
    )
    record.add_time(
        actor=supporter,
        relationship=relationship,
        fields={
            "kind": "preparation",
            "minutes": 30,
            "spent_on": timezone.localdate() - dt.timedelta(days=3),
        },
    )


def load_workflow_demo(domain: str, seed: int) -> None:
    """Create the demo programmes and relationships (the demo users already exist)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data
    people = {
        user.email.split("@")[0]: user for user in User.objects.filter(email__endswith=domain)
    }
    coordinator, mentor, mentee = people["coordinator"], people["mentor"], people["mentee"]
    moorland = Organisation.objects.get(name="Moorland Academy")
    ect = _programme(
        coordinator,
        [moorland],
        "ect-mentoring",
        name="Early-career teacher mentoring 2025–27",
        # Small departments sometimes need the head of department to mentor: allowed here
        # only with a recorded justification (seed 002 §4.2.3).
        forbid_line_manager=False,
    )
    colleagues = [people[f"moorland.{index}"] for index in range(1, 7)]
    learners = [
        user for user in colleagues if user.profile.career_stage in {"trainee", "early-career"}
    ]
    supporters = [user for user in colleagues if user.profile.years_in_profession >= 5]
    for user in [mentee, *learners]:
        Enrolment.objects.create(
            programme=ect, user=user, role="mentee", status="approved", focus_areas="Behaviour"
        )
    for user in [mentor, *supporters]:
        Enrolment.objects.create(
            programme=ect, user=user, role="mentor", status="approved", expertise="Science"
        )
    main = lifecycle.create_relationship(
        actor=coordinator,
        programme=ect,
        members=[(mentor, "mentor", False), (mentee, "mentee", False)],
        justification=(
            "Owen is Dana's head of department and the only physics specialist; Dana chose "
            "him. Reviewed each term; Dana may ask for a change at any time."
        ),
    )
    _history(main, supporter=mentor, learner=mentee, rng=rng, weeks=16)
    for supporter, learner in zip(supporters, learners, strict=False):
        relationship = lifecycle.create_relationship(
            actor=coordinator,
            programme=ect,
            members=[(supporter, "mentor", False), (learner, "mentee", False)],
            justification="Recorded at pairing: reviewed with both.",
        )
        _history(relationship, supporter=supporter, learner=learner, rng=rng, weeks=8)

    # A cross-sector co-mentoring scheme across the partnership (seed 002 §2.3.3).
    riverside = Organisation.objects.get(name="Riverside Primary School")
    mill = Organisation.objects.get(name="The Mill Arts Centre")
    co_mentoring = _programme(
        coordinator,
        [moorland, riverside, mill],
        "cross-sector-co-mentoring",
        name="Kirkdale REFLECT-style co-mentoring",
    )
    teacher, artist = people["riverside.2"], people["mill.3"]
    for user in (teacher, artist):
        Enrolment.objects.create(
            programme=co_mentoring, user=user, role="peer", status="approved", focus_areas="Oracy"
        )
    pair = lifecycle.create_relationship(
        actor=coordinator,
        programme=co_mentoring,
        members=[(teacher, "co-coach", False), (artist, "co-coach", False)],
    )
    _history(pair, supporter=artist, learner=teacher, rng=rng, weeks=6)
    # One applicant waiting for a decision, so the enrolment page has work to do.
    Enrolment.objects.create(
        programme=ect,
        user=people["moorland.5"],
        role="mentor",
        status="applied",
        expertise="Behaviour and pastoral care",
        capacity=2,
    )
