"""Bank entries are personal data: in the subject-access pack, gone on erasure, and closed
entries disposed of after their retention period."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.bank.models import BankEntry
from tandem.bank.services import decide_entry, withdraw_entry
from tandem.bank.tests.cast import build_bank_cast
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.services.subject_access import collect

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_bank_cast()


def test_the_pack_holds_the_persons_bank_entries_and_training_expiry(cast):
    sections = {section.name: section for section in collect(cast["mentor"])}
    [row] = sections["mentor_bank_entries"].rows
    assert row["bank_name"] == "Moorland mentor bank"
    assert row["qualities"] == "Calm"
    assert row["capacity"] == 2
    [training] = sections["training_records"].rows
    assert training["expires_on"] is not None
    # Nobody else's entry is in it.
    assert all(
        row["bank_name"] != "Moorland mentor bank"
        for row in {s.name: s for s in collect(cast["member"])}["mentor_bank_entries"].rows
    )


def test_erasure_deletes_the_persons_entries_only(cast):
    erase_person(actor=None, subject=cast["mentor"])
    assert not BankEntry.objects.filter(user=cast["mentor"]).exists()
    assert BankEntry.objects.filter(user=cast["applicant"]).exists()


def test_closed_entries_are_deleted_after_two_years_and_live_ones_kept(cast):
    decide_entry(
        actor=cast["coordinator"], entry=cast["application"], approve=False, note="Not yet."
    )
    withdraw_entry(actor=cast["mentor"], entry=cast["entry"], reason="")
    kept = BankEntry.objects.create(
        bank=cast["bank"], user=cast["member"], status=BankEntry.Status.APPROVED
    )
    two_years_ago = timezone.now() - dt.timedelta(days=2 * 365 + 2)
    BankEntry.objects.filter(pk=cast["application"].pk).update(decided_at=two_years_ago)
    BankEntry.objects.filter(pk=kept.pk).update(decided_at=two_years_ago)
    disposals = dispose_expired(today=timezone.localdate())
    assert [(d.model, d.num_records) for d in disposals if d.model == "bank.BankEntry"] == [
        ("bank.BankEntry", 1)
    ]
    assert not BankEntry.objects.filter(pk=cast["application"].pk).exists()
    # Withdrawn today: kept for now. Approved: the live register, never disposed of.
    assert BankEntry.objects.filter(pk=cast["entry"].pk).exists()
    assert BankEntry.objects.filter(pk=kept.pk).exists()
