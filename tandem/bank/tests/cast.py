"""A mentor bank held by Moorland Academy, for the bank's tests and permission matrix."""

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.bank.models import BankEntry
from tandem.bank.services import create_bank
from tandem.organisations.models import Membership
from tandem.testing.factories import OrganisationFactory, TrainingRecordFactory
from tandem.testing.workflow import approve, make_programme, person

ROLES = ["coordinator", "recruiter", "mentor", "applicant", "member", "outsider", "anonymous"]


def accredit(
    user: Any, *, expires_in_days: int | None = 365, course: str = "Mentor accreditation"
) -> None:
    expires_on = (
        None
        if expires_in_days is None
        else timezone.localdate() + dt.timedelta(days=expires_in_days)
    )
    TrainingRecordFactory(
        profile=user.profile, course=course, is_accredited=True, expires_on=expires_on
    )


def build_bank_cast() -> dict[str, Any]:
    moorland = OrganisationFactory.create(name="Moorland Academy")
    elsewhere = OrganisationFactory.create(name="Faraway School")
    # Alice coordinates the bank and the new-heads programme.
    coordinator = person(moorland, "Alice Coordinator", Membership.Access.COORDINATOR)
    # Pat coordinates another Moorland programme: may recruit from the bank, not decide it.
    recruiter = person(moorland, "Pat Recruiter", Membership.Access.COORDINATOR)
    # Bob is an approved, accredited bank mentor.
    mentor = person(
        moorland, "Bob Mentor", career_stage="headteacher", years_in_profession=20, years_in_role=8
    )
    accredit(mentor)
    # Frank has applied and waits for a decision.
    applicant = person(moorland, "Frank Applicant", years_in_profession=10, years_in_role=2)
    # Mel belongs to Moorland but is not in the bank: may read the bank's description only.
    member = person(moorland, "Mel Member")
    # Charlie is from another school: the bank does not exist for them.
    outsider = person(elsewhere, "Charlie Outsider")
    mentee = person(moorland, "Nia Newhead", career_stage="headteacher", years_in_profession=15)
    bank = create_bank(actor=coordinator, name="Moorland mentor bank", organisation=moorland)
    entry = BankEntry.objects.create(
        bank=bank, user=mentor, status=BankEntry.Status.APPROVED, capacity=2, qualities="Calm"
    )
    application = BankEntry.objects.create(
        bank=bank, user=applicant, status=BankEntry.Status.APPLIED
    )
    programme = make_programme(
        coordinator,
        moorland,
        name="New heads 2026",
        requires_mentor_training=False,
        min_mentor_years=0,
        requires_accredited_mentor=True,
    )
    other_programme = make_programme(recruiter, moorland, name="Middle leaders 2026")
    mentee_enrolment = approve(programme, mentee, "mentee")
    return {
        "coordinator": coordinator,
        "recruiter": recruiter,
        "mentor": mentor,
        "applicant": applicant,
        "member": member,
        "outsider": outsider,
        "anonymous": None,
        "mentee": mentee,
        "moorland": moorland,
        "bank": bank,
        "entry": entry,
        "application": application,
        "programme": programme,
        "other_programme": other_programme,
        "mentee_enrolment": mentee_enrolment,
    }
