"""A small organisation in a partnership stays hidden: its meetings cannot be worked out by
taking the other organisations from the programme's monthly totals."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.evaluation.reports import build_report
from tandem.evaluation.tables import SUPPRESSED
from tandem.evaluation.tests.cast import answer_rounds, more_pairs, open_check_in
from tandem.relationships.models import Conversation, Relationship
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import approve, pair, person


def _pairs(cast, organisation, count, meetings):
    programme = cast["programme"]
    for index in range(count):
        mentor = person(organisation, f"{organisation.name} mentor {index}")
        mentee = person(organisation, f"{organisation.name} mentee {index}")
        approve(programme, mentor, "mentor")
        approve(programme, mentee, "mentee")
        relationship = pair(cast["coordinator"], programme, mentor, mentee)
        Conversation.objects.bulk_create(
            Conversation(
                relationship=relationship,
                status=Conversation.Status.HELD,
                starts_at=timezone.now() - dt.timedelta(hours=1 + meeting),
                duration_minutes=60,
                mode=Conversation.Mode.IN_PERSON,
            )
            for meeting in range(meetings)
        )


@pytest.mark.django_db
def test_a_small_organisations_meetings_cannot_be_recovered_from_the_programme_total(cast):
    programme = cast["programme"]
    brook = OrganisationFactory.create(name="Brook Primary")
    programme.organisations.add(brook)
    _pairs(cast, cast["moorland"], 6, meetings=2)
    _pairs(cast, brook, 2, meetings=7)  # the two Brook pairs met 14 times between them
    Relationship.objects.filter(programme=programme).update(
        started_on=timezone.localdate().replace(day=1)
    )
    report = build_report(programme)
    by_organisation = {row.label: row for row in report.engagement_by_organisation.rows}
    assert by_organisation["Brook Primary"].is_suppressed
    # What a reader can see: the meetings held each month, and each organisation shown.
    held_in_months = sum(row.values[1] for row in report.engagement.rows if not row.is_suppressed)
    shown = [
        row.values[1] for row in report.engagement_by_organisation.rows if not row.is_suppressed
    ]
    assert held_in_months - sum(shown) != 14
    hidden = [row for row in report.engagement_by_organisation.rows if row.is_suppressed]
    assert len(hidden) >= 2
    assert sum(row.n for row in hidden) >= 5
    assert all(value == SUPPRESSED for row in hidden for value in row.values)


@pytest.mark.django_db
def test_a_small_check_in_round_cannot_be_recovered_from_the_surveys_pooled_results(cast):
    """Six people answer round 1 and three of them round 2: the survey's results pool both
    rounds, so round 2's means would follow from the pool less round 1. Both are hidden."""
    check_in = open_check_in(cast)
    mentees = [mentee for _mentor, mentee in more_pairs(cast, 6)]
    answer_rounds(check_in, mentees, rounds=1)
    answer_rounds(check_in, mentees[:3], rounds=1, first_round=1)
    rows = build_report(cast["programme"]).check_ins.rows
    assert [row.n for row in rows] == [6, 3]
    assert all(row.is_suppressed for row in rows)
