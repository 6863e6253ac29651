"""The choices a staff import offers: the heading row, role matches, the order of names,
and importing the valid rows while downloading the rejected ones (all or nothing stays
the default)."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.accounts.models import User
from tandem.imports.columns import PEOPLE_COLUMNS, guess_mapping
from tandem.imports.models import ImportJob
from tandem.imports.services import choose_heading_row, set_mapping, start_commit, start_import
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def school(db):
    # Lee leads Moorland, so may import its staff.
    moorland = OrganisationFactory(name="Moorland Academy")
    leader = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    return {"moorland": moorland, "leader": leader}


def csv_bytes(rows, delimiter=","):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode()


def start(school, content, name="staff.csv"):
    return start_import(
        actor=school["leader"],
        kind="people",
        upload=SimpleUploadedFile(name, content),
        organisation=school["moorland"],
    )


MIXED = [
    ["Email", "Forename", "Surname", "Role"],
    ["a@example.org", "Ann", "Able", "Teacher"],
    ["b@example.org", "Ben", "Baker", "Wizard"],
    ["c@example.org", "Cat", "Cole", "Teaching Assistant"],
]


def test_headings_are_common_school_system_names():
    headers = [
        "Staff Code",
        "Known As",
        "Legal Forename",
        "Legal Surname",
        "Work Email",
        "Employment Start Date",
        "Staff Role",
    ]
    assert guess_mapping(PEOPLE_COLUMNS, headers) == {
        "email": "Work Email",
        "first_name": "Legal Forename",
        "last_name": "Legal Surname",
        "preferred_name": "Known As",
        "role_category": "Staff Role",
        "started_on": "Employment Start Date",
    }
    assert guess_mapping(PEOPLE_COLUMNS, ["Email Address", "Name"])["email"] == "Email Address"


def test_forename_and_surname_stand_in_for_a_full_name(school):
    job = start(
        school, csv_bytes([["Email", "Forename", "Surname"], ["a@example.org", "Ann", "Able"]])
    )
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    assert job.report[0]["name"] == "Ann Able"
    # Neither a full name nor both halves: the mapping is refused, saying what is needed.
    with pytest.raises(ValidationError, match=r"Full name \(or Forename and Surname\)"):
        set_mapping(
            actor=school["leader"], job=job, mapping={"email": "Email", "first_name": "Forename"}
        )


def test_unknown_roles_list_the_accepted_ones_and_can_be_matched(school):
    job = start(school, csv_bytes(MIXED))
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    rejected = {entry["email"]: entry["errors"] for entry in job.report if entry["errors"]}
    assert set(rejected) == {"b@example.org", "c@example.org"}
    message = rejected["b@example.org"][0]["message"]
    assert "Unknown role “Wizard”" in message
    assert "Teacher or practitioner, Trainee, Middle leader" in message
    assert "Support staff" in message
    job = set_mapping(
        actor=school["leader"],
        job=job,
        mapping=job.mapping,
        role_mapping={"Wizard": "other", "Teaching Assistant": "support"},
    )
    assert job.num_rejected == 0
    start_commit(actor=school["leader"], job=job, send_invitations=False)
    roles = dict(
        Membership.objects.filter(user__email__in=["b@example.org", "c@example.org"]).values_list(
            "user__email", "role_category"
        )
    )
    assert roles == {"b@example.org": "other", "c@example.org": "support"}


def test_the_page_offers_suggested_role_matches(client, school):
    job = start(school, csv_bytes(MIXED))
    client.force_login(school["leader"])
    form = client.get(job.get_absolute_url()).context["form"]
    matches = {
        form.fields[name].label: form[name].value()
        for name in form.fields
        if name.startswith("role_value_")
    }
    # Teacher is Tandem's own name, so needs no match; an unknown role suggests nothing.
    assert matches == {
        "“Teaching Assistant” in your file means": "support",
        "“Wizard” in your file means": "",
    }


def test_all_or_nothing_is_the_default_and_the_valid_rows_can_be_imported_alone(client, school):
    job = start(school, csv_bytes(MIXED))
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    with pytest.raises(ValidationError, match="no errors"):
        start_commit(actor=school["leader"], job=job)
    assert not User.objects.filter(email="a@example.org").exists()
    client.force_login(school["leader"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Import the 1 valid row, leave out the 2 rejected" in page
    # The rejected rows, as the file holds them, with the reason for each.
    response = client.get(reverse("imports:job-rejected", args=[job.uuid]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Email", "Forename", "Surname", "Role", "Row", "Why it was rejected"]
    assert [row[:5] for row in rows[1:]] == [
        ["b@example.org", "Ben", "Baker", "Wizard", "3"],
        ["c@example.org", "Cat", "Cole", "Teaching Assistant", "4"],
    ]
    assert "Unknown role" in rows[1][5]
    client.post(reverse("imports:job-commit", args=[job.uuid]), {"valid_only": "on"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED
    assert job.skip_rejected
    assert set(
        User.objects.filter(email__endswith="@example.org").values_list("email", flat=True)
    ) >= {"a@example.org"}
    assert not User.objects.filter(email__in=["b@example.org", "c@example.org"]).exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 rejected rows were left out" in page


def test_a_row_managed_by_a_rejected_row_is_rejected_too(school):
    rows = [
        ["Email", "Full name", "Role", "Line manager email"],
        ["boss@example.org", "Bo Boss", "Wizard", ""],
        ["staff@example.org", "Sal Staff", "Teacher", "boss@example.org"],
    ]
    job = start(school, csv_bytes(rows))
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    assert job.num_rejected == 2
    assert "boss@example.org's own row is rejected" in job.report[1]["errors"][0]["message"]


def test_the_leader_can_choose_the_heading_row(school):
    rows = [["Staff"], ["Email", "Full name"], ["a@example.org", "Ann Able"]]
    job = start(school, csv_bytes(rows))
    assert job.heading_row == 2
    job = choose_heading_row(actor=school["leader"], job=job, heading_row=1)
    assert job.headers == ["Staff"]
    job = choose_heading_row(actor=school["leader"], job=job, heading_row=2)
    assert job.headers == ["Email", "Full name"]
    assert job.skipped_rows == ["Staff"]
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    assert job.report[0]["row"] == 3
    with pytest.raises(ValidationError, match="Row 9 is blank or beyond"):
        choose_heading_row(actor=school["leader"], job=job, heading_row=9)
    # The failed choice changed nothing.
    job.refresh_from_db()
    assert job.headers == ["Email", "Full name"]


def test_names_with_a_comma_are_never_turned_round_without_asking(school):
    rows = [["Email", "Name"], ["a@example.org", "Able, Ann"], ["b@example.org", "Baker, Ben"]]
    job = start(school, csv_bytes(rows))
    with pytest.raises(ValidationError, match="Say which order"):
        set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping, name_order="as-written")
    assert job.report[0]["name"] == "Able, Ann"
    job = set_mapping(
        actor=school["leader"], job=job, mapping=job.mapping, name_order="surname-first"
    )
    assert job.report[0]["name"] == "Ann Able"


def test_semicolons_and_windows_1252_are_detected_and_shown(client, school):
    content = "Email;Full name\r\nz@example.org;Zoë Brontë\r\n".encode("cp1252")
    job = start(school, content)
    assert (job.encoding, job.delimiter) == ("cp1252", ";")
    client.force_login(school["leader"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert (
        "Read as Windows-1252 (Excel’s usual CSV) text, with columns separated by semicolons."
        in page
    )
