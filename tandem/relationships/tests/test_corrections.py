"""Time entries and observations can be listed, corrected and deleted by the person who
recorded them. Deletion asks first, is soft (hidden from lists and reports, kept for the
audit and privacy duties), writes an audit row and can be undone for a while."""

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
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.subject_access import write_pack
from tandem.relationships.models import Observation, TimeEntry
from tandem.relationships.selectors import relationship_record
from tandem.relationships.services import corrections, record

pytestmark = pytest.mark.django_db


def _entry(cast):
    return TimeEntry.objects.get(relationship=cast["relationship"], user=cast["mentor"])


def _url(name, item):
    return reverse(f"relationships:{name}", args=[item.uuid])


def test_members_see_the_time_list_and_only_the_author_sees_change_links(client, cast):
    entry = _entry(cast)
    url = _url("time-list", cast["relationship"])
    client.force_login(cast["mentor"])
    page = client.get(url).content.decode()
    assert "30 minutes of preparation" in page
    assert _url("time-edit", entry) in page
    assert _url("time-delete", entry) in page
    client.force_login(cast["mentee"])
    page = client.get(url).content.decode()
    assert "Preparation" in page
    assert _url("time-delete", entry) not in page
    assert client.get(_url("time-edit", entry)).status_code == 403
    assert client.post(_url("time-delete", entry)).status_code == 403
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_the_author_corrects_a_time_entry(client, cast):
    entry = _entry(cast)
    client.force_login(cast["mentor"])
    today = timezone.localdate()
    data = {
        "kind": "training",
        "minutes": 45,
        "spent_on_day": today.day,
        "spent_on_month": today.month,
        "spent_on_year": today.year,
        "note": "Mentor training, part 1",
    }
    response = client.post(_url("time-edit", entry), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.kind, entry.minutes, entry.note) == ("training", 45, "Mentor training, part 1")
    assert AuditEvent.objects.filter(action="timeentry.edit", object_uuid=entry.uuid).exists()


def test_a_correction_cannot_move_the_date_into_the_future(client, cast):
    entry = _entry(cast)
    client.force_login(cast["mentor"])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {
        "kind": "preparation",
        "minutes": 30,
        "spent_on_day": tomorrow.day,
        "spent_on_month": tomorrow.month,
        "spent_on_year": tomorrow.year,
    }
    page = client.post(_url("time-edit", entry), data).content.decode()
    assert "The date must be today or in the past." in page
    entry.refresh_from_db()
    assert entry.spent_on == timezone.localdate()


def test_deleting_asks_first_and_the_get_changes_nothing(client, cast):
    entry = _entry(cast)
    client.force_login(cast["mentor"])
    page = client.get(_url("time-delete", entry)).content.decode()
    assert "Delete this time entry?" in page
    assert "Yes, delete it" in page
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_a_deleted_entry_leaves_lists_and_totals_and_can_be_undone(client, cast):
    entry = _entry(cast)
    relationship = cast["relationship"]
    client.force_login(cast["mentor"])
    response = client.post(_url("time-delete", entry))
    assert response.status_code == 302
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()  # hidden from every report
    stored = TimeEntry.all_objects.get(pk=entry.pk)
    assert stored.deleted_by == cast["mentor"]
    assert relationship_record(relationship)["non_contact_minutes"] == 0
    assert AuditEvent.objects.filter(action="timeentry.delete", object_uuid=entry.uuid).exists()
    page = client.get(_url("time-list", relationship)).content.decode()
    assert "Recently deleted" in page
    assert _url("time-restore", entry) in page
    # The other member is not offered the undo and may not use it.
    client.force_login(cast["mentee"])
    assert "Recently deleted" not in client.get(_url("time-list", relationship)).content.decode()
    assert client.post(_url("time-restore", entry)).status_code == 403
    client.force_login(cast["mentor"])
    assert client.post(_url("time-restore", entry)).status_code == 302
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
    assert relationship_record(relationship)["non_contact_minutes"] == 30
    assert AuditEvent.objects.filter(action="timeentry.restore", object_uuid=entry.uuid).exists()


def test_undo_is_refused_once_the_grace_period_has_passed(client, cast):
    entry = _entry(cast)
    corrections.delete_record(actor=cast["mentor"], item=entry)
    # Deleted a minute longer ago than the window (set directly: travelling in time
    # would also end the test's session).
    long_ago = timezone.now() - corrections.UNDO_WINDOW - dt.timedelta(minutes=1)
    TimeEntry.all_objects.filter(pk=entry.pk).update(deleted_at=long_ago)
    client.force_login(cast["mentor"])
    page = client.get(_url("time-list", cast["relationship"])).content.decode()
    assert "Recently deleted" not in page
    response = client.post(_url("time-restore", entry), follow=True)
    assert "can no longer be undone" in response.content.decode()
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()


