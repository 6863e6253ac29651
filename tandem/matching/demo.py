"""Demo matching round, called at the end of `tandem demo`.

Priya also coordinates a school-based ITE mentoring programme across the partnership's
schools with trainees and early-career colleagues still to place, and one draft
allocation waiting for her review, so the matching pages have real work to show.
"""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tandem.accounts.models import User
from tandem.matching import services
from tandem.organisations.models import Organisation
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.services import create_programme
from tandem.programmes.templates_catalogue import TEMPLATES_BY_KEY

FOCUS = [
    "Behaviour routines at the start of lessons",
    "Questioning and checking understanding",
    "Planning sequences of lessons in my subject",
    "Workload and wellbeing in the first year",
    "Adapting teaching for pupils with SEND",
    "Early reading and phonics",
]


def load_matching_demo(domain: str, seed: int) -> None:
    rng = random.Random(seed + 5)  # noqa: S311 - synthetic demo data
    coordinator = User.objects.get(email=f"coordinator@{domain}")
    schools = list(Organisation.objects.filter(type=Organisation.Type.SCHOOL).order_by("pk"))
    if not schools:
        schools = list(Organisation.objects.order_by("pk")[:3])
    starts_on = timezone.localdate() - dt.timedelta(days=7)
    programme = create_programme(
        actor=coordinator,
        template_key="ite-mentoring",
        fields=TEMPLATES_BY_KEY["ite-mentoring"].programme_fields(starts_on=starts_on)
        | {"name": "School-based ITE mentoring, spring placement", "status": Programme.Status.OPEN},
        organisations=schools,
    )
    already = set(Enrolment.objects.filter(role="mentee").values_list("user_id", flat=True))
    people = (
        User.objects.filter(email__endswith=domain, profile__isnull=False)
        .exclude(email__startswith="admin")
        .select_related("profile")
        .order_by("pk")
    )
    learners = [
        user
        for user in people
        if user.profile.career_stage in {"trainee", "early-career"} and user.pk not in already
    ]
    mentors = [
        user
        for user in people
        if user.profile.years_in_profession >= 5 and user.pk != coordinator.pk
    ][: max(3, len(learners) // 2 + 1)]
    for user in learners:
        Enrolment.objects.create(
            programme=programme,
            user=user,
            role="mentee",
            status=Enrolment.Status.APPROVED,
            focus_areas=rng.choice(FOCUS),
        )
    for user in mentors:
        if not user.profile.training_records.exists():
            MentorTrainingRecord.objects.create(
                profile=user.profile,
                course="ITE mentor training",
                provider="Pennine Institute of Education",
                completed_on=timezone.localdate() - dt.timedelta(days=rng.randint(60, 400)),
                hours=Decimal(12),
            )
        Enrolment.objects.create(
            programme=programme,
            user=user,
            role="mentor",
            status=Enrolment.Status.APPROVED,
            capacity=rng.choice([1, 1, 2]),
            expertise=rng.choice(FOCUS),
        )
    services.start_run(actor=coordinator, programme=programme, mode="allocation")
