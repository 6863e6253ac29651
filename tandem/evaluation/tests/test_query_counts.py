"""The report and health check run a fixed number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.evaluation.refresh import refresh_report_snapshot
from tandem.evaluation.tests.cast import add_surveys, answer_all, more_pairs


def _answer_everyone(cast, pairs, surveys):
    for mentor, mentee in pairs:
        answer_all(surveys["mentee-baseline"], mentee, "mentee", 2)
        answer_all(surveys["mentee-end"], mentee, "mentee", 4)
        answer_all(surveys["check-in"], mentee, "mentee", 4)
        answer_all(surveys["check-in"], mentor, "mentor", 5)


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["evaluation:report", "evaluation:health"])
def test_same_queries_with_more_relationships(client, cast, django_assert_num_queries, view):
    surveys = add_surveys(cast)
    _answer_everyone(cast, more_pairs(cast, 5), surveys)
    client.force_login(cast["coordinator"])
    url = reverse(view, args=[cast["programme"].uuid])
    client.get(url)  # warm caches (session, site)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    _answer_everyone(cast, more_pairs(cast, 6), surveys)
    # The background task brings the stored report up to date (the page would queue it).
    refresh_report_snapshot(programme=cast["programme"])
    # Report: session; user; programme; coordinator check; snapshot; fingerprint
    # (relationships, conversations, responses); coordinator check for the page.
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200
