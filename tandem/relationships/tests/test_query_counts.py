"""List pages run a fixed number of queries, however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.testing.workflow import add_record, approve, pair, person

pytestmark = pytest.mark.django_db


def _more_pairs(cast, count):
    """More relationships, each with a full record, for the same mentor and the same mentee."""
    for index in range(count):
        mentee = person(cast["moorland"], f"Extra Mentee {index}")
        approve(cast["programme"], mentee, "mentee")
        relationship = pair(cast["coordinator"], cast["programme"], cast["mentor"], mentee)
        add_record(relationship, cast["mentor"], mentee)
        mentor = person(cast["moorland"], f"Extra Mentor {index}")
        approve(cast["programme"], mentor, "mentor")
        relationship = pair(cast["coordinator"], cast["programme"], mentor, cast["mentee"])
        add_record(relationship, mentor, cast["mentee"])


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("role", "url_name", "needs_programme"),
    [
        # session, user, relationships (with counts), members, agreements, signatures,
        # upcoming conversations, goals, actions due
        ("mentee", "relationships:my-mentoring", False),
        # session, user, relationships (with counts and prompts' inputs), members,
        # agreements, signatures, upcoming conversations
        ("mentor", "relationships:my-mentees", False),
        # session, user, programme, coordinator check, count, one page of relationships,
        # the page's relationships (with counts), members, agreements, signatures, open
        # change requests
        ("coordinator", "relationships:programme-overview", True),
        # session, user, programmes (with head counts), can-create check
        ("coordinator", "programmes:programme-list", False),
        # session, user, programme, coordinator check, count, one page of enrolments,
        # profiles with training
        ("coordinator", "programmes:enrolment-list", True),
    ],
)
def test_list_pages_have_bounded_query_counts(client, cast, role, url_name, needs_programme):
    url = reverse(url_name, args=[cast["programme"].uuid] if needs_programme else [])
    client.force_login(cast[role])
    before = _count(client, url)
    _more_pairs(cast, 3)
    client.force_login(cast[role])
    assert _count(client, url) == before
    assert before <= 12
