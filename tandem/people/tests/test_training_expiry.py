"""A training record may carry an expiry date (accreditations lapse), never before it was
completed; the form takes it as day, month and year, or leaves it empty."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.people.models import MentorTrainingRecord
from tandem.testing.factories import ProfileFactory, TrainingRecordFactory

pytestmark = pytest.mark.django_db


def test_an_expiry_before_completion_is_refused():
    record = TrainingRecordFactory.build(
        profile=ProfileFactory(), completed_on=dt.date(2026, 5, 1), expires_on=dt.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError, match="on or after the date completed"):
        record.full_clean()


def test_the_form_saves_an_expiry_or_none(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    url = reverse("people:training-add")
    base = {
        "course": "Accredited mentor programme",
        "provider": "County council",
        "completed_on": "2026-03-01",
        "hours": "30",
        "is_accredited": "on",
    }
    assert client.post(url, base | {"expires_on": "2029-03-01"}).status_code == 302
    assert client.post(url, base | {"course": "Coaching basics"}).status_code == 302
    expiries = dict(MentorTrainingRecord.objects.values_list("course", "expires_on"))
    assert expiries == {
        "Accredited mentor programme": dt.date(2029, 3, 1),
        "Coaching basics": None,
    }
