"""The privacy list pages run the same number of queries however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.organisations.models import Membership
from tandem.privacy.models import DisposalLog, ErasureRequest, SubjectAccessPack
from tandem.testing.twofactor import give_two_factor
from tandem.testing.workflow import person


@pytest.fixture
def lead(cast):
    lead = person(cast["moorland"], "Priya Lead")
    Membership.objects.filter(user=lead).update(data_protection_lead=True)
    give_two_factor(lead)  # data-protection leads must have set up two-factor
    return lead


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_rows(cast, lead, number):
    for index in range(number):
        someone = person(cast["moorland"], f"Extra Person {index}")
        SubjectAccessPack.objects.create(subject=someone, requested_by=lead, status="ready")
        ErasureRequest.objects.create(
            subject=someone, organisation=cast["moorland"], reason="x", requested_by=lead
        )
        DisposalLog.objects.create(
            rule="import",
            model="imports.ImportJob",
            outcome="deleted",
            num_records=1,
            cutoff_on="2026-01-01",
        )


# Every page: the session, the user, and whether they are a data-protection lead; then
# the page's own rows.
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("privacy:lead-people", 6),  # + count of people, one page of them, packs asked for
        ("privacy:erasure-list", 4),  # + the requests with subject, asker, decider, school
        ("privacy:retention-schedule", 4),  # + the disposal log
    ],
)
def test_lead_pages_are_bounded(client, cast, lead, name, expected):
    client.force_login(lead)
    url = reverse(name)
    assert _count(client, url) == expected
    _more_rows(cast, lead, 6)
    assert _count(client, url) == expected


def test_my_data_is_bounded(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("privacy:my-data")
    # Session, user, their packs, whether they are a data-protection lead.
    assert _count(client, url) == 4
    for _index in range(5):
        SubjectAccessPack.objects.create(subject=cast["mentee"], status="ready")
    assert _count(client, url) == 4
