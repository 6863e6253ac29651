"""Large imports stay bounded: the file is read a row at a time, rows are checked and saved
a chunk at a time, the stored report lists at most REPORT_LIMIT rows (rejected rows first)
while the counts cover every row, and progress is recorded as the work goes."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.accounts.models import User
from tandem.imports import people, processing
from tandem.imports.models import ImportJob
from tandem.imports.services import set_mapping, start_commit, start_import
from tandem.imports.tests.helpers import csv_upload, xlsx_upload
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def school(db, settings):
    settings.TANDEM_IMPORT_INLINE_ROWS = 1_000_000
    moorland = OrganisationFactory(name="Moorland Academy")
    leader = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    return {"moorland": moorland, "leader": leader}


def run(school, upload):
    job = start_import(
        actor=school["leader"], kind="people", upload=upload, organisation=school["moorland"]
    )
    return set_mapping(actor=school["leader"], job=job, mapping=job.mapping)


def person(number, manager=""):
    return [f"p{number}@example.org", f"Person {number}", "", "Teacher", "", "", manager, ""]


def test_the_report_of_5000_bad_rows_lists_1000_and_counts_the_rest(school):
    rows = [["not an email", f"Person {number}", "", "", "", "", "", ""] for number in range(5000)]
    job = run(school, csv_upload(rows))
    assert job.num_rejected == 5000
    assert len(job.report) == processing.REPORT_LIMIT == 1000
    assert [entry["row"] for entry in job.report] == list(range(2, 1002))
    assert all(entry["action"] == "reject" for entry in job.report)
    assert job.unlisted_rows == job.unlisted_rejected == 4000


def test_rejected_rows_are_listed_before_good_ones(school, client):
    rows = [person(number) for number in range(1500)]
    rows[1400][0] = "broken"  # row 1402
    job = run(school, csv_upload(rows))
    assert (job.num_create, job.num_rejected) == (1499, 1)
    assert len(job.report) == 1000
    assert job.report[-1]["row"] == 1402
    assert job.report[-1]["action"] == "reject"
    assert job.unlisted_rows == 500
    assert job.unlisted_rejected == 0
    client.force_login(school["leader"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "1000 rows of the file, rejected rows first" in page
    assert "And 500 more rows not listed here; the counts above include every row." in page


def test_a_file_larger_than_a_chunk_imports_all_or_nothing_with_progress(school, monkeypatch):
    # Small chunks, so the checks and the saving cross chunk boundaries.
    monkeypatch.setattr(people, "CHUNK", 7)
    monkeypatch.setattr(people, "PROGRESS_EVERY", 5)
    # Everyone reports to the person on the row after theirs, checked in a later chunk.
    rows = [person(number, f"p{number + 1}@example.org") for number in range(39)]
    rows.append(person(39))
    recorded = []
    real = processing._progress

    def recording(job, start=0, share=1.0):
        report = real(job, start, share)

        def wrapped(done):
            report(done)
            recorded.append(ImportJob.objects.get(pk=job.pk).processed_rows)

        return wrapped

    with mock.patch.object(processing, "_progress", recording):
        job = run(school, xlsx_upload(rows))
        assert job.num_create == 40, job.report
        assert recorded == [5, 10, 15, 20, 25, 30, 35, 40]
        recorded.clear()
        job = start_commit(actor=school["leader"], job=job)
    assert job.status == ImportJob.Status.COMMITTED, job.error
    # The check again is the first half of the bar, then saving the chunks the second half.
    assert recorded == sorted(recorded)
    assert recorded[0] == 2
    assert recorded[-1] == 40
    assert len(recorded) > 8
    managers = dict(
        Membership.objects.filter(
            organisation=school["moorland"], user__email__regex=r"^p[0-9]+@example\.org$"
        ).values_list("user__email", "line_manager__email")
    )
    assert managers == {
        f"p{number}@example.org": (f"p{number + 1}@example.org" if number < 39 else None)
        for number in range(40)
    }


def test_a_failure_in_a_late_chunk_undoes_the_earlier_chunks(school, monkeypatch):
    monkeypatch.setattr(people, "CHUNK", 3)
    real = people.add_memberships
    calls = []

    def failing_third_time(**kwargs):
        calls.append(len(kwargs["memberships"]))
        if len(calls) == 3:
            raise ValidationError("Some of these people are already members of the organisation.")
        return real(**kwargs)

    monkeypatch.setattr(people, "add_memberships", failing_third_time)
    job = run(school, csv_upload([person(number) for number in range(10)]))
    job = start_commit(actor=school["leader"], job=job)
    assert calls == [3, 3, 3]
    assert job.status == ImportJob.Status.FAILED
    assert "already members" in job.error
    assert not User.objects.filter(email__regex=r"^p[0-9]+@example\.org$").exists()


def test_a_windows_1252_byte_after_the_first_chunk_of_text_is_still_read(school):
    # The file is streamed, so the first non-UTF-8 byte is met long after the first block.
    content = (
        b"Email,Full name\n"
        + b"".join(b"a%d@example.org,A\n" % number for number in range(5000))
        + "zoe@example.org,Zoë Brontë\n".encode("cp1252")
    )
    upload = SimpleUploadedFile("staff.csv", content, "text/csv")
    job = start_import(
        actor=school["leader"], kind="people", upload=upload, organisation=school["moorland"]
    )
    assert job.encoding == "cp1252"
    assert job.total_rows == 5001
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    assert job.num_rejected == 0
    start_commit(actor=school["leader"], job=job)
    assert User.objects.get(email="zoe@example.org").full_name == "Zoë Brontë"
