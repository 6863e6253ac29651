"""Leaders open the health check and see at-risk counts of people, never names; small
groups are suppressed and cannot be worked out from the total; coordinators open the
filtered, paged list of relationships; the computed check is kept while nothing changes."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tandem.evaluation import at_risk
from tandem.evaluation.at_risk import Flag, reason_counts
from tandem.evaluation.tests.cast import more_pairs
from tandem.relationships.models import Action, Relationship


def _quiet(cast, pairs):
    """Make the pairs active since a month ago with no meeting and no signed agreement, so
    each is flagged for "no meeting" and "unsigned"."""
    Relationship.objects.filter(members__user__in=[mentor for mentor, _mentee in pairs]).update(
        status="active", started_on=timezone.localdate() - dt.timedelta(days=30)
    )


def _flag(number, *keys, people=None):
    return Flag(number, "active", people or (2 * number, 2 * number + 1), keys, keys)


def test_counts_are_distinct_people_by_reason():
    # Four relationships; the fourth shares its mentor (person 2) with the first.
    flags = [_flag(n, "unsigned") for n in range(1, 4)]
    flags.append(_flag(9, "unsigned", "falling", people=(2, 90)))
    flags.append(_flag(10, "falling", people=(91, 92)))
    flags.append(_flag(11, "falling", people=(93, 94)))
    counts, total = reason_counts(flags)
    by_key = {count.key: count.people for count in counts}
    assert by_key["unsigned"] == 7  # 2, 3, 4, 5, 6, 7 and 90: person 2 counted once
    assert by_key["falling"] == 6
    assert by_key["no-meeting"] == 0  # about nobody: nothing to hide
    assert total == 11


def test_a_small_row_is_covered_by_another():
    flags = [_flag(n, "unsigned") for n in range(1, 5)] + [_flag(9, "overdue")]
    counts, total = reason_counts(flags)
    by_key = {count.key: count.people for count in counts}
    # Overdue is about 2 people: hidden, and unsigned with it, so the total cannot give
    # it back; with every row about people hidden, the total is hidden too.
    assert by_key["overdue"] is None
    assert by_key["unsigned"] is None
    assert total is None


def test_a_small_reason_cannot_be_recovered_from_the_total():
    unsigned = [_flag(n, "unsigned") for n in range(1, 6)]  # 10 people
    falling = [_flag(n, "falling") for n in range(10, 16)]  # 12 people
    overdue = [_flag(20, "overdue")]  # 2 people
    counts, total = reason_counts([*unsigned, *falling, *overdue])
    by_key = {count.key: count.people for count in counts}
    assert by_key["overdue"] is None
    shown = [people for people in by_key.values() if people]
    # Total minus the shown rows must not single out the 2 overdue people.
    if total is not None:
        assert total - sum(shown) >= 5 or total - sum(shown) == 0


def test_everything_small_hides_everything():
    counts, total = reason_counts([_flag(1, "unsigned"), _flag(2, "overdue")])
    assert all(count.people is None for count in counts if count.key in {"unsigned", "overdue"})
    assert total is None


@pytest.mark.django_db
def test_leader_sees_counts_of_people_and_no_names(client, cast):
    pairs = more_pairs(cast, 5)
    _quiet(cast, pairs)
    client.force_login(cast["leader"])
    response = client.get(reverse("evaluation:health", args=[cast["programme"].uuid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "People in relationships that may need attention" in body
    # Ten people in five quiet pairs (Bob and Dana's pair may add two more).
    assert "Learning agreement not signed after 14 days" in body
    assert "Mentor 0" not in body
    assert "Mentee 0" not in body
    assert reverse("evaluation:at-risk-list", args=[cast["programme"].uuid]) not in body


@pytest.mark.django_db
def test_leader_sees_small_groups_suppressed(client, cast):
    pairs = more_pairs(cast, 1)
    _quiet(cast, pairs)
    client.force_login(cast["leader"])
    body = client.get(reverse("evaluation:health", args=[cast["programme"].uuid])).content.decode()
    assert "Suppressed (fewer than 5)" in body
    assert "Mentor 0" not in body


@pytest.mark.django_db
def test_leader_cannot_open_the_at_risk_list(client, cast):
    client.force_login(cast["leader"])
    url = reverse("evaluation:at-risk-list", args=[cast["programme"].uuid])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_coordinator_filters_the_list_by_reason_and_name(client, cast):
    pairs = more_pairs(cast, 3)
    _quiet(cast, pairs)
    overdue = Relationship.objects.get(members__user=pairs[0][0])
    Action.objects.create(
        relationship=overdue,
        description="Plan a lesson",
        owner=pairs[0][1],
        due_on=timezone.localdate() - dt.timedelta(days=2),
        created_by=pairs[0][0],
    )
    client.force_login(cast["coordinator"])
    url = reverse("evaluation:at-risk-list", args=[cast["programme"].uuid])
    by_reason = client.get(url, {"reason": "overdue"}).content.decode()
    assert "Mentor 0" in by_reason
    assert "Mentor 1" not in by_reason
    by_name = client.get(url, {"q": "mentee 2"}).content.decode()
    assert "Mentor 2" in by_name
    assert "Mentor 1" not in by_name
    nobody = client.get(url, {"q": "no such person"}).content.decode()
    assert "No relationship matches these filters." in nobody


@pytest.mark.django_db
def test_a_bad_reason_filters_nothing_out_and_says_so(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("evaluation:at-risk-list", args=[cast["programme"].uuid])
    response = client.get(url, {"reason": "made-up"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_the_list_is_paged_with_the_filters_kept(client, cast):
    _quiet(cast, more_pairs(cast, 27))
    client.force_login(cast["coordinator"])
    url = reverse("evaluation:at-risk-list", args=[cast["programme"].uuid])
    body = client.get(url, {"reason": "unsigned"}).content.decode()
    assert "Page 1 of 2" in body
    assert "reason=unsigned&amp;page=2" in body
    assert "Page 2 of 2" in client.get(url, {"reason": "unsigned", "page": 2}).content.decode()


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_with_more_relationships(
    client, cast, django_assert_num_queries
):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    _quiet(cast, more_pairs(cast, 3))
    client.force_login(cast["coordinator"])
    url = reverse("evaluation:at-risk-list", args=[cast["programme"].uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    num_queries = len(first.captured_queries)  # read now: the next request clears the log
    _quiet(cast, more_pairs(cast, 30))
    cache.clear()  # as a minute later, when the fingerprint is taken again
    client.get(url)  # the records changed: computed again and stored
    # Session; user; programme; coordinator check; the fingerprint's ten aggregates; the
    # cache; the page's relationships; their members.
    with django_assert_num_queries(num_queries):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_check_is_computed_once_until_records_change(cast):
    programme = cast["programme"]
    with mock.patch.object(at_risk, "health_check", wraps=at_risk.health_check) as computed:
        at_risk.stored_summary(programme)
        at_risk.stored_summary(programme)
        at_risk.stored_flags(programme)
        assert computed.call_count == 1
        Action.objects.create(
            relationship=cast["relationship"],
            description="Read the chapter",
            owner=cast["mentee"],
            due_on=timezone.localdate() + dt.timedelta(days=7),
            created_by=cast["mentor"],
        )
        at_risk.stored_summary(programme)
        assert computed.call_count == 1  # the fingerprint is kept for a minute
        with time_machine.travel(dt.timedelta(seconds=at_risk.FINGERPRINT_SECONDS + 1)):
            at_risk.stored_summary(programme)
        assert computed.call_count == 2
