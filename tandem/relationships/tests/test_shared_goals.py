"""Goals owned jointly by co-coaching pairs and groups: every learner may change a shared
goal and record progress on it; a mentoring pair cannot share one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.framework import keys
from tandem.relationships.models import Goal
from tandem.relationships.services import lifecycle, record
from tandem.testing.workflow import approve, make_programme, person

pytestmark = pytest.mark.django_db


def _goal_fields(**extra):
    return {
        "title": "Plan a joint enquiry",
        "why_it_matters": "Both of our departments need it.",
        "success_criteria": "An enquiry run in both classes.",
        "target_on": timezone.localdate() + dt.timedelta(days=30),
    } | extra


@pytest.fixture
def co_coaches(cast):
    programme = make_programme(
        cast["coordinator"],
        cast["moorland"],
        name="Co-coaching 2026",
        approach=keys.Approach.CO_COACHING,
        pairing=keys.Pairing.PEER,
    )
    # Pat and Quinn coach each other: both are learners and both support.
    pat = person(cast["moorland"], "Pat Cocoach")
    quinn = person(cast["moorland"], "Quinn Cocoach")
    approve(programme, pat, "peer")
    approve(programme, quinn, "peer")
    relationship = lifecycle.create_relationship(
        actor=cast["coordinator"],
        programme=programme,
        members=[(pat, "co-coach", False), (quinn, "co-coach", False)],
    )
    return relationship, pat, quinn


def test_a_co_coach_adds_a_shared_goal_from_the_page(client, co_coaches):
    relationship, pat, _quinn = co_coaches
    client.force_login(pat)
    page = client.get(reverse("relationships:goal-add", args=[relationship.uuid]))
    assert "Shared goal" in page.content.decode()
    target = timezone.localdate() + dt.timedelta(days=30)
    response = client.post(
        reverse("relationships:goal-add", args=[relationship.uuid]),
        {
            "title": "Plan a joint enquiry",
            "why_it_matters": "Both departments.",
            "success_criteria": "Run in both classes.",
            "target_on_day": target.day,
            "target_on_month": target.month,
            "target_on_year": target.year,
            "status": "not-started",
            "is_shared": "on",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(relationship=relationship)
    assert goal.is_shared
    detail = client.get(goal.get_absolute_url()).content.decode()
    assert "Shared goal" in detail


def test_the_other_co_coach_may_change_a_shared_goal(client, co_coaches):
    relationship, pat, quinn = co_coaches
    goal = record.add_goal(
        actor=pat, relationship=relationship, fields=_goal_fields(is_shared=True)
    )
    record.edit_goal(
        actor=quinn, goal=goal, version=goal.version, fields=_goal_fields(status="in-progress")
    )
    goal.refresh_from_db()
    assert goal.status == "in-progress"
    client.force_login(quinn)
    assert client.get(reverse("relationships:goal-edit", args=[goal.uuid])).status_code == 200


def test_a_goal_not_shared_stays_its_owners(client, co_coaches):
    relationship, pat, quinn = co_coaches
    goal = record.add_goal(actor=pat, relationship=relationship, fields=_goal_fields())
    with pytest.raises(PermissionError):
        record.edit_goal(
            actor=quinn, goal=goal, version=goal.version, fields=_goal_fields(status="achieved")
        )
    client.force_login(quinn)
    assert client.get(reverse("relationships:goal-edit", args=[goal.uuid])).status_code == 403


def test_a_mentoring_pair_cannot_share_a_goal(client, cast):
    with pytest.raises(ValidationError):
        record.add_goal(
            actor=cast["mentee"],
            relationship=cast["relationship"],
            fields=_goal_fields(is_shared=True),
        )
    client.force_login(cast["mentee"])
    page = client.get(reverse("relationships:goal-add", args=[cast["relationship"].uuid]))
    assert "Shared goal" not in page.content.decode()


def test_a_mentor_still_cannot_change_a_shared_goal_of_a_group(cast):
    """In a facilitated group the facilitator supports; the goal belongs to the learners."""
    programme = make_programme(
        cast["coordinator"],
        cast["moorland"],
        name="Work discussion group",
        approach=keys.Approach.GROUP_REFLECTIVE_SUPERVISION,
        group_format=keys.GroupFormat.GROUP,
    )
    facilitator = person(cast["moorland"], "Fay Facilitator")
    one = person(cast["moorland"], "Ola Member")
    two = person(cast["moorland"], "Tom Member")
    approve(programme, facilitator, "mentor")
    approve(programme, one, "mentee")
    approve(programme, two, "mentee")
    group = lifecycle.create_relationship(
        actor=cast["coordinator"],
        programme=programme,
        members=[
            (facilitator, "facilitator", False),
            (one, "mentee", False),
            (two, "mentee", False),
        ],
    )
    goal = record.add_goal(actor=one, relationship=group, fields=_goal_fields(is_shared=True))
    record.edit_goal(
        actor=two, goal=goal, version=goal.version, fields=_goal_fields(status="in-progress")
    )
    goal.refresh_from_db()
    with pytest.raises(PermissionError):
        record.edit_goal(
            actor=facilitator,
            goal=goal,
            version=goal.version,
            fields=_goal_fields(status="achieved"),
        )
