"""Enrolment imports: invite by email and role through invite_people; re-import is a no-op."""

from tandem.imports.services import set_mapping, start_commit, start_import
from tandem.imports.tests.helpers import csv_upload
from tandem.programmes.models import Enrolment


def run(cast, rows):
    job = start_import(
        actor=cast["coordinator"],
        kind="enrolments",
        upload=csv_upload(rows, headers=["Email", "Role"]),
        programme=cast["programme"],
    )
    return set_mapping(actor=cast["coordinator"], job=job, mapping=job.mapping)


def test_enrolments_are_invited_once(cast):
    rows = [[cast["leader"].email, "Mentor"], [cast["mentee"].email, "mentee"]]
    job = run(cast, rows)
    assert [entry["action"] for entry in job.report] == ["create", "unchanged"]
    start_commit(actor=cast["coordinator"], job=job)
    assert Enrolment.objects.get(user=cast["leader"]).status == Enrolment.Status.INVITED
    again = run(cast, rows)
    assert [entry["action"] for entry in again.report] == ["unchanged", "unchanged"]


def test_strangers_and_bad_roles_are_rejected(cast):
    job = run(cast, [[cast["outsider"].email, "Mentor"], [cast["leader"].email, "Boss"]])
    assert [entry["action"] for entry in job.report] == ["reject", "reject"]
    assert "works in this programme" in job.report[0]["errors"][0]["message"]
    assert "Unknown role" in job.report[1]["errors"][0]["message"]
