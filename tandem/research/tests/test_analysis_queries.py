"""The analysis list pages run a bounded number of queries, however many themes, quotes
and case summaries a study has."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.research.models import CaseSummary, Theme
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def add_theme(cast: dict, name: str) -> None:
    theme = Theme.objects.create(study=cast["study"], name=name, created_by=cast["lead"])
    theme.codes.add(cast["codes"]["time"], cast["codes"]["safety"])
    theme.quotes.add(*cast["segments"])


@pytest.mark.parametrize("url_name", ["research:analysis-theme-list", "research:analysis-report"])
def test_themes_do_not_add_queries(url_name):
    # The theme list: session and user, the study and the team role (twice, page and
    # edit rights), themes, their codes, their quotes with document, participant and
    # strand; the report adds the method and agreement figures, fixed in number.
    cast = build_study_cast()
    client = Client()
    client.force_login(cast["lead"])
    url = reverse(url_name, args=[cast["study"].uuid])
    add_theme(cast, "Time")
    first = count_queries(client, url)
    for number in range(4):
        add_theme(cast, f"Theme {number}")
    assert count_queries(client, url) == first


def test_case_summaries_do_not_add_queries():
    cast = build_study_cast()
    client = Client()
    client.force_login(cast["coder"])
    url = reverse("research:analysis-case-list", args=[cast["study"].uuid])
    # Session and user, the study, the team role (twice), participants with their summary,
    # and the summaries' quotes.
    first = count_queries(client, url)
    for pseudonym, segment in zip(
        ["Coach 1", "User 1", "Manager 1"], cast["segments"], strict=False
    ):
        summary = CaseSummary.objects.create(
            participant=cast["participants"][pseudonym],
            path_into_scheme="Asked.",
            practice_change="Changed.",
        )
        if segment.document.participant == summary.participant:
            summary.quotes.add(segment)
    assert count_queries(client, url) == first
