"""Every input the report builders read is part of the stored report's fingerprint: change
any one and the page finds the snapshot stale and refreshes it (tests run tasks at once).
One test per input of tandem.evaluation.refresh.report_inputs, plus the date and rules."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from tandem.evaluation import refresh, snapshots
from tandem.evaluation.models import Answer, Question, ReportSnapshot, Survey
from tandem.evaluation.tests.cast import add_surveys, answer_all
from tandem.framework import keys
from tandem.framework.models import FrameworkItem
from tandem.organisations.models import Membership
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.relationships.models import AgendaItem, Conversation, RelationshipMember


def _change_programme(cast):
    programme = cast["programme"]
    programme.ends_on = programme.ends_on + dt.timedelta(days=7)
    programme.save()


def _change_relationship(cast):
    relationship = cast["relationship"]
    relationship.ended_on = timezone.localdate()
    relationship.save()


def _change_member(cast):
    member = RelationshipMember.objects.filter(relationship=cast["relationship"]).first()
    member.is_assessor = not member.is_assessor
    member.save()


def _add_conversation(cast):
    Conversation.objects.create(
        relationship=cast["relationship"],
        status=Conversation.Status.HELD,
        starts_at=timezone.now() - dt.timedelta(days=1),
        duration_minutes=30,
        mode="in-person",
    )


def _change_agenda_item(cast):
    item = AgendaItem.objects.filter(conversation__relationship=cast["relationship"]).first()
    item.raised_by = cast["mentor"] if item.raised_by == cast["mentee"] else cast["mentee"]
    item.save()


def _change_survey(cast):
    survey = Survey.objects.filter(programme=cast["programme"]).first()
    survey.closes_on = survey.closes_on + dt.timedelta(days=1)
    survey.save()


def _change_question(cast):
    question = Question.objects.filter(survey__programme=cast["programme"]).first()
    question.text = f"{question.text} (reworded)"
    question.save()


def _add_response(cast):
    survey = Survey.objects.get(programme=cast["programme"], purpose=Survey.Purpose.END)
    answer_all(survey, cast["mentee"], "mentee", 3)


def _change_answer(cast):
    answer = Answer.objects.filter(
        response__survey__programme=cast["programme"], number__isnull=False
    ).first()
    answer.number = (answer.number % 5) + 1
    answer.save()


def _end_membership(cast):
    membership = Membership.objects.filter(user=cast["mentee"]).first()
    membership.ended_on = timezone.localdate()
    membership.save()


def _rename_organisation(cast):
    organisation = cast["moorland"]
    organisation.name = "Moorland Academy (renamed)"
    organisation.save()


def _add_training_record(cast):
    profile, _created = Profile.objects.get_or_create(user=cast["mentor"])
    MentorTrainingRecord.objects.create(
        profile=profile,
        course="Instructional coaching",
        provider="Teaching school hub",
        completed_on=timezone.localdate() - dt.timedelta(days=30),
        hours=Decimal("6.0"),
    )


def _rename_impact_outcome(cast):
    item = FrameworkItem.objects.filter(kind=keys.Kind.IMPACT).first()
    item.title = f"{item.title} (renamed)"
    item.save()


CHANGES: dict[str, Callable[[dict], None]] = {
    "programme": _change_programme,
    "relationships": _change_relationship,
    "members": _change_member,
    "conversations": _add_conversation,
    "agenda items": _change_agenda_item,
    "surveys": _change_survey,
    "questions": _change_question,
    "responses": _add_response,
    "answers": _change_answer,
    "memberships": _end_membership,
    "organisations": _rename_organisation,
    "training records": _add_training_record,
    "impact outcomes": _rename_impact_outcome,
}


def test_every_input_of_the_report_has_a_test_here(cast):
    assert set(refresh.report_inputs(cast["programme"])) == set(CHANGES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(CHANGES))
def test_changing_an_input_changes_the_fingerprint_and_refreshes_the_report(cast, name):
    programme = cast["programme"]
    surveys = add_surveys(cast)
    answer_all(surveys["mentee-baseline"], cast["mentee"], "mentee", 2)
    snapshots.stored_report(programme)  # the first snapshot, computed at once
    before = ReportSnapshot.objects.get(programme=programme)
    assert before.fingerprint == refresh.data_fingerprint(programme)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        CHANGES[name](cast)
        programme.refresh_from_db()
        assert refresh.data_fingerprint(programme) != before.fingerprint, name
        _report, after = snapshots.stored_report(programme)
    assert after.fingerprint == refresh.data_fingerprint(programme)
    assert after.computed_at > before.computed_at


def test_a_new_day_changes_the_fingerprint(cast):
    today = timezone.localdate()
    programme = cast["programme"]
    assert refresh.data_fingerprint(programme, today) != refresh.data_fingerprint(
        programme, today + dt.timedelta(days=1)
    )


def test_training_records_of_people_outside_the_programme_do_not_count(cast):
    programme = cast["programme"]
    before = refresh.data_fingerprint(programme)
    profile, _created = Profile.objects.get_or_create(user=cast["outsider"])
    MentorTrainingRecord.objects.create(
        profile=profile,
        course="Coaching",
        provider="Elsewhere",
        completed_on=timezone.localdate(),
        hours=Decimal("2.0"),
    )
    assert refresh.data_fingerprint(programme) == before


def test_the_fingerprint_is_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        refresh.data_fingerprint(cast["programme"])
