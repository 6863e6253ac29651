"""The enrolment list is paged and filtered: by name, by status, and to applications
awaiting a decision ("needs attention"), keeping the filters from page to page."""

import pytest
from django.urls import reverse

from tandem.programmes.models import Enrolment
from tandem.testing.workflow import person

pytestmark = pytest.mark.django_db


def _apply(cast, count):
    for index in range(count):
        Enrolment.objects.create(
            programme=cast["programme"],
            user=person(cast["moorland"], f"Applicant {index:02d}"),
            role="mentee",
            status="applied",
        )


def _get(client, cast, **query):
    url = reverse("programmes:enrolment-list", args=[cast["programme"].uuid])
    return client.get(url, query)


def test_paged_with_the_filters_kept(client, cast):
    _apply(cast, 52)
    client.force_login(cast["coordinator"])
    response = _get(client, cast, status="applied")
    assert response.context["page"].paginator.count == 53  # Frank applied too
    assert len(response.context["rows"]) == 50
    assert "status=applied&amp;page=2" in response.content.decode()
    assert len(_get(client, cast, status="applied", page=2).context["rows"]) == 3


def test_needs_attention_is_applications_awaiting_a_decision(client, cast):
    _apply(cast, 2)
    client.force_login(cast["coordinator"])
    rows = _get(client, cast, needs_attention="on").context["rows"]
    assert {enrolment.status for enrolment, _unmet in rows} == {"applied"}
    assert len(rows) == 3


def test_search_by_name(client, cast):
    _apply(cast, 3)
    client.force_login(cast["coordinator"])
    rows = _get(client, cast, q="applicant 01").context["rows"]
    assert [enrolment.user.full_name for enrolment, _unmet in rows] == ["Applicant 01"]
    body = _get(client, cast, q="nobody by this name").content.decode()
    assert "No enrolment matches these filters." in body


def test_the_same_queries_with_more_enrolments(client, cast, django_assert_max_num_queries):
    client.force_login(cast["coordinator"])
    _get(client, cast)
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as first:
        _get(client, cast)
    num_queries = len(first.captured_queries)
    _apply(cast, 60)
    with django_assert_max_num_queries(num_queries):
        assert _get(client, cast).status_code == 200
