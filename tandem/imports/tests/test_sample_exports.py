"""Each sample export in samples/ (shaped like school systems' and Excel's staff files) imported
end to end through the pages: upload, read, match columns, check, import, invite."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.accounts.models import User
from tandem.imports.models import ImportJob
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def leader(db, client):
    # Lee leads Moorland Academy and imports its staff.
    moorland = OrganisationFactory(name="Moorland Academy")
    lee = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    client.force_login(lee)
    return lee


def upload(client, leader, name):
    organisation = leader.memberships.get().organisation
    content = (SAMPLES / name).read_bytes()
    response = client.post(
        reverse("imports:people-import", args=[organisation.uuid]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302, response.context["form"].errors
    return ImportJob.objects.get(file_name=name)


def check(client, job, **choices):
    """Submit the mapping form as the page offers it (its guesses and suggestions), with
    `choices` changed; returns the job and the page."""
    page = client.get(job.get_absolute_url())
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields} | choices
    response = client.post(job.get_absolute_url(), data)
    job.refresh_from_db()
    assert response.status_code == 302 or response.context["form"].errors, data
    return job, response


def commit(client, job, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("imports:job-commit", args=[job.uuid]), {"send_invitations": "on"} | extra
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED, job.error
    return job


def membership(email):
    return Membership.objects.select_related("user", "line_manager").get(user__email=email)


def test_a_report_in_windows_1252_with_title_rows_and_forename_surname_apart(
    client, leader, django_capture_on_commit_callbacks
):
    job = upload(client, leader, "report_with_title_rows.csv")
    assert (job.encoding, job.delimiter, job.heading_row) == ("cp1252", ",", 4)
    assert job.skipped_rows == ["Staff Details - Moorland Academy", "Printed 01/09/2025 by Admin"]
    assert job.mapping["first_name"] == "Legal Forename"
    assert job.mapping["preferred_name"] == "Preferred Forename"
    assert job.mapping["started_on"] == "Employment Start Date"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Read as Windows-1252 (Excel’s usual CSV) text" in page
    assert "Headings found on row 4" in page
    assert "Not imported: Staff Code, Title, Gender" in page
    # The file's role names, each with the suggested match for the leader to confirm.
    assert "“Teaching Assistant” in your file means" in page
    job, page = check(client, job)
    assert job.status == ImportJob.Status.PREVIEWED, page.context["form"].errors
    assert job.num_rejected == 0, job.report
    assert [entry["name"] for entry in job.report] == [
        "Aisha Khan",
        "Siân O’Neill",
        "Thomas Jones",
        "Zoë Brontë",
        "Rajesh Patel",
    ]
    assert job.report[2]["known_as"] == "Tom"
    assert job.report[0]["row"] == 5
    job = commit(client, job, django_capture_on_commit_callbacks)
    tom = membership("t.jones@moorland.example.org")
    assert (tom.user.full_name, tom.user.preferred_name) == ("Thomas Jones", "Tom")
    assert (tom.role_category, tom.job_title) == ("middle-leader", "Head of Science")
    assert tom.started_on.isoformat() == "2019-09-03"
    assert membership("s.oneill@moorland.example.org").role_category == "senior-leader"
    assert membership("z.bronte@moorland.example.org").role_category == "support"
    assert membership("a.khan@moorland.example.org").role_category == "headteacher"
    assert job.num_invited == 5
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        entry["email"] for entry in job.report
    )
    assert all(f"{settings.TANDEM_SITE_URL}/accounts/invitation/" in m.body for m in mail.outbox)


def test_a_workbook_report_with_title_rows_and_line_managers(
    client, leader, django_capture_on_commit_callbacks
):
    job = upload(client, leader, "report_with_title_rows.xlsx")
    assert (job.encoding, job.heading_row) == ("", 4)
    assert (
        "Read from the first sheet of the workbook"
        in client.get(job.get_absolute_url()).content.decode()
    )
    job, _page = check(client, job)
    assert job.num_rejected == 0, job.report
    commit(client, job, django_capture_on_commit_callbacks)
    dana = membership("d.wilson@moorland.example.org")
    assert dana.line_manager.email == "t.jones@moorland.example.org"
    assert dana.started_on.isoformat() == "2024-09-02"


@pytest.mark.parametrize("name", ["first_last_preferred.csv", "first_last_preferred.xlsx"])
def test_an_export_with_first_last_and_preferred_names(
    client, leader, django_capture_on_commit_callbacks, name
):
    job = upload(client, leader, name)
    assert job.mapping["email"] == "Email Address"
    assert job.mapping["last_name"] == "Last Name"
    job, _page = check(client, job)
    assert job.num_rejected == 0, job.report
    commit(client, job, django_capture_on_commit_callbacks)
    luke = membership("l.nowak@moorland.example.org")
    assert (luke.user.full_name, luke.user.preferred_name) == ("Łukasz Nowak", "Luke")
    assert luke.started_on.isoformat() == "2025-01-06"
    assert membership("g.oconnor@moorland.example.org").role_category == "middle-leader"


def test_surname_first_names_are_asked_about_not_turned_silently(
    client, leader, django_capture_on_commit_callbacks
):
    job = upload(client, leader, "surname_comma_forename.csv")
    assert job.comma_name_headers == ["Staff Name"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Order of names written with a comma" in page
    job, response = check(client, job)
    assert job.status == ImportJob.Status.MAPPING
    assert "Say which order they are in" in response.content.decode()
    job, _page = check(client, job, name_order="surname-first")
    assert job.num_rejected == 0, job.report
    assert [(entry["name"], entry["known_as"]) for entry in job.report] == [
        ("Aisha Khan", ""),
        ("Thomas Jones", "Tom"),
        ("Emily Smith-Jones", "Em"),
        ("Helen Okafor", ""),
    ]
    commit(client, job, django_capture_on_commit_callbacks)
    assert User.objects.get(email="h.okafor@moorland.example.org").full_name == "Helen Okafor"


def test_excel_uk_csv_in_windows_1252(client, leader, django_capture_on_commit_callbacks):
    job = upload(client, leader, "excel_uk_windows.csv")
    assert job.encoding == "cp1252"
    job, _page = check(client, job)
    assert job.num_rejected == 0, job.report
    commit(client, job, django_capture_on_commit_callbacks)
    assert User.objects.get(email="n.oshea@moorland.example.org").full_name == "Niamh O’Shea"
    renee = membership("r.garcia@moorland.example.org")
    assert (renee.user.full_name, renee.job_title) == (
        "Renée García",
        "Cover Supervisor (£ scale 4)",
    )


def test_semicolon_separated_file(client, leader, django_capture_on_commit_callbacks):
    job = upload(client, leader, "semicolons.csv")
    assert (job.encoding, job.delimiter) == ("utf-8-sig", ";")
    assert "separated by semicolons" in client.get(job.get_absolute_url()).content.decode()
    job, _page = check(client, job)
    assert job.num_rejected == 0, job.report
    commit(client, job, django_capture_on_commit_callbacks)
    ana = membership("a.novak@moorland.example.org")
    assert (ana.user.full_name, ana.job_title) == ("Ana Novák", "Teacher; Year 3")
    assert membership("e.rossi@moorland.example.org").role_category == "middle-leader"
