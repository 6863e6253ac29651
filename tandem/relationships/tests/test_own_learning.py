"""A mentor keeps their own learning goals and a private learning log (seed 003 principle 8;
seed 002 §6, the two-way learning process): theirs alone, encrypted at rest, correctable,
deleted softly with an undo, and covered by key rotation."""

import datetime as dt
import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.evaluation.reports.pupil_outcomes import supporters_own_learning_table
from tandem.framework import keys
from tandem.relationships.models import LearningLogEntry, OwnLearningGoal
from tandem.relationships.services import lifecycle, twoway
from tandem.relationships.services.corrections import UNDO_WINDOW
from tandem.testing.workflow import approve, make_programme, pair, person

pytestmark = pytest.mark.django_db

SECRET = "I rush to give advice instead of asking"


def _log(cast, **fields):
    return twoway.add_learning_log_entry(
        actor=cast["mentor"],
        relationship=cast["relationship"],
        fields={"learned_on": timezone.localdate(), "learned": SECRET} | fields,
    )


def _stored(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - fixed names
        return [row[0] for row in cursor.fetchall()]


def test_the_mentor_adds_a_goal_and_a_log_entry_from_the_page(client, cast):
    relationship = cast["relationship"]
    client.force_login(cast["mentor"])
    response = client.post(
        reverse("relationships:own-goal-add", args=[relationship.uuid]),
        {
            "title": "Coach rather than tell",
            "status": "in-progress",
            "framework_keys": ["learning-conversation"],
        },
    )
    assert response.status_code == 302
    today = timezone.localdate()
    response = client.post(
        reverse("relationships:log-entry-add", args=[relationship.uuid]),
        {
            "learned_on_day": today.day,
            "learned_on_month": today.month,
            "learned_on_year": today.year,
            "learned": SECRET,
            "framework_key": "learning-conversation",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("relationships:own-learning", args=[relationship.uuid]))
    text = page.content.decode()
    assert "Coach rather than tell" in text
    assert SECRET in text
    # The Framework link shows by its title, not its key.
    assert "(Framework: " in text
    assert "(Framework: learning-conversation)" not in text
    goal = OwnLearningGoal.objects.get()
    assert goal.owner == cast["mentor"]
    assert goal.framework_keys == ["learning-conversation"]


def test_the_learning_log_is_encrypted_at_rest(cast):
    _log(cast)
    twoway.add_own_learning_goal(
        actor=cast["mentor"], relationship=cast["relationship"], fields={"title": SECRET}
    )
    for table, column in (
        ("relationships_learninglogentry", "learned"),
        ("relationships_ownlearninggoal", "title"),
    ):
        (stored,) = _stored(table, column)
        assert SECRET not in stored
        assert stored.startswith("gAAAA")  # a Fernet token
    assert LearningLogEntry.objects.get().learned == SECRET


def test_nobody_but_the_owner_sees_their_learning_not_even_the_learner(client, cast):
    entry = _log(cast)
    client.force_login(cast["mentee"])
    page = client.get(
        reverse("relationships:relationship-detail", args=[cast["relationship"].uuid])
    )
    assert SECRET not in page.content.decode()
    assert client.get(reverse("relationships:log-entry-edit", args=[entry.uuid])).status_code == 404
    client.force_login(cast["coordinator"])
    assert client.get(reverse("relationships:log-entry-edit", args=[entry.uuid])).status_code == 404


def test_a_learner_cannot_keep_a_supporters_log(cast):
    with pytest.raises(PermissionError):
        twoway.add_learning_log_entry(
            actor=cast["mentee"],
            relationship=cast["relationship"],
            fields={"learned_on": timezone.localdate(), "learned": "x"},
        )


def test_a_log_entry_cannot_be_dated_in_the_future(cast):
    with pytest.raises(ValidationError):
        _log(cast, learned_on=timezone.localdate() + dt.timedelta(days=1))


def test_an_unknown_framework_link_is_refused(cast):
    with pytest.raises(ValidationError):
        _log(cast, framework_key="not-a-principle")


def test_the_owner_corrects_an_entry(client, cast):
    entry = _log(cast)
    client.force_login(cast["mentor"])
    today = timezone.localdate()
    response = client.post(
        reverse("relationships:log-entry-edit", args=[entry.uuid]),
        {
            "learned_on_day": today.day,
            "learned_on_month": today.month,
            "learned_on_year": today.year,
            "learned": "Corrected: wait longer",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.learned == "Corrected: wait longer"


def test_deleting_asks_first_then_undo_brings_it_back_with_audit_rows(client, cast):
    entry = _log(cast)
    client.force_login(cast["mentor"])
    delete_url = reverse("relationships:log-entry-delete", args=[entry.uuid])
    assert "Yes, delete it" in client.get(delete_url).content.decode()
    assert LearningLogEntry.objects.filter(pk=entry.pk).exists()
    client.post(delete_url)
    assert not LearningLogEntry.objects.filter(pk=entry.pk).exists()
    page = client.get(reverse("relationships:own-learning", args=[cast["relationship"].uuid]))
    assert "Recently deleted" in page.content.decode()
    client.post(reverse("relationships:log-entry-restore", args=[entry.uuid]))
    assert LearningLogEntry.objects.filter(pk=entry.pk).exists()
    actions = set(
        AuditEvent.objects.filter(object_uuid=entry.uuid).values_list("action", flat=True)
    )
    assert {"learninglogentry.delete", "learninglogentry.restore"} <= actions


def test_undo_is_refused_after_the_window(client, cast):
    goal = twoway.add_own_learning_goal(
        actor=cast["mentor"], relationship=cast["relationship"], fields={"title": "Listen"}
    )
    twoway.delete_own_record(actor=cast["mentor"], item=goal)
    long_ago = timezone.now() - UNDO_WINDOW - dt.timedelta(minutes=1)
    OwnLearningGoal.all_objects.filter(pk=goal.pk).update(deleted_at=long_ago)
    client.force_login(cast["mentor"])
    response = client.post(reverse("relationships:own-goal-restore", args=[goal.uuid]), follow=True)
    assert "can no longer be undone" in response.content.decode()
    assert not OwnLearningGoal.objects.filter(pk=goal.pk).exists()


def test_keys_rotate_for_own_learning_deleted_rows_included(cast, settings):
    entry = _log(cast)
    goal = twoway.add_own_learning_goal(
        actor=cast["mentor"], relationship=cast["relationship"], fields={"title": SECRET}
    )
    twoway.delete_own_record(actor=cast["mentor"], item=goal)
    old_key = settings.TANDEM_NOTE_KEYS[0]
    settings.TANDEM_NOTE_KEYS = [Fernet.generate_key().decode(), old_key]
    call_command("rotate_note_keys", stdout=io.StringIO())
    settings.TANDEM_NOTE_KEYS = settings.TANDEM_NOTE_KEYS[:1]
    assert LearningLogEntry.objects.get(pk=entry.pk).learned == SECRET
    assert OwnLearningGoal.all_objects.get(pk=goal.pk).title == SECRET


def test_the_own_learning_page_runs_a_fixed_number_of_queries(
    client, cast, django_assert_num_queries
):
    url = reverse("relationships:own-learning", args=[cast["relationship"].uuid])
    client.force_login(cast["mentor"])
    client.get(url)
    # session, user, relationship, membership, Framework titles, entries, goals, deleted
    # goals, deleted entries
    with django_assert_num_queries(9):
        client.get(url)
    for number in range(3):
        entry = _log(cast, learned=f"Entry {number}")
        twoway.add_own_learning_goal(
            actor=cast["mentor"], relationship=cast["relationship"], fields={"title": f"G{number}"}
        )
    twoway.delete_own_record(actor=cast["mentor"], item=entry)
    with django_assert_num_queries(9):
        client.get(url)


def test_the_programme_counts_supporters_keeping_their_own_learning_never_reading_it(client, cast):
    """Counted, never read: 1 mentor is fewer than 5, so the count is suppressed, and the
    words never reach the page."""

    _log(cast)
    table = supporters_own_learning_table(cast["programme"])
    assert all(row.is_suppressed for row in table.rows)
    client.force_login(cast["coordinator"])
    page = client.get(reverse("evaluation:pupil-outcomes", args=[cast["programme"].uuid]))
    text = page.content.decode()
    assert "Mentors&#x27; and coaches&#x27; own learning" in text or "own learning" in text
    assert SECRET not in text


def test_5_supporters_keeping_a_log_are_shown(cast):

    _log(cast)
    for number in range(4):
        mentor = person(cast["moorland"], f"Mentor {number}")
        mentee = person(cast["moorland"], f"Mentee {number}")
        approve(cast["programme"], mentor, "mentor")
        approve(cast["programme"], mentee, "mentee")
        relationship = pair(cast["coordinator"], cast["programme"], mentor, mentee)
        twoway.add_learning_log_entry(
            actor=mentor,
            relationship=relationship,
            fields={"learned_on": timezone.localdate(), "learned": "x"},
        )
    goals, log = supporters_own_learning_table(cast["programme"]).rows
    assert goals.is_suppressed  # nobody keeps goals
    assert not log.is_suppressed
    assert log.values == (5, "100%")


def test_a_co_coach_keeps_their_own_learning_too(cast):

    programme = make_programme(
        cast["coordinator"],
        cast["moorland"],
        name="Co-coaching",
        approach=keys.Approach.CO_COACHING,
        pairing=keys.Pairing.PEER,
    )
    pat = person(cast["moorland"], "Pat Cocoach")
    quinn = person(cast["moorland"], "Quinn Cocoach")
    approve(programme, pat, "peer")
    approve(programme, quinn, "peer")
    relationship = lifecycle.create_relationship(
        actor=cast["coordinator"],
        programme=programme,
        members=[(pat, "co-coach", False), (quinn, "co-coach", False)],
    )
    for co_coach in (pat, quinn):
        twoway.add_own_learning_goal(
            actor=co_coach, relationship=relationship, fields={"title": "Listen"}
        )
    assert OwnLearningGoal.objects.filter(relationship=relationship).count() == 2
