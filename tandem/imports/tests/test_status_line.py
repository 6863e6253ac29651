"""An import job says where it stands in one sentence worked out from its final state: never
"ready to import" beside rows that cannot be imported."""

import pytest
from django.urls import reverse

from tandem.imports.models import ImportJob
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory


def _job(**fields):
    return ImportJob(kind=ImportJob.Kind.PEOPLE, file_name="staff.csv", **fields)


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"status": "mapping"}, "Waiting for you to match the file's columns."),
        (
            {"status": "previewing", "processed_rows": 40, "total_rows": 100},
            "Checking rows: 40 of 100 done.",
        ),
        (
            {"status": "previewed", "num_create": 3, "num_rejected": 5},
            "Cannot be imported yet: 5 rows have errors. Nothing has been saved.",
        ),
        (
            {"status": "previewed", "num_create": 3, "num_rejected": 1},
            "Cannot be imported yet: 1 row has errors. Nothing has been saved.",
        ),
        (
            {"status": "previewed", "num_create": 2, "num_update": 1},
            "Checked and ready to import: 3 changes.",
        ),
        (
            {"status": "previewed", "num_unchanged": 4},
            "Checked: nothing to import, as every row matches what Tandem holds.",
        ),
        (
            {"status": "committing", "processed_rows": 1, "total_rows": 4},
            "Importing: 25% done.",
        ),
        (
            {"status": "committed", "num_create": 1, "num_update": 2, "num_unchanged": 3},
            "Imported: 1 row added, 2 rows updated, 3 rows unchanged.",
        ),
        ({"status": "failed"}, "Could not be imported. Nothing has been saved."),
    ],
)
def test_the_status_sentence_follows_the_final_state(fields, sentence):
    assert _job(**fields).status_sentence == sentence


@pytest.mark.django_db
def test_a_job_with_rejected_rows_never_says_ready_to_import(client):
    leader = MembershipFactory(access=Membership.Access.LEADER)
    job = ImportJob.objects.create(
        kind=ImportJob.Kind.PEOPLE,
        organisation=leader.organisation,
        created_by=leader.user,
        file="imports/staff.csv",
        file_name="staff.csv",
        status=ImportJob.Status.PREVIEWED,
        num_create=3,
        num_rejected=5,
        total_rows=8,
        report=[
            {"row": 2, "email": "a@example.org", "name": "A", "action": "reject", "errors": []}
        ],
    )
    client.force_login(leader.user)
    page = client.get(reverse("imports:job-detail", args=[job.uuid])).content.decode()
    assert "Cannot be imported yet: 5 rows have errors." in page
    assert "ready to import" not in page.lower()
    assert "Import 3 changes" not in page
