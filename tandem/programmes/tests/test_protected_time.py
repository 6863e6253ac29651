"""Protected time a week for mentors and mentees (seed 002 §4.3.1): set in the programme
form, validated, shown on the programme, and compared with the time ledger."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.programmes.forms import ProgrammeForm
from tandem.programmes.models import Programme
from tandem.relationships.models import Relationship
from tandem.relationships.services import record
from tandem.testing.workflow import make_programme


@pytest.mark.django_db
def test_a_programme_starts_with_no_protected_time(cast):
    programme = make_programme(cast["coordinator"], cast["moorland"], name="Plain")
    programme.refresh_from_db()
    assert programme.mentor_minutes_per_week == 0
    assert programme.mentee_minutes_per_week == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1201", "Protected time is at most 1,200 minutes (20 hours) a week."),
        ("-5", "Enter the minutes a week as 0 or more."),
        ("an hour", "Enter a whole number."),
    ],
)
def test_the_form_refuses_implausible_protected_time(cast, value, message):
    form = ProgrammeForm(
        data={"mentor_minutes_per_week": value, "mentee_minutes_per_week": "30"},
        user=cast["coordinator"],
    )
    assert not form.is_valid()
    assert form.errors["mentor_minutes_per_week"] == [message]
    assert "mentee_minutes_per_week" not in form.errors


@pytest.mark.django_db
def test_the_model_refuses_more_than_20_hours(cast):
    programme = cast["programme"]
    programme.mentee_minutes_per_week = 1300
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "mentee_minutes_per_week" in error.value.message_dict


@pytest.mark.django_db
def test_a_coordinator_sets_protected_time_and_members_see_it_against_their_log(client, cast):
    programme, relationship = cast["programme"], cast["relationship"]
    client.force_login(cast["coordinator"])
    edit = reverse("programmes:programme-edit", args=[programme.uuid])
    form_page = client.get(edit).content.decode()
    assert "protected time for each mentor (minutes a week)" in form_page.lower()
    data = {
        name: value
        for name, value in ProgrammeForm(
            instance=programme, user=cast["coordinator"]
        ).initial.items()
        if value is not None and name not in {"starts_on", "ends_on", "agreement_template"}
    }
    data |= {
        "organisations": [cast["moorland"].pk],
        "starts_on": programme.starts_on.isoformat(),
        "ends_on": programme.ends_on.isoformat(),
        "mentor_minutes_per_week": "60",
        "mentee_minutes_per_week": "",
        "other_coordinators": "",
    }
    for flag in (
        "forbid_line_manager",
        "forbid_assessor",
        "accepts_applications",
        "requires_mentor_training",
        "mentor_must_be_external",
    ):
        if data.get(flag) is False:
            data.pop(flag)
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    assert programme.mentor_minutes_per_week == 60
    assert programme.mentee_minutes_per_week == 0
    detail = client.get(programme.get_absolute_url()).content.decode()
    assert "60 minutes for each mentor" in detail

    Relationship.objects.filter(pk=relationship.pk).update(
        status="active", started_on=timezone.localdate() - dt.timedelta(weeks=2)
    )
    record.add_time(
        actor=cast["mentor"],
        relationship=relationship,
        fields={"kind": "reflection", "minutes": 15, "spent_on": timezone.localdate()},
    )
    client.force_login(cast["mentor"])
    page = client.get(reverse("relationships:time-list", args=[relationship.uuid])).content
    # 2 weeks × 60 = 120 minutes; 30 + 15 logged + a 45-minute meeting = 90: 75 %.
    assert "Mentors logged 75% of their protected time" in page.decode()
    assert "mentees logged" not in page.decode().lower()  # no allowance for mentees


@pytest.mark.django_db
def test_without_an_allowance_the_time_page_says_nothing_about_it(client, cast):
    assert Programme.objects.get(pk=cast["programme"].pk).mentor_minutes_per_week == 0
    client.force_login(cast["mentor"])
    url = reverse("relationships:time-list", args=[cast["relationship"].uuid])
    assert "protected time" not in client.get(url).content.decode()
