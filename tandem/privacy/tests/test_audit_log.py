"""The data-protection lead's audit log: scope, filters, paging and the CSV export."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.audit.services import record_event
from tandem.privacy.tests.audit_cast import build_audit_cast

PAGE = reverse("privacy:audit-log")
EXPORT = reverse("privacy:audit-log-export")


@pytest.fixture
def cast(db):
    return build_audit_cast()


def _shown(response) -> list[tuple[str, str]]:
    return [
        (event.action, event.actor.full_name if event.actor else "")
        for event in response.context["page"]
    ]


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_lead_sees_their_peoples_events_and_records_concerning_them(client, cast):
    client.force_login(cast["dpo"])
    shown = _shown(client.get(PAGE))
    assert ("conversation.read", "Bob Mentor") in shown
    # A stranger refused one of Moorland's goals: it concerns Moorland's mentee.
    assert ("refused", "Stan Stranger") in shown
    # Faraway's outsider exporting their own goals concerns Faraway, not Moorland.
    assert ("export.goals", "Charlie Outsider") not in shown


def test_another_schools_lead_sees_none_of_moorlands_events(client, cast):
    client.force_login(cast["other_dpo"])
    shown = _shown(client.get(PAGE))
    assert ("export.goals", "Charlie Outsider") in shown
    assert not [row for row in shown if row[1] in {"Bob Mentor", "Stan Stranger"}]


def test_filters_by_person_action_object_and_dates(client, cast):
    client.force_login(cast["dpo"])
    assert {name for _, name in _shown(client.get(PAGE, {"person": "bob"}))} == {"Bob Mentor"}
    by_action = _shown(client.get(PAGE, {"action": "conversation.read"}))
    assert {action for action, _ in by_action} == {"conversation.read"}
    by_object = client.get(PAGE, {"object_uuid": str(cast["goal"].uuid)})
    assert {event.object_uuid for event in by_object.context["page"]} == {cast["goal"].uuid}
    with time_machine.travel("2030-01-15 12:00", tick=False):
        record_event(actor=cast["mentor"], action="goal.read", target=cast["goal"])
    in_2030 = client.get(PAGE, {"from_date": "2030-01-15", "to_date": "2030-01-15"})
    assert _shown(in_2030) == [("goal.read", "Bob Mentor")]
    assert _shown(client.get(PAGE, {"from_date": "2030-01-16"})) == []


def test_bad_filters_say_what_is_wrong(client, cast):
    client.force_login(cast["dpo"])
    response = client.get(PAGE, {"from_date": "2026-05-02", "to_date": "2026-05-01"})
    assert "The end date must be on or after the start date." in response.content.decode()
    response = client.get(EXPORT, {"object_uuid": "not-a-uuid"})
    assert response.status_code == 400
    assert "Enter a record identifier as shown in the Record column." in response.content.decode()
    assert not AuditEvent.objects.filter(action="audit-log.export").exists()


def test_the_export_is_formula_safe_filtered_and_audited(client, cast):
    cast["mentor"].full_name = '=HYPERLINK("http://evil.example")'
    cast["mentor"].save(update_fields=["full_name"])
    client.force_login(cast["dpo"])
    response = client.get(EXPORT, {"person": "hyperlink"})
    assert response["Content-Disposition"] == 'attachment; filename="tandem-audit-log.csv"'
    rows = _csv(response)
    assert rows
    assert {row["Person"] for row in rows} == {'\'=HYPERLINK("http://evil.example")'}
    event = AuditEvent.objects.get(action="audit-log.export")
    assert (event.actor, event.detail) == (cast["dpo"], "person=hyperlink")


def test_the_page_runs_the_same_queries_however_long_the_log(
    client, cast, django_assert_num_queries
):
    client.force_login(cast["dpo"])
    # session, user, the lead's organisations, the distinct actions, the newest events
    # (one batch), the matching ones among them, the page
    with django_assert_num_queries(7):
        client.get(PAGE)
    for _ in range(120):
        record_event(actor=cast["mentor"], action="goal.read", target=cast["goal"])
    with django_assert_num_queries(7):
        response = client.get(PAGE, {"page": "2"})
    assert len(response.context["page"]) == 50


def test_pages_walk_the_log_in_batches_past_other_schools_events(client, cast, monkeypatch):
    from tandem.privacy.selectors import audit  # noqa: PLC0415

    monkeypatch.setattr(audit, "WALK_BATCH", 7)
    for index in range(60):
        # Moorland's events between runs of Faraway's, which the walk must skip.
        record_event(actor=cast["mentor"], action="goal.read", target=cast["goal"])
        if index % 3 == 0:
            for _ in range(10):
                record_event(actor=cast["outsider"], action="export.goals", target=cast["outsider"])
    client.force_login(cast["dpo"])
    first = client.get(PAGE)
    assert len(first.context["page"]) == 50
    assert first.context["page"].has_next
    assert "Next page" in first.content.decode()
    second = client.get(PAGE, {"page": "2"})
    assert not second.context["page"].has_next
    shown = [event.pk for event in [*first.context["page"], *second.context["page"]]]
    assert len(shown) == len(set(shown))
    assert not {action for action, name in _shown(second) if name == "Charlie Outsider"}
