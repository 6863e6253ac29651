"""The study's lists cost the same number of queries however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.research.models import Document, Participant
from tandem.research.tests.cast import build_study_cast


@pytest.fixture
def cast(db):
    return build_study_cast()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_rows(cast, count: int) -> None:
    strand = cast["strands"]["Service users"]
    for number in range(count):
        participant = Participant.objects.create(
            study=cast["study"],
            strand=strand,
            name=f"Extra Person {number}",
            pseudonym=f"User {number + 10}",
            consent=Participant.Consent.GIVEN,
            consent_method="Signed form",
        )
        Document.objects.create(
            study=cast["study"],
            participant=participant,
            title=f"Interview {number}",
            source_format=Document.Format.TXT,
            text="Words.",
            pseudonyms_reviewed_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # session, user; study, team role; the programme's organisations; participants
        # with strand, user and organisation; people to invite; strands (4: each strand
        # select is built and rendered).
        ("research:participants", 11),
        # session, user; study, team role (view, READ_DATA, the lead's status form);
        # consenting count; strands; team with users; documents with participant, strand.
        ("research:study-detail", 10),
        # session, user; study, team role; the programme's organisations; members with
        # users; people who may be added.
        ("research:team", 7),
    ],
)
def test_list_pages_are_bounded(cast, client, name, expected):
    client.force_login(cast["lead"])
    url = reverse(name, args=[cast["study"].uuid])
    assert queries(client, url) == expected
    add_rows(cast, 6)
    assert queries(client, url) == expected


def test_my_research_is_bounded(cast, client):
    client.force_login(cast["participant"])
    url = reverse("research:my-research")
    assert queries(client, url) <= 10
