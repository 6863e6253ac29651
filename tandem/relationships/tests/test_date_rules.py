"""Impossible dates in the shared record are refused with a message saying why: by the
services (so the API, imports and the shell obey) and by the forms (so the message sits
beside the field). Each rule is tried at its edges: today, the programme's first and last
days, and one day either side."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.programmes.models import Programme
from tandem.relationships.forms import ConversationForm, GoalForm, TimeEntryForm
from tandem.relationships.models import Action, Conversation, Observation, TimeEntry
from tandem.relationships.services import record
from tandem.testing.workflow import build_cast

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Late evening in British Summer Time: "today" is London's date, whatever UTC says.
NOW = dt.datetime(2026, 6, 15, 23, 30, tzinfo=LONDON)
TODAY = dt.date(2026, 6, 15)
DAY = dt.timedelta(days=1)


@pytest.fixture
def rules_cast():
    with time_machine.travel(NOW, tick=False):
        yield build_cast()


def _set_programme(cast, *, starts_on, ends_on):
    Programme.objects.filter(pk=cast["programme"].pk).update(starts_on=starts_on, ends_on=ends_on)
    cast["relationship"].programme.refresh_from_db()


def _messages(error: ValidationError, field: str) -> list[str]:
    return error.message_dict[field]


# ---- Held meetings are not in the future ----


def _log(cast, *, status="held", starts_at=NOW, actions=()):
    return record.log_conversation(
        actor=cast["mentor"],
        relationship=cast["relationship"],
        fields={
            "status": status,
            "starts_at": starts_at,
            "duration_minutes": 30,
            "mode": "in-person",
        },
        agenda=[],
        actions=list(actions),
    )


def test_a_meeting_held_now_is_accepted(rules_cast):
    with time_machine.travel(NOW, tick=False):
        assert _log(rules_cast).status == "held"


def test_a_meeting_held_a_minute_from_now_is_refused(rules_cast):
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError) as caught:
        _log(rules_cast, starts_at=NOW + dt.timedelta(minutes=1))
    assert "cannot be in the future" in _messages(caught.value, "starts_at")[0]


def test_a_meeting_planned_for_tomorrow_is_accepted(rules_cast):
    with time_machine.travel(NOW, tick=False):
        assert _log(rules_cast, status="planned", starts_at=NOW + DAY).status == "planned"


def test_editing_a_meeting_to_held_in_the_future_is_refused(rules_cast):
    planned = _log(rules_cast, status="planned", starts_at=NOW + DAY)
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
        record.edit_conversation(
            actor=rules_cast["mentor"],
            conversation=planned,
            version=planned.version,
            fields={
                "status": "held",
                "starts_at": planned.starts_at,
                "duration_minutes": 30,
                "mode": "in-person",
                "evidence_discussed": "",
                "summary": "",
            },
        )
    planned.refresh_from_db()
    assert planned.status == "planned"


def test_the_form_shows_the_held_in_future_message_beside_the_date(rules_cast):
    tomorrow = NOW + DAY
    data = {
        "status": "held",
        "starts_at_day": tomorrow.day,
        "starts_at_month": tomorrow.month,
        "starts_at_year": tomorrow.year,
        "starts_at_time": "10:00",
        "duration_minutes": 30,
        "mode": "in-person",
    }
    with time_machine.travel(NOW, tick=False):
        form = ConversationForm(data)
        assert not form.is_valid()
    assert "cannot be in the future" in form.errors["starts_at"][0]


# ---- Time logged: within the programme and not after today ----


def _add_time(cast, spent_on):
    return record.add_time(
        actor=cast["mentor"],
        relationship=cast["relationship"],
        fields={"kind": "preparation", "minutes": 30, "spent_on": spent_on},
    )


def test_time_on_the_programmes_first_day_and_today_is_accepted(rules_cast):
    starts_on = rules_cast["programme"].starts_on
    with time_machine.travel(NOW, tick=False):
        assert _add_time(rules_cast, starts_on).spent_on == starts_on
        assert _add_time(rules_cast, TODAY).spent_on == TODAY


def test_time_the_day_before_the_programme_starts_is_refused(rules_cast):
    starts_on = rules_cast["programme"].starts_on
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError) as caught:
        _add_time(rules_cast, starts_on - DAY)
    assert _messages(caught.value, "spent_on") == [
        f"The date must be on or after the programme starts on {starts_on.day} {starts_on:%B %Y}."
    ]


def test_time_tomorrow_is_refused(rules_cast):
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError) as caught:
        _add_time(rules_cast, TODAY + DAY)
    assert _messages(caught.value, "spent_on") == ["The date must be today or in the past."]


def test_time_in_1990_and_2031_is_refused(rules_cast):
    for spent_on in (dt.date(1990, 1, 1), dt.date(2031, 1, 1)):
        with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
            _add_time(rules_cast, spent_on)


def test_time_on_an_ended_programmes_last_day_is_accepted_and_the_day_after_refused(rules_cast):
    ends_on = TODAY - 10 * DAY
    _set_programme(rules_cast, starts_on=TODAY - 100 * DAY, ends_on=ends_on)
    with time_machine.travel(NOW, tick=False):
        assert _add_time(rules_cast, ends_on).spent_on == ends_on
        with pytest.raises(ValidationError) as caught:
            _add_time(rules_cast, ends_on + DAY)
    assert "programme ends on" in _messages(caught.value, "spent_on")[0]


def test_the_time_form_refuses_a_day_before_the_programme(rules_cast):
    before = rules_cast["programme"].starts_on - DAY
    data = {
        "kind": "preparation",
        "minutes": 30,
        "spent_on_day": before.day,
        "spent_on_month": before.month,
        "spent_on_year": before.year,
    }
    with time_machine.travel(NOW, tick=False):
        form = TimeEntryForm(data, relationship=rules_cast["relationship"])
        assert not form.is_valid()
    assert "programme starts on" in form.errors["spent_on"][0]


# ---- Observations: within the programme and not after today ----


def _observe(cast, observed_on):
    return record.add_observation(
        actor=cast["mentor"],
        relationship=cast["relationship"],
        fields={"observed_on": observed_on, "focus": "Questioning"},
    )


def test_an_observation_today_and_on_the_first_day_is_accepted(rules_cast):
    starts_on = rules_cast["programme"].starts_on
    with time_machine.travel(NOW, tick=False):
        assert _observe(rules_cast, TODAY).observed_on == TODAY
        assert _observe(rules_cast, starts_on).observed_on == starts_on


@pytest.mark.parametrize("offset", ["before-start", "tomorrow"])
def test_an_observation_outside_the_programme_or_in_the_future_is_refused(rules_cast, offset):
    observed_on = (
        rules_cast["programme"].starts_on - DAY if offset == "before-start" else TODAY + DAY
    )
    before = Observation.objects.count()
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError) as caught:
        _observe(rules_cast, observed_on)
    assert "observed_on" in caught.value.message_dict
    assert Observation.objects.count() == before


def test_the_observation_page_shows_the_message(client, rules_cast):
    client.force_login(rules_cast["mentor"])
    url = reverse("relationships:observation-add", args=[rules_cast["relationship"].uuid])
    tomorrow = TODAY + DAY
    data = {
        "focus": "Questioning",
        "observed_on_day": tomorrow.day,
        "observed_on_month": tomorrow.month,
        "observed_on_year": tomorrow.year,
    }
    with time_machine.travel(NOW, tick=False):
        page = client.post(url, data).content.decode()
    assert "The date must be today or in the past." in page


# ---- Goals and actions: not due in the past when set ----


def _goal_fields(target_on):
    return {
        "title": "Plan for retrieval practice",
        "why_it_matters": "Pupils forget last term's work.",
        "success_criteria": "Starters use retrieval each lesson.",
        "target_on": target_on,
    }


def test_a_goal_due_today_is_accepted_and_yesterday_refused(rules_cast):
    relationship, mentee = rules_cast["relationship"], rules_cast["mentee"]
    with time_machine.travel(NOW, tick=False):
        goal = record.add_goal(actor=mentee, relationship=relationship, fields=_goal_fields(TODAY))
        assert goal.target_on == TODAY
        with pytest.raises(ValidationError) as caught:
            record.add_goal(
                actor=mentee, relationship=relationship, fields=_goal_fields(TODAY - DAY)
            )
    assert _messages(caught.value, "target_on") == ["The date must be today or in the future."]


def test_an_overdue_goal_can_be_edited_without_moving_its_date(rules_cast):
    goal = rules_cast["goal"]
    later = NOW + 90 * DAY  # the goal's target (60 days on) has now passed
    with time_machine.travel(later, tick=False):
        fields = _goal_fields(goal.target_on) | {"status": "in-progress"}
        edited = record.edit_goal(
            actor=rules_cast["mentee"], goal=goal, version=goal.version, fields=fields
        )
        assert edited.status == "in-progress"
        form = GoalForm(
            fields | {"version": edited.version, "target_on": goal.target_on.isoformat()},
            instance=edited,
        )
        assert form.is_valid(), form.errors
        # Moving it to another past date is refused.
        with pytest.raises(ValidationError):
            record.edit_goal(
                actor=rules_cast["mentee"],
                goal=edited,
                version=edited.version,
                fields=fields | {"target_on": goal.target_on + DAY},
            )


def test_a_new_action_due_yesterday_is_refused_and_today_accepted(rules_cast):
    relationship, mentee = rules_cast["relationship"], rules_cast["mentee"]
    with time_machine.travel(NOW, tick=False):
        action = record.add_action(
            actor=mentee, relationship=relationship, description="A", owner=mentee, due_on=TODAY
        )
        assert action.due_on == TODAY
        with pytest.raises(ValidationError):
            record.add_action(
                actor=mentee,
                relationship=relationship,
                description="B",
                owner=mentee,
                due_on=TODAY - DAY,
            )


def test_a_past_meetings_action_may_be_overdue_but_not_due_before_the_meeting(rules_cast):
    mentee = rules_cast["mentee"]
    held_at = NOW - 10 * DAY
    with time_machine.travel(NOW, tick=False):
        conversation = _log(rules_cast, starts_at=held_at, actions=[("Read", mentee, TODAY - DAY)])
        assert conversation.actions.get().due_on == TODAY - DAY
        count = Conversation.objects.count()
        with pytest.raises(ValidationError) as caught:
            _log(rules_cast, starts_at=held_at, actions=[("Read", mentee, held_at.date() - DAY)])
    assert "cannot be due before the meeting" in _messages(caught.value, "due_on")[0]
    assert Conversation.objects.count() == count  # nothing half-saved


def test_a_planned_meetings_action_due_in_the_past_is_refused(rules_cast):
    mentee = rules_cast["mentee"]
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
        _log(
            rules_cast, status="planned", starts_at=NOW + DAY, actions=[("R", mentee, TODAY - DAY)]
        )
    assert not Action.objects.filter(description="R").exists()


def test_nothing_is_written_when_time_is_refused(rules_cast):
    before = TimeEntry.objects.count()
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
        _add_time(rules_cast, TODAY + DAY)
    assert TimeEntry.objects.count() == before


# ---- The API obeys the same rules, through the services ----


def test_the_api_refuses_a_goal_due_yesterday_with_the_same_message(client, cast):
    client.force_login(cast["mentee"])
    yesterday = timezone.localdate() - DAY
    response = client.post(
        reverse("api:goal-list"),
        json.dumps(
            {"relationship": str(cast["relationship"].uuid)} | _goal_fields(yesterday.isoformat())
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["target_on"] == ["The date must be today or in the future."]


def test_the_api_refuses_a_held_meeting_tomorrow(client, cast):
    client.force_login(cast["mentor"])
    tomorrow = timezone.now() + DAY
    response = client.post(
        reverse("api:conversation-list"),
        json.dumps(
            {
                "relationship": str(cast["relationship"].uuid),
                "status": "held",
                "starts_at": tomorrow.isoformat(),
                "duration_minutes": 30,
                "mode": "video",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.json()["errors"]["starts_at"][0]
