"""Goals and conversations can be deleted by the person who recorded them (a goal by its
owner, a conversation by whoever logged it), with a confirmation, an audit row and an undo,
and a deleted one stops counting everywhere: the relationship's record, the programme
overview, the health check, the impact report, the export and the report's fingerprint,
even where those reach conversations and goals through a join rather than the manager."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.evaluation.health import health_check
from tandem.evaluation.refresh import data_fingerprint
from tandem.evaluation.reports.engagement import self_direction_by_month
from tandem.evaluation.reports.impact import _dose
from tandem.imports.exports import relationship_rows
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.subject_access import write_pack
from tandem.relationships.models import Conversation, Goal
from tandem.relationships.selectors import my_mentees, programme_overview, relationship_record
from tandem.relationships.services import corrections

pytestmark = pytest.mark.django_db


def _url(name, item):
    return reverse(f"relationships:{name}", args=[item.uuid])


def _feature(programme, title):
    return next(f for f in health_check(programme)["features"] if f.title == title)


def _overview_row(cast):
    rows = programme_overview(cast["programme"], only=cast["relationship"])
    return rows[0]["relationship"]


def test_deleting_a_goal_asks_first_and_only_its_owner_may(client, cast):
    goal = cast["goal"]
    client.force_login(cast["mentor"])
    assert client.get(_url("goal-delete", goal)).status_code == 403
    assert client.post(_url("goal-delete", goal)).status_code == 403
    client.force_login(cast["outsider"])
    assert client.post(_url("goal-delete", goal)).status_code == 404
    client.force_login(cast["mentee"])
    page = client.get(_url("goal-delete", goal)).content.decode()
    assert "Delete this goal?" in page
    assert "Yes, delete it" in page
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_a_deleted_goal_leaves_the_record_and_comes_back_on_undo(client, cast):
    goal, relationship = cast["goal"], cast["relationship"]
    client.force_login(cast["mentee"])
    response = client.post(_url("goal-delete", goal))
    assert response.status_code == 302
    assert response.url == _url("goal-list", relationship)
    stored = Goal.all_objects.get(pk=goal.pk)
    assert stored.deleted_by == cast["mentee"]
    assert relationship_record(relationship)["goals"] == []
    assert AuditEvent.objects.filter(action="goal.delete", object_uuid=goal.uuid).exists()
    assert client.get(_url("goal-detail", goal)).status_code == 404
    page = client.get(_url("goal-list", relationship)).content.decode()
    assert "Recently deleted" in page
    assert _url("goal-restore", goal) in page
    client.force_login(cast["mentor"])  # not who deleted it: no undo for them
    assert client.post(_url("goal-restore", goal)).status_code == 403
    client.force_login(cast["mentee"])
    assert client.post(_url("goal-restore", goal)).status_code == 302
    assert [row.pk for row in relationship_record(relationship)["goals"]] == [goal.pk]
    assert AuditEvent.objects.filter(action="goal.restore", object_uuid=goal.uuid).exists()


def test_a_conversation_is_deleted_only_by_who_logged_it_and_undone_in_time(client, cast):
    conversation, relationship = cast["conversation"], cast["relationship"]  # logged by mentor
    client.force_login(cast["mentee"])
    assert client.post(_url("conversation-delete", conversation)).status_code == 403
    page = client.get(_url("conversation-list", relationship)).content.decode()
    assert _url("conversation-delete", conversation) not in page
    assert _url("conversation-delete", cast["planned"]) in page  # the mentee logged this one
    client.force_login(cast["mentor"])
    page = client.get(_url("conversation-delete", conversation)).content.decode()
    assert "Delete this conversation?" in page
    assert Conversation.objects.filter(pk=conversation.pk).exists()
    assert client.post(_url("conversation-delete", conversation)).status_code == 302
    assert conversation not in relationship_record(relationship)["conversations"]
    assert client.get(_url("conversation-detail", conversation)).status_code == 404
    assert AuditEvent.objects.filter(
        action="conversation.delete", object_uuid=conversation.uuid
    ).exists()
    long_ago = timezone.now() - corrections.UNDO_WINDOW - dt.timedelta(minutes=1)
    Conversation.all_objects.filter(pk=conversation.pk).update(deleted_at=long_ago)
    response = client.post(_url("conversation-restore", conversation), follow=True)
    assert "can no longer be undone" in response.content.decode()
    assert Conversation.all_objects.get(pk=conversation.pk).deleted_at is not None


def test_a_live_goal_cannot_be_restored_and_an_ended_relationship_blocks_deletion(client, cast):
    client.force_login(cast["mentee"])
    assert client.post(_url("goal-restore", cast["goal"])).status_code == 404
    type(cast["relationship"]).objects.filter(pk=cast["relationship"].pk).update(
        status="ended", ended_on=timezone.localdate(), end_reason="completed"
    )
    assert client.post(_url("goal-delete", cast["goal"])).status_code == 403
    assert Goal.objects.filter(pk=cast["goal"].pk).exists()


def test_a_deleted_conversation_stops_counting_in_reports_reached_through_joins(cast):
    programme, relationship = cast["programme"], cast["relationship"]
    mentor, mentee = cast["mentor"], cast["mentee"]
    conversation = cast["conversation"]  # held, 45 minutes, two agenda items
    time = "Sufficient time"
    assert _overview_row(cast).num_held == 1
    assert "1 meetings held" in _feature(programme, time).evidence[0]
    assert _dose(programme, [mentee.pk])[mentee.pk] == (1, 0.75)
    assert [row[-1] for row in relationship_rows(programme)] == [1]
    assert my_mentees(mentor)["rows"][0]["relationship"].num_agenda_items == 2
    today = timezone.localdate()
    assert sum(row.values[1] for row in self_direction_by_month(programme, today).rows) == 2
    before = data_fingerprint(programme)

    corrections.delete_record(actor=mentor, item=conversation)

    assert _overview_row(cast).num_held == 0
    assert "0 meetings held" in _feature(programme, time).evidence[0]
    assert "0.0 hours of contact time" in _feature(programme, time).evidence[1]
    assert _dose(programme, [mentee.pk])[mentee.pk] == (0, 0.0)
    assert [row[-1] for row in relationship_rows(programme)] == [0]
    assert my_mentees(mentor)["rows"][0]["relationship"].num_agenda_items == 0
    assert self_direction_by_month(programme, today).rows == ()
    assert data_fingerprint(programme) != before
    assert relationship_record(relationship)["contact_minutes"] == 0

    corrections.restore_record(actor=mentor, item=conversation)
    assert _overview_row(cast).num_held == 1
    assert [row[-1] for row in relationship_rows(programme)] == [1]


def test_a_deleted_goal_stops_counting_in_goal_totals(cast):
    programme = cast["programme"]
    focus = "Clear focus and a learning contract"
    assert _overview_row(cast).num_goals == 1
    assert "of 1 goals state success criteria" in _feature(programme, focus).evidence[1]
    corrections.delete_record(actor=cast["mentee"], item=cast["goal"])
    assert _overview_row(cast).num_goals == 0
    assert "0 of 0 goals state success criteria" in _feature(programme, focus).evidence[1]


def test_subject_access_pack_includes_deleted_goals_and_conversations(cast):
    corrections.delete_record(actor=cast["mentee"], item=cast["goal"])
    corrections.delete_record(actor=cast["mentor"], item=cast["conversation"])
    buffer = io.BytesIO()
    write_pack(cast["mentee"], buffer)
    archive = zipfile.ZipFile(buffer)
    goals = json.loads(archive.read("goals.json"))
    conversations = json.loads(archive.read("conversations.json"))
    assert [row["deleted_at"] is not None for row in goals] == [True]
    deleted = [row for row in conversations if row["deleted_at"] is not None]
    assert [row["summary"] for row in deleted] == [
        "Talked through hinge questions for the forces unit."
    ]
    assert len(conversations) == 2


def test_erasure_blanks_deleted_goals_and_conversations(cast, django_capture_on_commit_callbacks):
    corrections.delete_record(actor=cast["mentee"], item=cast["goal"])
    corrections.delete_record(actor=cast["mentor"], item=cast["conversation"])
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(actor=None, subject=cast["mentee"])
    goal = Goal.all_objects.get(pk=cast["goal"].pk)
    assert goal.why_it_matters != cast["goal"].why_it_matters
    assert Conversation.all_objects.get(pk=cast["conversation"].pk).summary == ""


def _num_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("name", ["goal-list", "conversation-list"])
def test_the_goal_and_conversation_lists_make_the_same_queries_for_more_rows(client, cast, name):
    relationship = cast["relationship"]
    client.force_login(cast["mentee"])
    url = _url(name, relationship)
    client.get(url)  # warm the session and site caches
    before = _num_queries(client, url)
    assert before <= 12
    for index in range(4):
        goal = Goal.objects.create(
            relationship=relationship,
            owner=cast["mentee"],
            title=f"Goal {index}",
            why_it_matters="Because.",
            success_criteria="Seen in books.",
            target_on=timezone.localdate() + dt.timedelta(days=30),
        )
        corrections.delete_record(actor=cast["mentee"], item=goal)
        conversation = Conversation.objects.create(
            relationship=relationship,
            status=Conversation.Status.PLANNED,
            starts_at=timezone.now() + dt.timedelta(days=index + 1),
            duration_minutes=30,
            mode=Conversation.Mode.PHONE,
            created_by=cast["mentee"],
        )
        corrections.delete_record(actor=cast["mentee"], item=conversation)
    Goal.objects.create(
        relationship=relationship,
        owner=cast["mentee"],
        title="One more",
        why_it_matters="Because.",
        success_criteria="Seen in books.",
        target_on=timezone.localdate() + dt.timedelta(days=30),
    )
    assert _num_queries(client, url) == before