def test_undo_a_minute_before_the_end_of_the_grace_period_works(cast):
    entry = _entry(cast)
    corrections.delete_record(actor=cast["mentor"], item=entry)
    nearly = timezone.now() - corrections.UNDO_WINDOW + dt.timedelta(minutes=1)
    TimeEntry.all_objects.filter(pk=entry.pk).update(deleted_at=nearly)
    stored = TimeEntry.all_objects.get(pk=entry.pk)
    corrections.restore_record(actor=cast["mentor"], item=stored)
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_a_live_entry_cannot_be_restored_and_a_deleted_one_not_edited(client, cast):
    entry = _entry(cast)
    client.force_login(cast["mentor"])
    assert client.post(_url("time-restore", entry)).status_code == 404
    corrections.delete_record(actor=cast["mentor"], item=entry)
    assert client.get(_url("time-edit", entry)).status_code == 404


def test_the_observer_corrects_deletes_and_restores_an_observation(client, cast):
    observation = cast["observation"]
    client.force_login(cast["mentor"])
    listing = client.get(_url("observation-list", cast["relationship"])).content.decode()
    assert "Questioning in Year 8 science" in listing
    assert _url("observation-delete", observation) in listing
    page = client.get(_url("observation-edit", observation)).content.decode()
    assert 'name="observed_on_day"' in page
    client.post(_url("observation-delete", observation))
    assert not Observation.objects.filter(pk=observation.pk).exists()
    assert AuditEvent.objects.filter(action="observation.delete").exists()
    client.post(_url("observation-restore", observation))
    assert Observation.objects.filter(pk=observation.pk).exists()
    client.force_login(cast["mentee"])  # observed, not the observer
    assert client.post(_url("observation-delete", observation)).status_code == 403


def _num_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("name", ["time-list", "observation-list"])
def test_the_list_pages_make_the_same_number_of_queries_for_more_rows(client, cast, name):
    relationship = cast["relationship"]
    client.force_login(cast["mentor"])
    url = _url(name, relationship)
    client.get(url)  # warm the session and site caches
    # session, user, relationship (+programme), membership, live rows (+author, goal),
    # recently deleted rows (+author, goal), then the layout's shared context.
    before = _num_queries(client, url)
    assert before <= 12
    for index in range(5):
        entry = record.add_time(
            actor=cast["mentee"],
            relationship=relationship,
            fields={"kind": "reflection", "minutes": 15, "spent_on": timezone.localdate()},
        )
        observation = record.add_observation(
            actor=cast["mentor"],
            relationship=relationship,
            fields={
                "goal": cast["goal"],
                "observed_on": timezone.localdate(),
                "focus": f"Focus {index}",
            },
        )
    corrections.delete_record(actor=cast["mentor"], item=_entry(cast))
    corrections.delete_record(actor=cast["mentor"], item=observation)
    corrections.delete_record(actor=cast["mentee"], item=entry)
    assert _num_queries(client, url) == before


def test_subject_access_pack_includes_deleted_time_and_observations(cast):
    corrections.delete_record(actor=cast["mentor"], item=_entry(cast))
    corrections.delete_record(actor=cast["mentor"], item=cast["observation"])
    buffer = io.BytesIO()
    write_pack(cast["mentor"], buffer)
    archive = zipfile.ZipFile(buffer)
    times = json.loads(archive.read("time_entries.json"))
    observations = json.loads(archive.read("observations.json"))
    assert [row["deleted_at"] is not None for row in times] == [True]
    assert observations[0]["feedback"] == "Strong wait time."
    assert observations[0]["deleted_at"] is not None


def test_erasure_blanks_deleted_rows_too(cast, django_capture_on_commit_callbacks):
    entry = _entry(cast)
    TimeEntry.objects.filter(pk=entry.pk).update(note="Dana's lesson on forces")
    corrections.delete_record(actor=cast["mentor"], item=entry)
    corrections.delete_record(actor=cast["mentor"], item=cast["observation"])
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(actor=None, subject=cast["mentee"])
    assert TimeEntry.all_objects.get(pk=entry.pk).note == ""
    assert Observation.all_objects.get(pk=cast["observation"].pk).feedback == ""
