"""Attendance per session: training records for mentors, corrected with the attendance, and
counted by the health check's "training" feature."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.evaluation.health import health_check
from tandem.events import services
from tandem.events.models import Attendance
from tandem.events.tests.cast import build_event_cast, confirm, session_at
from tandem.people.models import MentorTrainingRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db):
    return build_event_cast()


def _training_feature(programme):
    features = health_check(programme)["features"]
    return next(feature for feature in features if feature.key == "training-and-support")


def test_attended_training_writes_a_record_for_the_mentor_only(cast):
    session = cast["training_session"]
    services.record_attendance(
        actor=cast["facilitator"],
        session=session,
        attended={cast["mentor"].pk, cast["mentee"].pk},
    )
    records = MentorTrainingRecord.objects.filter(event_attendance__session=session)
    [record] = records
    assert record.profile.user == cast["mentor"]  # Dana is a mentee: no mentor training
    assert record.course == "Co-mentoring training day"
    assert record.provider == "Moorland Academy"  # the programme has no partnership
    assert record.hours == Decimal("6.0")
    assert record.completed_on == session.starts_at.date()
    assert Attendance.objects.filter(session=session, attended=True).count() == 2


def test_marking_absent_again_removes_the_record(cast):
    session = cast["training_session"]
    services.record_attendance(
        actor=cast["coordinator"], session=session, attended={cast["mentor"].pk}
    )
    assert MentorTrainingRecord.objects.filter(course="Co-mentoring training day").count() == 1
    services.record_attendance(actor=cast["coordinator"], session=session, attended=set())
    assert not MentorTrainingRecord.objects.filter(course="Co-mentoring training day").exists()
    row = Attendance.objects.get(session=session, user=cast["mentor"])
    assert row.attended is False
    assert row.training_record is None


def test_correcting_the_session_corrects_the_record(cast):
    session = cast["training_session"]
    services.record_attendance(
        actor=cast["coordinator"], session=session, attended={cast["mentor"].pk}
    )
    fields = session_at(-3, hours=3)
    services.update_session(actor=cast["coordinator"], session=session, fields=fields)
    record = MentorTrainingRecord.objects.get(course="Co-mentoring training day")
    assert record.hours == Decimal("3.0")
    assert record.completed_on == fields["starts_at"].date()


def test_the_health_check_counts_the_training(cast):
    # Bob's own record from the cast would count already: remove it to see the event's.
    MentorTrainingRecord.objects.filter(profile__user=cast["mentor"]).delete()
    assert _training_feature(cast["programme"]).score == 0
    services.record_attendance(
        actor=cast["coordinator"], session=cast["training_session"], attended={cast["mentor"].pk}
    )
    assert _training_feature(cast["programme"]).score == 100


def test_gathering_days_write_no_training_record(cast):
    gathering, session = cast["gathering"], cast["gathering_session"]
    confirm(gathering, cast["mentor"])
    session.starts_at -= dt.timedelta(days=6)
    session.ends_at -= dt.timedelta(days=6)
    session.save()
    services.record_attendance(
        actor=cast["coordinator"], session=session, attended={cast["mentor"].pk}
    )
    assert not MentorTrainingRecord.objects.filter(course=gathering.title).exists()


def test_attendance_waits_for_the_session_to_start(cast):
    confirm(cast["gathering"], cast["mentor"])
    with pytest.raises(ValidationError, match="once the session has started"):
        services.record_attendance(
            actor=cast["coordinator"], session=cast["gathering_session"], attended=set()
        )


def test_only_people_with_a_place_are_marked(cast):
    with pytest.raises(ValidationError, match="only for people with a place"):
        services.record_attendance(
            actor=cast["coordinator"],
            session=cast["training_session"],
            attended={cast["other_mentee"].pk},
        )


def test_participants_cannot_mark_attendance(cast):
    with pytest.raises(PermissionError):
        services.record_attendance(
            actor=cast["mentor"], session=cast["training_session"], attended={cast["mentor"].pk}
        )


def test_bulk_form_marks_everyone_at_once(client, cast):
    client.force_login(cast["facilitator"])
    url = reverse("events:attendance", args=[cast["training_session"].uuid])
    page = client.get(url)
    assert "Bob Mentor" in page.content.decode()
    assert "Dana Mentee" in page.content.decode()
    response = client.post(url, {"attended": [str(cast["mentor"].pk)]})
    assert response.status_code == 302
    marks = dict(
        Attendance.objects.filter(session=cast["training_session"]).values_list(
            "user__full_name", "attended"
        )
    )
    assert marks == {"Bob Mentor": True, "Dana Mentee": False}
    # Someone without a place cannot be smuggled in: the form refuses the choice.
    response = client.post(url, {"attended": [str(cast["other_mentee"].pk)]})
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
