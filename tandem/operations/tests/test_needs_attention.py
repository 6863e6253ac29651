"""The coordinator's "Needs your attention" panel on the home page: each count, the filtered
list it links to (which shows exactly those), and a query count that stays flat."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.matching.models import MatchRun, OfferStatus, RunMode, RunStatus, ShortlistOffer
from tandem.operations.attention import needs_attention_for
from tandem.programmes.models import Enrolment
from tandem.relationships.models import Relationship
from tandem.testing.workflow import approve, make_programme, pair, person

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def _items(user, programme):
    attention = needs_attention_for(user)
    (entry,) = [e for e in attention.programmes if e.programme.pk == programme.pk]
    return {item.key: item for item in entry.items}


@pytest.fixture
def waiting(cast):
    """Besides the cast's open change request and Frank's application (and Dana's pair,
    signed and met three days ago): Eve paired with Gus long ago, never signed or met, and
    Ivan, a mentee in an open shortlist round, waiting on Gus's answer."""
    programme = cast["programme"]
    gus = person(cast["moorland"], "Gus Mentor", years_in_profession=9)
    approve(programme, gus, "mentor")
    stale = pair(cast["coordinator"], programme, gus, cast["other_mentee"])
    Relationship.objects.filter(pk=stale.pk).update(
        status=Relationship.Status.ACTIVE,
        started_on=timezone.localdate() - dt.timedelta(days=40),
    )
    ivan = person(cast["moorland"], "Ivan Chooser")
    approve(programme, ivan, "mentee")
    run = MatchRun.objects.create(
        programme=programme, mode=RunMode.SHORTLIST, status=RunStatus.OPEN
    )
    ShortlistOffer.objects.create(
        run=run,
        mentee=ivan,
        mentor=gus,
        rank=1,
        points=5000,
        status=OfferStatus.CHOSEN,
        chosen_at=timezone.now(),
        respond_by=timezone.now() + dt.timedelta(days=5),
    )
    return {"gus": gus, "stale": stale, "run": run, "ivan": ivan}


def test_each_kind_of_waiting_work_is_counted(cast, waiting):
    items = _items(cast["coordinator"], cast["programme"])
    assert {key: item.count for key, item in items.items()} == {
        "change-requests": 1,
        "applications": 1,
        "mentor-choices": 1,
        "unsigned": 1,
        "overdue": 1,
    }
    assert items["mentor-choices"].url == reverse("matching:run-detail", args=[waiting["run"].uuid])


def test_each_count_links_to_a_list_showing_exactly_those(client, cast, waiting):
    client.force_login(cast["coordinator"])
    items = _items(cast["coordinator"], cast["programme"])
    for key in ("unsigned", "overdue"):
        page = client.get(items[key].url).content.decode()
        assert "Gus Mentor" in page, key
        assert "Bob Mentor" not in page, key
    changes = client.get(items["change-requests"].url)
    assert [row["relationship"] for row in changes.context["rows"]] == [cast["relationship"]]
    applications = client.get(items["applications"].url).content.decode()
    assert "Frank Applicant" in applications
    assert "Gus Mentor" not in applications


def test_settled_work_stops_being_counted(cast, waiting):
    cast["application"].status = Enrolment.Status.DECLINED
    cast["application"].save()
    cast["change"].status = "resolved"
    cast["change"].save()
    ShortlistOffer.objects.update(status=OfferStatus.ACCEPTED)
    waiting["stale"].status = Relationship.Status.ENDED
    waiting["stale"].ended_on = timezone.localdate()
    waiting["stale"].end_reason = Relationship.EndReason.OTHER
    waiting["stale"].save()
    assert _items(cast["coordinator"], cast["programme"]) == {}


def test_a_choice_past_its_deadline_is_not_waiting_on_the_mentor(cast, waiting):
    ShortlistOffer.objects.update(respond_by=timezone.now() - dt.timedelta(hours=1))
    assert "mentor-choices" not in _items(cast["coordinator"], cast["programme"])


def test_a_pair_meeting_within_the_rhythm_is_not_overdue(cast, waiting):
    """Weekly programme, a week's grace: 13 days since the start is fine, 15 is overdue."""
    Relationship.objects.filter(pk=waiting["stale"].pk).update(
        started_on=timezone.localdate() - dt.timedelta(days=13)
    )
    assert "overdue" not in _items(cast["coordinator"], cast["programme"])
    Relationship.objects.filter(pk=waiting["stale"].pk).update(
        started_on=timezone.localdate() - dt.timedelta(days=15)
    )
    assert _items(cast["coordinator"], cast["programme"])["overdue"].count == 1


def test_the_home_page_shows_the_counts_with_their_links(client, cast, waiting):
    client.force_login(cast["coordinator"])
    page = client.get(HOME).content.decode()
    assert "Needs your attention" in page
    overview = reverse("relationships:programme-overview", args=[cast["programme"].uuid])
    assert f'href="{overview}?show=unsigned"' in page
    assert "agreements not yet signed by everyone" in page


def test_nobody_else_sees_the_panel(client, cast, waiting):
    for role in ("mentor", "mentee", "leader", "outsider"):
        client.force_login(cast[role])
        assert "Needs your attention" not in client.get(HOME).content.decode(), role
        assert needs_attention_for(cast[role]).programmes == []


def test_the_panel_says_when_nothing_is_waiting(client, cast):
    cast["application"].delete()
    cast["change"].delete()
    client.force_login(cast["coordinator"])
    page = client.get(HOME).content.decode()
    assert "Nothing is waiting for you in the programmes you coordinate." in page


def test_the_panel_runs_the_same_queries_however_much_is_waiting(
    cast, waiting, django_assert_num_queries
):
    # programmes; change requests; applications; mentee choices; unsigned; overdue; and the
    # stopped background work (report snapshots, matching runs, imports, exports)
    with django_assert_num_queries(10):
        needs_attention_for(cast["coordinator"])
    second = make_programme(cast["coordinator"], cast["moorland"], name="Second programme")
    for index in range(3):
        mentor = person(cast["moorland"], f"Extra Mentor {index}")
        mentee = person(cast["moorland"], f"Extra Mentee {index}")
        approve(second, mentor, "mentor")
        approve(second, mentee, "mentee")
        pair(cast["coordinator"], second, mentor, mentee)
        Enrolment.objects.create(
            programme=second,
            user=person(cast["moorland"], f"Applicant {index}"),
            role="mentee",
            status="applied",
        )
    with django_assert_num_queries(10):
        attention = needs_attention_for(cast["coordinator"])
    assert sum(entry.total for entry in attention.programmes) > 5


def test_the_home_page_query_count_does_not_grow_with_programmes(
    client, cast, waiting, django_assert_num_queries
):
    client.force_login(cast["coordinator"])
    client.get(HOME)  # warm the session
    with CaptureQueriesContext(connection) as first:
        client.get(HOME)
    make_programme(cast["coordinator"], cast["moorland"], name="Another programme")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(HOME)
