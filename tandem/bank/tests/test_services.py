"""The bank's services: apply once, nominate, decide with reasons, correct, withdraw, recruit."""

import pytest
from django.core.exceptions import ValidationError

from tandem.bank import services
from tandem.bank.models import BankEntry
from tandem.bank.selectors import entry_load
from tandem.bank.tests.cast import accredit, build_bank_cast
from tandem.programmes.models import Enrolment
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_bank_cast()


def test_a_member_applies_once_and_cannot_apply_twice(cast):
    entry = services.apply_to_bank(
        actor=cast["member"], bank=cast["bank"], details={"capacity": 2, "qualities": "Patient"}
    )
    assert entry.status == BankEntry.Status.APPLIED
    assert entry.capacity == 2
    with pytest.raises(ValidationError, match="already in this mentor bank"):
        services.apply_to_bank(actor=cast["member"], bank=cast["bank"], details={})


def test_an_outsider_cannot_apply(cast):
    with pytest.raises(PermissionError):
        services.apply_to_bank(actor=cast["outsider"], bank=cast["bank"], details={})


def test_a_closed_bank_takes_no_applications(cast):
    cast["bank"].accepts_applications = False
    cast["bank"].save()
    with pytest.raises(ValidationError, match="not taking applications"):
        services.apply_to_bank(actor=cast["member"], bank=cast["bank"], details={})


def test_declining_needs_a_reason_and_the_decision_can_be_changed(cast):
    application = cast["application"]
    with pytest.raises(ValidationError, match="reason"):
        services.decide_entry(actor=cast["coordinator"], entry=application, approve=False, note="")
    services.decide_entry(
        actor=cast["coordinator"], entry=application, approve=False, note="No headship yet."
    )
    application.refresh_from_db()
    assert application.status == BankEntry.Status.DECLINED
    assert application.decision_note == "No headship yet."
    services.decide_entry(actor=cast["coordinator"], entry=application, approve=True, note="")
    application.refresh_from_db()
    assert application.status == BankEntry.Status.APPROVED


def test_only_bank_coordinators_decide(cast):
    with pytest.raises(PermissionError):
        services.decide_entry(
            actor=cast["recruiter"], entry=cast["application"], approve=True, note=""
        )


def test_a_coordinator_nominates_a_member_not_an_outsider(cast):
    entry = services.nominate_mentor(
        actor=cast["coordinator"], bank=cast["bank"], user=cast["member"], details={}
    )
    assert entry.status == BankEntry.Status.NOMINATED
    assert entry.nominated_by == cast["coordinator"]
    with pytest.raises(ValidationError, match="not a member"):
        services.nominate_mentor(
            actor=cast["coordinator"], bank=cast["bank"], user=cast["outsider"], details={}
        )


def test_a_coordinator_withdraws_with_a_reason_and_the_mentor_may_apply_again(cast):
    entry = cast["entry"]
    with pytest.raises(ValidationError, match="reason"):
        services.withdraw_entry(actor=cast["coordinator"], entry=entry, reason=" ")
    services.withdraw_entry(actor=cast["coordinator"], entry=entry, reason="Left the county.")
    entry.refresh_from_db()
    assert entry.status == BankEntry.Status.WITHDRAWN
    again = services.apply_to_bank(actor=cast["mentor"], bank=cast["bank"], details={})
    assert again.pk == entry.pk
    assert again.status == BankEntry.Status.APPLIED


def test_the_mentor_withdraws_themself_without_a_reason(cast):
    services.withdraw_entry(actor=cast["mentor"], entry=cast["entry"], reason="")
    cast["entry"].refresh_from_db()
    assert cast["entry"].status == BankEntry.Status.WITHDRAWN


def test_load_counts_live_mentees_across_programmes_and_capacity_cannot_drop_below_it(cast):
    mentor, entry = cast["mentor"], cast["entry"]
    # Bob mentors in the other programme (its rules need training: Bob has it).
    other = cast["other_programme"]
    approve(other, mentor, "mentor")
    for name in ("Ola One", "Tom Two"):
        mentee = person(cast["moorland"], name)
        approve(other, mentee, "mentee")
        pair(cast["recruiter"], other, mentor, mentee)
    assert entry_load(entry) == 2
    with pytest.raises(ValidationError, match="supports 2 mentees"):
        services.update_entry(actor=mentor, entry=entry, fields={"capacity": 1})
    services.update_entry(actor=mentor, entry=entry, fields={"capacity": 3})
    entry.refresh_from_db()
    assert entry.capacity == 3


def test_an_outsider_cannot_edit_an_entry(cast):
    with pytest.raises(PermissionError):
        services.update_entry(actor=cast["member"], entry=cast["entry"], fields={"capacity": 3})


def test_recruiting_enrols_an_accredited_mentor_as_approved(cast):
    [enrolment] = services.recruit_from_bank(
        actor=cast["coordinator"],
        bank=cast["bank"],
        programme=cast["programme"],
        entries=[cast["entry"]],
        enrol=True,
    )
    assert enrolment.status == Enrolment.Status.APPROVED
    assert enrolment.role == Enrolment.Role.MENTOR
    assert enrolment.unmet_requirements == []


def test_recruiting_refuses_an_expired_accreditation_naming_it_unless_a_note_says_why(cast):
    services.decide_entry(
        actor=cast["coordinator"], entry=cast["application"], approve=True, note=""
    )
    accredit(cast["applicant"], expires_in_days=-3)
    with pytest.raises(ValidationError, match=r"Frank Applicant: Accreditation .* expired on"):
        services.recruit_from_bank(
            actor=cast["coordinator"],
            bank=cast["bank"],
            programme=cast["programme"],
            entries=[cast["application"]],
            enrol=True,
        )
    assert not Enrolment.objects.filter(user=cast["applicant"]).exists()
    [enrolment] = services.recruit_from_bank(
        actor=cast["coordinator"],
        bank=cast["bank"],
        programme=cast["programme"],
        entries=[cast["application"]],
        enrol=True,
        note="Renewal booked for next week.",
    )
    assert "expired on" in enrolment.unmet_requirements[0]


def test_recruiting_invites_and_refuses_waiting_entries_and_other_holders_programmes(cast):
    [invited] = services.recruit_from_bank(
        actor=cast["coordinator"],
        bank=cast["bank"],
        programme=cast["programme"],
        entries=[cast["entry"]],
        enrol=False,
    )
    assert invited.status == Enrolment.Status.INVITED
    with pytest.raises(ValidationError, match="not an approved mentor"):
        services.recruit_from_bank(
            actor=cast["coordinator"],
            bank=cast["bank"],
            programme=cast["programme"],
            entries=[cast["application"]],
            enrol=False,
        )
    with pytest.raises(PermissionError):
        services.recruit_from_bank(
            actor=cast["recruiter"],
            bank=cast["bank"],
            programme=cast["programme"],
            entries=[cast["entry"]],
            enrol=False,
        )
