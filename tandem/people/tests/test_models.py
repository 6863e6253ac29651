import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.people.availability import ALL_SLOTS_MASK, codes_from_mask, mask_from_codes
from tandem.testing.factories import ProfileFactory, TrainingRecordFactory


@pytest.mark.django_db
class TestProfileConstraints:
    def test_years_in_role_cannot_exceed_years_in_profession(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProfileFactory(years_in_profession=2, years_in_role=5)

    def test_years_in_role_gets_a_field_message(self):
        profile = ProfileFactory.build(years_in_profession=2, years_in_role=5)
        profile.user.save()
        with pytest.raises(ValidationError) as error:
            profile.full_clean()
        assert "cannot be more than years in the profession" in str(error.value)

    def test_diversity_fields_need_consent_in_the_database(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProfileFactory(gender="woman", diversity_consented_at=None)

    def test_diversity_fields_allowed_with_consent(self):
        profile = ProfileFactory(gender="woman", diversity_consented_at=timezone.now())
        assert profile.gender == "woman"

    def test_availability_cannot_name_unknown_slots(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProfileFactory(availability=ALL_SLOTS_MASK + 1)


class TestAvailabilityMask:
    def test_round_trip(self):
        codes = ["mon-before", "wed-after", "fri-day"]
        assert codes_from_mask(mask_from_codes(codes)) == codes

    def test_unknown_slot_is_named(self):
        with pytest.raises(ValueError, match="sat-day"):
            mask_from_codes(["mon-day", "sat-day"])


@pytest.mark.django_db
class TestTrainingRecord:
    def test_hours_must_be_plausible(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            TrainingRecordFactory(hours=0)

    @time_machine.travel(dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC))
    def test_future_completion_date_is_refused_with_a_message(self):
        record = TrainingRecordFactory.build(
            profile=ProfileFactory(), completed_on=dt.date(2026, 12, 1)
        )
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert "in the future" in str(error.value.message_dict["completed_on"])
